/// One `opentelemetry.proto.common.v1.KeyValue` (opentelemetry-proto,
/// `opentelemetry/proto/common/v1/common.proto`: `string key = 1;
/// AnyValue value = 2;`), as an element of a ``OTLPAnyValue/keyValueList(_:)``.
public struct OTLPKeyValue: Sendable, Hashable {
  /// The key.
  public var key: String
  /// The value (``OTLPAnyValue/empty`` when the `value` field is absent).
  public var value: OTLPAnyValue

  /// Creates a key/value pair.
  public init(key: String, value: OTLPAnyValue) {
    self.key = key
    self.value = value
  }
}

/// Bounds the OTLP/protobuf decoder holds a request to, so hostile input
/// costs bounded memory and stack (``OTLPProtobufDecoder``). Past a bound the
/// body is refused (``OTLPProtobufDecodeError``).
public struct OTLPProtobufLimits: Sendable, Hashable {
  /// Deepest `AnyValue` nesting: an attribute's value is level 1, a value
  /// inside its `array_value` or `kvlist_value` level 2, and so on. Default
  /// 64: GenAI attributes (messages as arrays of key/value lists) need a
  /// handful of levels; the decoder's recursion is bounded by this figure.
  public var maxAnyValueDepth: Int
  /// Most attribute values in one request, counting every `KeyValue` of
  /// resources and spans and every `AnyValue` inside arrays and key/value
  /// lists. Default 1 000 000 (a 10 000-span request with 30 attributes a
  /// span holds 300 000).
  public var maxAttributeValues: Int

  /// Creates limits; the defaults are documented on each property.
  public init(maxAnyValueDepth: Int = 64, maxAttributeValues: Int = 1_000_000) {
    self.maxAnyValueDepth = maxAnyValueDepth
    self.maxAttributeValues = maxAttributeValues
  }

  /// The documented defaults.
  public static let `default` = OTLPProtobufLimits()
}

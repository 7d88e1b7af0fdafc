/// Why an OTLP/JSON body could not be decoded at all (``OTLPJSONDecoder``):
/// it is not valid UTF-8, not strict JSON (the rules of the TelemetrySchema
/// article: RFC 8259, names unique in every object, no byte-order mark), not
/// a JSON object, or its `resourceSpans` is not an array. The receiver
/// answers such a body with 400; no span of it is taken.
///
/// Problems of single spans in a well-formed body (an invalid id, a GenAI
/// attribute out of range) are not this error: they reject that span only
/// (``TelemetryDecodeResult/errors``).
public struct OTLPJSONDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The member at fault: a top-level name such as `resourceSpans`, or
  /// `nil` when the problem is the text as a whole.
  public var field: String?
  /// What is wrong, in the words the file readers use (e.g. `invalid JSON`,
  /// `invalid UTF-8`, `not a JSON object`).
  public var reason: String

  /// Creates an error.
  public init(field: String?, reason: String) {
    self.field = field
    self.reason = reason
  }

  /// `FIELD: REASON`, or the reason alone when no field is named.
  public var description: String { field.map { "\($0): \(reason)" } ?? reason }
}

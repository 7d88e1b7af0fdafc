/// Why an OTLP/protobuf body could not be decoded at all: the bytes are not
/// a well-formed `ExportTraceServiceRequest` (truncated, a length past the
/// end of its message, a varint longer than 64 bits, a group, a known field
/// with the wrong wire type, invalid UTF-8 in a string, an `AnyValue`
/// nested too deep, too many attribute values). The receiver answers such a
/// body with 400; no span of it is taken.
///
/// Problems of single spans in a well-formed body (an invalid id, a GenAI
/// attribute out of range) are not this error: they reject that span only
/// (``TelemetryDecodeResult/errors``).
public struct OTLPProtobufDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Offset in the body, in bytes from 0, where the faulty item starts (the
  /// tag, length or value that could not be read).
  public var offset: Int
  /// The field being read, as a path of proto field names with repeated
  /// indices, e.g. `resource_spans[0].scope_spans[1].spans[3].trace_id`; ""
  /// at the top level.
  public var field: String
  /// What is wrong, e.g. `truncated varint`.
  public var reason: String

  /// Creates an error.
  public init(offset: Int, field: String, reason: String) {
    self.offset = offset
    self.field = field
    self.reason = reason
  }

  /// `byte OFFSET: FIELD: REASON` (the field left out at the top level).
  public var description: String {
    field.isEmpty ? "byte \(offset): \(reason)" : "byte \(offset): \(field): \(reason)"
  }

  /// The error with `component` put in front of its field path (used on the
  /// way out of nested messages, so paths cost nothing unless an error
  /// happens).
  func within(_ component: String) -> OTLPProtobufDecodeError {
    var e = self
    e.field = field.isEmpty ? component : "\(component).\(field)"
    return e
  }
}

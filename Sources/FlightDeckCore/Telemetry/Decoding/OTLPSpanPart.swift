/// The part of a span the GenAI mapping rejects (see ``OTLPSpanOutcome``),
/// named independently of the encoding: OTLP/JSON spells the end time
/// `endTimeUnixNano`, OTLP/protobuf `end_time_unix_nano`.
enum OTLPSpanPart: Sendable, Hashable {
  /// The span's end time (a GenAI span longer than one day).
  case endTime
  /// An attribute, by key (also the pseudo-key `gen_ai.usage` for a priced
  /// cost out of bounds).
  case attribute(String)

  /// The part as a field path component: `endTimeUnixNano` or
  /// `attributes[key]` when `json`, else `end_time_unix_nano` or
  /// `attributes[key]`.
  func name(json: Bool) -> String {
    switch self {
    case .endTime: json ? "endTimeUnixNano" : "end_time_unix_nano"
    case .attribute(let key): "attributes[\(key)]"
    }
  }
}

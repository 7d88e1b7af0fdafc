/// The wire type in the low 3 bits of a protobuf field tag (Protocol Buffers
/// encoding guide, <https://protobuf.dev/programming-guides/encoding/>,
/// "Message Structure"). 6 and 7 are invalid.
enum ProtobufWireType: UInt8, Sendable {
  /// VARINT: int32, int64, uint32, uint64, sint32, sint64, bool, enum.
  case varint = 0
  /// I64: fixed64, sfixed64, double (8 bytes, little-endian).
  case fixed64 = 1
  /// LEN: string, bytes, embedded messages, packed repeated fields.
  case lengthDelimited = 2
  /// SGROUP: group start (deprecated; never used by OTLP).
  case startGroup = 3
  /// EGROUP: group end (deprecated; never used by OTLP).
  case endGroup = 4
  /// I32: fixed32, sfixed32, float (4 bytes, little-endian).
  case fixed32 = 5

  /// The guide's name, for error messages: `VARINT`, `I64`, `LEN`, `SGROUP`,
  /// `EGROUP`, `I32`.
  var name: String {
    switch self {
    case .varint: "VARINT"
    case .fixed64: "I64"
    case .lengthDelimited: "LEN"
    case .startGroup: "SGROUP"
    case .endGroup: "EGROUP"
    case .fixed32: "I32"
    }
  }
}

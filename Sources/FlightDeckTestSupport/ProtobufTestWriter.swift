/// A minimal protobuf writer for hand-made test bodies (Protocol Buffers
/// encoding guide, <https://protobuf.dev/programming-guides/encoding/>). Test
/// code only: it writes whatever it is told, malformed included.
public struct ProtobufTestWriter {
  /// The bytes written so far.
  public var bytes: [UInt8] = []

  /// An empty writer.
  public init() {}

  /// Appends a base-128 varint.
  public mutating func varint(_ v: UInt64) {
    var v = v
    while v >= 0x80 {
      bytes.append(UInt8(v & 0x7F) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  /// Appends a tag `field << 3 | wireType`.
  public mutating func tag(_ field: Int, _ wireType: UInt8) { varint(UInt64(field) << 3 | UInt64(wireType)) }

  /// Appends a LEN field.
  public mutating func message(_ field: Int, _ content: [UInt8]) {
    tag(field, 2)
    varint(UInt64(content.count))
    bytes += content
  }

  /// Appends a LEN field built by `build`.
  public mutating func message(_ field: Int, _ build: (inout ProtobufTestWriter) -> Void) {
    var inner = ProtobufTestWriter()
    build(&inner)
    message(field, inner.bytes)
  }

  /// Appends a string field.
  public mutating func string(_ field: Int, _ s: String) { message(field, Array(s.utf8)) }

  /// Appends a VARINT field.
  public mutating func varintField(_ field: Int, _ v: UInt64) {
    tag(field, 0)
    varint(v)
  }

  /// Appends an I64 field, little-endian.
  public mutating func fixed64(_ field: Int, _ v: UInt64) {
    tag(field, 1)
    for k in 0..<8 { bytes.append(UInt8((v >> (8 * UInt64(k))) & 0xFF)) }
  }

  /// A `KeyValue` with a string value.
  public static func keyValue(_ key: String, string value: String) -> [UInt8] {
    var w = ProtobufTestWriter()
    w.string(1, key)
    w.message(2) { $0.string(1, value) }
    return w.bytes
  }

  /// A `KeyValue` with an int value.
  public static func keyValue(_ key: String, int value: Int64) -> [UInt8] {
    var w = ProtobufTestWriter()
    w.string(1, key)
    w.message(2) { $0.varintField(3, UInt64(bitPattern: value)) }
    return w.bytes
  }

  /// A span: trace id 0x01…0x10, span id 0x11…0x18, start 1 700 000 000 s,
  /// 1.5 s long, the given attributes (KeyValue messages).
  public static func span(attributes: [[UInt8]], extra: (inout ProtobufTestWriter) -> Void = { _ in })
    -> [UInt8]
  {
    var w = ProtobufTestWriter()
    w.message(1, Array(1...16))
    w.message(2, Array(17...24))
    w.string(5, "chat")
    w.varintField(6, 3)
    w.fixed64(7, 1_700_000_000_000_000_000)
    w.fixed64(8, 1_700_000_001_500_000_000)
    for a in attributes { w.message(9, a) }
    extra(&w)
    return w.bytes
  }

  /// A request with one resource (attributes given) and one scope holding
  /// `spans`.
  public static func request(resource: [[UInt8]] = [], spans: [[UInt8]]) -> [UInt8] {
    var w = ProtobufTestWriter()
    w.message(1) { rs in
      rs.message(1) { r in
        for a in resource { r.message(1, a) }
      }
      rs.message(2) { ss in
        for s in spans { ss.message(2, s) }
      }
    }
    return w.bytes
  }
}

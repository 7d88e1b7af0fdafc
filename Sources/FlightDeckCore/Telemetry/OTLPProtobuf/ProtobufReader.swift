/// A cursor over the bytes of one protobuf message (or of a length-delimited
/// field inside one): reads tags and values of the four wire types OTLP uses,
/// every length checked against the bytes left in the enclosing message.
///
/// Encoding rules from the Protocol Buffers encoding guide
/// (<https://protobuf.dev/programming-guides/encoding/>): a tag is a varint
/// `field_number << 3 | wire_type`; varints are little-endian base-128, at
/// most 10 bytes for 64 bits; I64 and I32 values are little-endian; a LEN
/// value is a varint length then that many bytes. Groups (wire types 3, 4)
/// are refused rather than skipped: OTLP never uses them.
///
/// Every error is an ``OTLPProtobufDecodeError`` carrying the offset (from
/// the start of the whole body) where the faulty item starts; nothing here
/// traps on any input.
struct ProtobufReader {
  /// The whole body; offsets are relative to its start.
  let bytes: UnsafeRawBufferPointer
  /// The next byte to read.
  private(set) var offset: Int
  /// One past the last byte of this message.
  let end: Int

  /// A reader over all of `bytes`.
  init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
    self.offset = 0
    self.end = bytes.count
  }

  private init(bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) {
    self.bytes = bytes
    self.offset = start
    self.end = end
  }

  /// `true` when the message has no bytes left.
  var isAtEnd: Bool { offset >= end }

  /// An error at `offset` with no field path (the callers add it).
  func error(_ reason: String, at offset: Int) -> OTLPProtobufDecodeError {
    OTLPProtobufDecodeError(offset: offset, field: "", reason: reason)
  }

  /// Reads a base-128 varint of at most 10 bytes.
  /// - Throws: `truncated varint` when the message ends before its last byte;
  ///   `varint overflows 64 bits` when the 10th byte holds more than the one
  ///   bit left (or continues).
  mutating func readVarint() throws(OTLPProtobufDecodeError) -> UInt64 {
    let start = offset
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < end else {
        throw error("truncated varint (the message ends after \(offset - start) of its bytes)", at: start)
      }
      let b = bytes[offset]
      offset += 1
      if shift == 63, b > 1 {
        throw error("varint overflows 64 bits (10th byte 0x\(String(b, radix: 16)))", at: start)
      }
      result |= UInt64(b & 0x7F) << shift
      if b < 0x80 { return result }
      shift += 7
    }
  }

  /// Reads a field tag.
  /// - Returns: the field number (1 … 2^29 − 1), the wire type, and the
  ///   offset of the tag (for errors about the field).
  /// - Throws: on a truncated or overlong tag, field number 0 or above
  ///   2^29 − 1, wire type 6 or 7, or a group (wire type 3 or 4).
  mutating func readTag() throws(OTLPProtobufDecodeError) -> (
    field: Int, wireType: ProtobufWireType, offset: Int
  ) {
    let start = offset
    let key = try readVarint()
    let number = key >> 3
    guard number >= 1, number <= 536_870_911 else {
      throw error("field number \(number) out of range (1 to 536870911)", at: start)
    }
    guard let wireType = ProtobufWireType(rawValue: UInt8(key & 7)) else {
      throw error("field \(number): invalid wire type \(key & 7)", at: start)
    }
    if wireType == .startGroup || wireType == .endGroup {
      throw error(
        "field \(number): group (wire type \(wireType.rawValue), \(wireType.name)) refused: OTLP uses no groups",
        at: start)
    }
    return (Int(number), wireType, start)
  }

  /// Reads an I64 value (fixed64, double bits), little-endian.
  /// - Throws: `truncated I64 value` when fewer than 8 bytes are left.
  mutating func readFixed64() throws(OTLPProtobufDecodeError) -> UInt64 {
    guard end - offset >= 8 else {
      throw error("truncated I64 value (\(end - offset) bytes left, 8 needed)", at: offset)
    }
    let v = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    offset += 8
    return v
  }

  /// Reads an I32 value (fixed32, float bits), little-endian.
  /// - Throws: `truncated I32 value` when fewer than 4 bytes are left.
  mutating func readFixed32() throws(OTLPProtobufDecodeError) -> UInt32 {
    guard end - offset >= 4 else {
      throw error("truncated I32 value (\(end - offset) bytes left, 4 needed)", at: offset)
    }
    let v = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    offset += 4
    return v
  }

  /// Reads a LEN value and returns a reader over its bytes (the cursor moves
  /// past them).
  /// - Throws: on a bad length varint, or `length N runs past the end of the
  ///   enclosing message (M bytes left)`.
  mutating func readLengthDelimited() throws(OTLPProtobufDecodeError) -> ProtobufReader {
    let start = offset
    let length = try readVarint()
    guard length <= UInt64(end - offset) else {
      throw error(
        "length \(length) runs past the end of the enclosing message (\(end - offset) bytes left)", at: start)
    }
    let sub = ProtobufReader(bytes: bytes, from: offset, to: offset + Int(length))
    offset += Int(length)
    return sub
  }

  /// The bytes of this reader's message, from the cursor to its end, as an
  /// array.
  var remainingBytes: [UInt8] { Array(bytes[offset..<end]) }

  /// Reads a LEN value as a proto3 `string`: well-formed UTF-8 required (as
  /// protobuf's own parsers require for proto3 strings).
  /// - Throws: as ``readLengthDelimited()``, or `invalid UTF-8 at byte N`.
  mutating func readString() throws(OTLPProtobufDecodeError) -> String {
    let sub = try readLengthDelimited()
    let count = sub.end - sub.offset
    guard count > 0, let base = bytes.baseAddress else { return "" }
    let p = base.assumingMemoryBound(to: UInt8.self)
    if let bad = UTF8Validation.firstInvalid(p, from: sub.offset, to: sub.end) {
      throw error("invalid UTF-8 in a string (at byte \(bad))", at: bad)
    }
    return String(decoding: UnsafeBufferPointer(start: p + sub.offset, count: count), as: UTF8.self)
  }

  /// The reads above as functions of a reader, to pass where a read is
  /// chosen by the caller (a field read under its path): ``readString()``,
  /// ``readVarint()``, ``readFixed64()``, ``readLengthDelimited()``.
  static func string(_ r: inout Self) throws(OTLPProtobufDecodeError) -> String { try r.readString() }
  static func varint(_ r: inout Self) throws(OTLPProtobufDecodeError) -> UInt64 { try r.readVarint() }
  static func fixed64(_ r: inout Self) throws(OTLPProtobufDecodeError) -> UInt64 { try r.readFixed64() }
  static func lengthDelimited(_ r: inout Self) throws(OTLPProtobufDecodeError) -> Self {
    try r.readLengthDelimited()
  }

  /// Skips one value of `wireType` (an unknown field, or a known one this
  /// decoder does not need).
  /// - Throws: as the matching read.
  mutating func skip(_ wireType: ProtobufWireType) throws(OTLPProtobufDecodeError) {
    switch wireType {
    case .varint: _ = try readVarint()
    case .fixed64: _ = try readFixed64()
    case .lengthDelimited: _ = try readLengthDelimited()
    case .fixed32: _ = try readFixed32()
    case .startGroup, .endGroup:
      throw error("group (wire type \(wireType.rawValue)) refused: OTLP uses no groups", at: offset)
    }
  }

  /// Checks that a known field came with the wire type its declaration
  /// gives.
  /// - Parameters:
  ///   - expected: the declared type's wire type.
  ///   - tag: the tag as ``readTag()`` returned it.
  /// - Throws: `wire type N (NAME), expected M (NAME) for field F` at the
  ///   tag (the caller adds the field's name to the path).
  func expect(
    _ expected: ProtobufWireType, _ tag: (field: Int, wireType: ProtobufWireType, offset: Int)
  ) throws(OTLPProtobufDecodeError) {
    guard tag.wireType != expected else { return }
    throw OTLPProtobufDecodeError(
      offset: tag.offset, field: "",
      reason: "wire type \(tag.wireType.rawValue) (\(tag.wireType.name)), expected \(expected.rawValue) "
        + "(\(expected.name)) for field \(tag.field)")
  }
}

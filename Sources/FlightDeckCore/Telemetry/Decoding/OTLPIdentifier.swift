import Foundation

/// Decoding of OTLP trace and span ids.
///
/// OTLP/JSON (the spec's JSON encoding) writes ids as lowercase hex, but the
/// Collector and protobuf-JSON writers emit base64 (protobuf `bytes`), and
/// the proto examples use upper-case hex. Both are accepted: a string of
/// exactly `2 × byteCount` hex digits is hex; otherwise it must be base64
/// (standard or URL-safe alphabet, padding optional) of exactly `byteCount`
/// bytes. All-zero ids are invalid (OTLP spec: "an all-zero id is invalid").
enum OTLPIdentifier {
  /// The id as lowercase hex, or the reason it is invalid.
  static func hex(_ s: String, byteCount: Int) -> Result<String, OTLPProblem> {
    let u = Array(s.utf8)
    var bytes: [UInt8]
    if u.count == byteCount * 2, u.allSatisfy({ hexValue($0) != nil }) {
      bytes = []
      bytes.reserveCapacity(byteCount)
      var k = 0
      while k < u.count {
        bytes.append((hexValue(u[k]) ?? 0) << 4 | (hexValue(u[k + 1]) ?? 0))
        k += 2
      }
    } else {
      var t = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
      if t.utf8.count % 4 != 0 { t += String(repeating: "=", count: 4 - t.utf8.count % 4) }
      guard let d = Data(base64Encoded: t) else {
        return .failure(OTLPProblem("expected \(byteCount * 2) hex digits or base64 of \(byteCount) bytes"))
      }
      bytes = Array(d)
      guard bytes.count == byteCount else {
        return .failure(OTLPProblem("decodes to \(bytes.count) bytes, expected \(byteCount)"))
      }
    }
    if bytes.allSatisfy({ $0 == 0 }) { return .failure(OTLPProblem("all-zero id is invalid")) }
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(byteCount * 2)
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 15)])
    }
    return .success(String(decoding: out, as: UTF8.self))
  }

  private static func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case 0x30...0x39: c - 0x30
    case 0x61...0x66: c - 0x61 + 10
    case 0x41...0x46: c - 0x41 + 10
    default: nil
    }
  }
}

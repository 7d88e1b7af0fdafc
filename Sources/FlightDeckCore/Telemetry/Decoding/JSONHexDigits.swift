/// The four hex digits of a JSON `\uXXXX` escape (RFC 8259 §7), shared by
/// the strict JSON checker and the OTLP/JSON reader.
enum JSONHexDigits {
  /// The value of the four hex digits (either case) at `p[i ..< i + 4]`;
  /// `nil` when fewer than four bytes remain before `n` or one of them is
  /// not a hex digit.
  @inline(__always)
  static func value(_ p: UnsafePointer<UInt8>, at i: Int, end n: Int) -> UInt32? {
    guard n - i >= 4 else { return nil }
    var v: UInt32 = 0
    for k in 0..<4 {
      let c = p[i + k]
      let d: UInt8
      switch c {
      case 0x30...0x39: d = c - 0x30
      case 0x41...0x46: d = c - 0x41 + 10
      case 0x61...0x66: d = c - 0x61 + 10
      default: return nil
      }
      v = v << 4 | UInt32(d)
    }
    return v
  }
}

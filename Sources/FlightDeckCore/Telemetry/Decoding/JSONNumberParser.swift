#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Parses one JSON number (RFC 8259 §6) from bytes, correctly rounded.
///
/// Common case — a decimal significand of at most 19 digits whose value is
/// ≤ 2^53 and a power of ten with |e| ≤ 22 — is Clinger's fast path
/// (W. D. Clinger, "How to Read Floating Point Numbers Accurately", PLDI
/// 1990): both the significand and 10^|e| are exact doubles, so one IEEE
/// multiply or divide gives the correctly rounded result, the same double as
/// `strtod`. Everything else falls back to the C library's `strtod`.
enum JSONNumberParser {
  /// What was found at the cursor.
  enum Outcome {
    /// A number: its value, whether it was written as an integer (no
    /// fraction, no exponent), and the offset just past it.
    case number(Double, isInteger: Bool, end: Int)
    /// Valid-looking but not handled here (leading zeros, `1.`, huge
    /// exponent overflowing to infinity): the general decoder decides.
    case unusual
  }

  /// 10^`e` for `e` in 0…22 (exact doubles), 1 otherwise.
  ///
  /// A `switch` of constants rather than an array: the compiler makes it a
  /// constant table, so the hot path has no lazy-global check, no bounds
  /// check and no reference count.
  @inline(__always)
  static func exactPowerOfTen(_ e: Int) -> Double {
    switch e {
    case 1: 1e1
    case 2: 1e2
    case 3: 1e3
    case 4: 1e4
    case 5: 1e5
    case 6: 1e6
    case 7: 1e7
    case 8: 1e8
    case 9: 1e9
    case 10: 1e10
    case 11: 1e11
    case 12: 1e12
    case 13: 1e13
    case 14: 1e14
    case 15: 1e15
    case 16: 1e16
    case 17: 1e17
    case 18: 1e18
    case 19: 1e19
    case 20: 1e20
    case 21: 1e21
    case 22: 1e22
    default: 1e0
    }
  }

  /// Parses the number starting at `start` (a `-` or a digit) in `p[..<n]`.
  @inline(__always)
  static func parse(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) -> Outcome {
    var i = start
    let negative = p[i] == 0x2D
    if negative { i += 1 }
    guard i < n else { return .unusual }
    var mantissa: UInt64 = 0
    var digits = 0
    var exp10 = 0
    let first = p[i]
    if first == 0x30 {
      i += 1
      if i < n, p[i] &- 0x30 < 10 { return .unusual }  // leading zero
    } else if first &- 0x31 < 9 {
      while i < n {
        let dgt = p[i] &- 0x30
        if dgt >= 10 { break }
        if digits < 19 {
          mantissa = mantissa &* 10 &+ UInt64(dgt)
        } else {
          exp10 += 1
        }
        digits += 1
        i += 1
      }
    } else {
      return .unusual
    }
    var isInteger = true
    var truncated = digits > 19
    if i < n, p[i] == 0x2E {
      isInteger = false
      i += 1
      let fracStart = i
      while i < n {
        let dgt = p[i] &- 0x30
        if dgt >= 10 { break }
        if digits < 19 {
          if !(mantissa == 0 && dgt == 0 && digits == 0) {
            mantissa = mantissa &* 10 &+ UInt64(dgt)
            digits += 1
          }
          exp10 -= 1
        } else if dgt != 0 {
          truncated = true
        }
        i += 1
      }
      if i == fracStart { return .unusual }
    }
    if i < n, p[i] | 0x20 == 0x65 {  // e E
      isInteger = false
      i += 1
      var expNegative = false
      if i < n, p[i] == 0x2B || p[i] == 0x2D {
        expNegative = p[i] == 0x2D
        i += 1
      }
      let expStart = i
      var e = 0
      while i < n {
        let dgt = p[i] &- 0x30
        if dgt >= 10 { break }
        if e < 100_000 { e = e * 10 + Int(dgt) }
        i += 1
      }
      if i == expStart { return .unusual }
      exp10 += expNegative ? -e : e
    }
    if mantissa == 0 && !truncated {
      return .number(negative ? -0.0 : 0.0, isInteger: isInteger, end: i)
    }
    if !truncated, mantissa <= 1 << 53, exp10 >= -22, exp10 <= 22 {
      var v = Double(mantissa)
      if exp10 > 0 {
        v *= exactPowerOfTen(exp10)
      } else if exp10 < 0 {
        v /= exactPowerOfTen(-exp10)
      }
      return .number(negative ? -v : v, isInteger: isInteger, end: i)
    }
    let v = slowParse(p, start, i)
    guard v.isFinite else { return .unusual }
    return .number(v, isInteger: isInteger, end: i)
  }

  /// `strtod` on a NUL-terminated copy of `p[start..<end]`.
  static func slowParse(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double {
    let len = end - start
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: len + 1) { buf in
      for k in 0..<len { buf[k] = CChar(bitPattern: p[start + k]) }
      buf[len] = 0
      return strtod(buf.baseAddress!, nil)
    }
  }
}

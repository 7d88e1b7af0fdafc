/// UTF-8 well-formedness checks on raw bytes (Unicode 15, Table 3-7: no
/// overlong forms, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
  /// The offset of the first byte that starts an ill-formed sequence in
  /// `p[start..<end]`, or `nil` when all of it is well-formed.
  static func firstInvalid(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
    var i = start
    while i < end {
      let b0 = p[i]
      if b0 < 0x80 {
        i += 1
        continue
      }
      var need = 0
      var lo: UInt8 = 0x80
      var hi: UInt8 = 0xBF
      switch b0 {
      case 0xC2...0xDF: need = 1
      case 0xE0:
        need = 2
        lo = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED:
        need = 2
        hi = 0x9F
      case 0xF0:
        need = 3
        lo = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4:
        need = 3
        hi = 0x8F
      default: return i
      }
      guard i + need < end else { return i }
      let b1 = p[i + 1]
      guard b1 >= lo, b1 <= hi else { return i }
      for k in 2..<(need + 1) where p[i + k] & 0xC0 != 0x80 { return i }
      i += need + 1
    }
    return nil
  }

  /// Where the first ill-formed byte of a whole line is, and the top-level
  /// key whose value contains it (`nil` when it is outside any value or in a
  /// key). Returns `nil` when the line is valid UTF-8.
  ///
  /// Slow path only: walks the line tracking strings, escapes and depth.
  static func diagnose(_ line: UnsafeRawBufferPointer) -> TelemetryDecodeError? {
    guard let raw = line.baseAddress else { return nil }
    let p = raw.assumingMemoryBound(to: UInt8.self)
    guard let bad = firstInvalid(p, from: 0, to: line.count) else { return nil }
    var json = JSONStructure()
    var currentKey: Range<Int>? = nil
    var badInKey = false
    for i in 0..<bad {
      let key = json.lastString
      switch json.consume(p[i], at: i) {
      case .colon where json.depth == 1: currentKey = key
      case .comma where json.depth == 1: currentKey = nil
      default: break
      }
    }
    // The bad byte sits inside a string at depth 1 with no key yet: it is a key.
    if json.inString && json.depth == 1 && currentKey == nil { badInKey = true }
    var field: String? = nil
    if !badInKey, json.depth >= 1, let k = currentKey {
      field = String(decoding: UnsafeRawBufferPointer(rebasing: line[k]), as: UTF8.self)
    }
    return TelemetryDecodeError(field: field, reason: TelemetryDecodeError.Reason.invalidUTF8)
  }
}

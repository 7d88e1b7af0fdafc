/// Cheap timestamp probes for ``TailerOptions/timestampProbe``.
public enum TimestampProbe {
  /// The instant in a line's `"ts":"<RFC 3339>"` member (FlightDeck's JSON
  /// Lines schema), or `nil` if there is none or it does not parse.
  ///
  /// Scans for the key `"ts"` followed by `:` and a string, without decoding
  /// the JSON. Accepts `YYYY-MM-DDTHH:MM:SS` with an optional fraction
  /// (truncated to milliseconds) and `Z` or a `±HH:MM` offset (RFC 3339 §5.6);
  /// `t` or a space may stand for `T`.
  @Sendable public static func jsonTS(_ line: UnsafeRawBufferPointer) -> Timestamp? {
    let n = line.count
    var i = 0
    while i + 4 < n {
      if line[i] == 0x22, line[i + 1] == 0x74, line[i + 2] == 0x73, line[i + 3] == 0x22 {  // "ts"
        var j = i + 4
        while j < n, line[j] == 0x20 { j += 1 }
        if j < n, line[j] == 0x3A {  // :
          j += 1
          while j < n, line[j] == 0x20 { j += 1 }
          if j < n, line[j] == 0x22 { return parseRFC3339(line, from: j + 1) }
        }
      }
      i += 1
    }
    return nil
  }

  /// Parses an RFC 3339 date-time starting at `from` in `b`.
  static func parseRFC3339(_ b: UnsafeRawBufferPointer, from: Int) -> Timestamp? {
    var i = from
    func digits(_ count: Int) -> Int64? {
      guard i + count <= b.count else { return nil }
      var v: Int64 = 0
      for k in 0..<count {
        let d = b[i + k]
        guard d >= 0x30 && d <= 0x39 else { return nil }
        v = v * 10 + Int64(d - 0x30)
      }
      i += count
      return v
    }
    func expect(_ chars: [UInt8]) -> Bool {
      guard i < b.count, chars.contains(b[i]) else { return false }
      i += 1
      return true
    }
    guard let year = digits(4), expect([0x2D]), let month = digits(2), expect([0x2D]),
      let day = digits(2), expect([0x54, 0x74, 0x20]), let hour = digits(2), expect([0x3A]),
      let minute = digits(2), expect([0x3A]), let second = digits(2),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var ms: Int64 = 0
    if i < b.count, b[i] == 0x2E {  // .
      i += 1
      var places = 0
      while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
        if places < 3 { ms = ms * 10 + Int64(b[i] - 0x30) }
        places += 1
        i += 1
      }
      guard places > 0 else { return nil }
      var scale = places
      while scale < 3 {
        ms *= 10
        scale += 1
      }
    }
    var offsetMinutes: Int64 = 0
    guard i < b.count else { return nil }
    if b[i] == 0x5A || b[i] == 0x7A {  // Z
      i += 1
    } else if b[i] == 0x2B || b[i] == 0x2D {  // + or -
      let sign: Int64 = b[i] == 0x2D ? -1 : 1
      i += 1
      guard let oh = digits(2), expect([0x3A]), let om = digits(2) else { return nil }
      offsetMinutes = sign * (oh * 60 + om)
    } else {
      return nil
    }
    let days = Timestamp.days(year: year, month: month, day: day)
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
    return Timestamp(millisecondsSinceEpoch: seconds * 1000 + ms)
  }
}

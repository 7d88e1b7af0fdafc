/// Parses RFC 3339 date-times from bytes, without Foundation.
///
/// Accepts `YYYY-MM-DDTHH:MM:SS[.f]Z` with 0–9 fraction digits (RFC 3339 §5.6
/// allows any number; more than 9 is rejected here), `T`/`t` and `Z`/`z`, and
/// numeric offsets `±HH:MM` which are converted to UTC. ``parse(_:count:)``
/// truncates to whole milliseconds (fraction digits beyond the third are
/// dropped), ``microseconds(_:count:leniency:)`` to microseconds, and takes
/// the departures Python's `datetime` writes when asked (``Leniency``). Seconds may be 60 (a leap second), which lands on the next
/// minute's first second. Day-of-month is checked against the month (and leap
/// years, proleptic Gregorian).
public enum RFC3339Parser {
  /// Departures from RFC 3339 that some exporters write, accepted on request.
  public struct Leniency: OptionSet, Sendable {
    /// The option bits.
    public let rawValue: Int
    /// Creates a set from its bits.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// A space between date and time (`2025-06-01 12:00:00`, RFC 3339 §5.6's
    /// note; Python's `str(datetime)`, as LiteLLM and Langfuse exports write).
    public static let spaceSeparator = Leniency(rawValue: 1)
    /// No zone at all, read as UTC (Python's naive `datetime`).
    public static let zoneOptional = Leniency(rawValue: 2)
    /// What LiteLLM and Langfuse exports need: both.
    public static let pythonDateTime: Leniency = [.spaceSeparator, .zoneOptional]
  }

  /// Parses `count` bytes at `p`; `nil` when they are not a valid date-time.
  /// The result is truncated to whole milliseconds.
  @inline(__always)
  public static func parse(_ p: UnsafePointer<UInt8>, count n: Int) -> Timestamp? {
    guard let micros = microseconds(p, count: n) else { return nil }
    // Floor division: a fraction always moves a time forward, before 1970 too.
    let ms = micros >= 0 ? micros / 1000 : (micros - 999) / 1000
    return Timestamp(millisecondsSinceEpoch: ms)
  }

  /// Parses `count` bytes at `p` into microseconds since the epoch (fraction
  /// digits beyond the sixth dropped); `nil` when they are not a valid
  /// date-time under RFC 3339 and `leniency`.
  @inline(__always)
  public static func microseconds(_ p: UnsafePointer<UInt8>, count n: Int, leniency: Leniency = [])
    -> Int64?
  {
    // Minimum: "YYYY-MM-DDTHH:MM:SSZ" = 20 bytes, 19 without a zone.
    guard n >= (leniency.contains(.zoneOptional) ? 19 : 20) else { return nil }
    @inline(__always) func d(_ i: Int) -> Int64 {
      let v = Int64(p[i]) &- 48
      return (v >= 0 && v <= 9) ? v : -1_000_000
    }
    let year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3)
    let month = d(5) * 10 + d(6)
    let day = d(8) * 10 + d(9)
    let hour = d(11) * 10 + d(12)
    let minute = d(14) * 10 + d(15)
    let second = d(17) * 10 + d(18)
    let separator = p[10] == 0x54 || p[10] == 0x74 || (p[10] == 0x20 && leniency.contains(.spaceSeparator))
    guard year >= 0, month >= 1, month <= 12, day >= 1, hour >= 0, hour <= 23, minute >= 0,
      minute <= 59, second >= 0, second <= 60, p[4] == 0x2D, p[7] == 0x2D, separator, p[13] == 0x3A,
      p[16] == 0x3A
    else { return nil }
    guard day <= daysInMonth(year: year, month: month) else { return nil }
    var i = 19
    var micros: Int64 = 0
    if i < n, p[i] == 0x2E {  // '.'
      i += 1
      let start = i
      while i < n, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
      let digits = i - start
      guard digits >= 1, digits <= 9 else { return nil }
      for k in 0..<6 {
        micros = micros * 10 + (k < digits ? Int64(p[start + k] - 0x30) : 0)
      }
    }
    var offsetMinutes: Int64 = 0
    if i == n {
      guard leniency.contains(.zoneOptional) else { return nil }
    } else if p[i] == 0x5A || p[i] == 0x7A {  // Z z
      i += 1
    } else if p[i] == 0x2B || p[i] == 0x2D {  // + -
      guard n - i >= 6, p[i + 3] == 0x3A else { return nil }
      let oh = d(i + 1) * 10 + d(i + 2)
      let om = d(i + 4) * 10 + d(i + 5)
      guard oh >= 0, oh <= 23, om >= 0, om <= 59 else { return nil }
      offsetMinutes = (oh * 60 + om) * (p[i] == 0x2D ? -1 : 1)
      i += 6
    } else {
      return nil
    }
    guard i == n else { return nil }
    let days = Timestamp.days(year: year, month: month, day: day)
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
    return secs * 1_000_000 + micros
  }

  /// Parses a Swift string (see `parse(_:count:)`).
  public static func parse(_ s: String) -> Timestamp? {
    var s = s
    return s.withUTF8 { buf in
      guard let base = buf.baseAddress else { return nil }
      return parse(base, count: buf.count)
    }
  }

  /// Days in `month` of `year` (proleptic Gregorian).
  static func daysInMonth(year: Int64, month: Int64) -> Int64 {
    switch month {
    case 2:
      let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return leap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}

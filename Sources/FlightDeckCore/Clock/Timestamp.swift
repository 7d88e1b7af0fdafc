import Foundation

/// A point in time, as whole milliseconds since the Unix epoch (UTC).
///
/// FlightDeck's telemetry carries millisecond timestamps (RFC 3339 with three
/// fractional digits), so every window, bucket and rule works on this integer
/// rather than on `Date`, which keeps arithmetic exact and cheap.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Milliseconds since 1970-01-01T00:00:00Z. Negative values are before the epoch.
  public var millisecondsSinceEpoch: Int64

  /// Creates a timestamp from milliseconds since the Unix epoch.
  public init(millisecondsSinceEpoch: Int64) {
    self.millisecondsSinceEpoch = millisecondsSinceEpoch
  }

  /// Creates a timestamp from a `Date`, truncated toward negative infinity to
  /// whole milliseconds.
  public init(_ date: Date) {
    self.millisecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
  }

  /// The same instant as a `Date`.
  public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSinceEpoch) / 1000) }

  /// Earlier instants sort first.
  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
  }

  /// The timestamp `milliseconds` later (earlier when negative).
  public func adding(milliseconds: Int64) -> Timestamp {
    Timestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
  }

  /// Milliseconds from `other` to `self` (positive when `self` is later).
  public func milliseconds(since other: Timestamp) -> Int64 {
    millisecondsSinceEpoch - other.millisecondsSinceEpoch
  }

  /// RFC 3339 UTC with milliseconds, e.g. `2025-06-01T00:00:00.123Z`.
  public var description: String { rfc3339 }

  /// RFC 3339 UTC with milliseconds, e.g. `2025-06-01T00:00:00.123Z`.
  public var rfc3339: String {
    let ms = millisecondsSinceEpoch
    let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
    let msOfDay = ms - days * 86_400_000
    let (y, m, d) = Timestamp.civil(fromDays: days)
    let h = msOfDay / 3_600_000
    let mi = (msOfDay / 60_000) % 60
    let s = (msOfDay / 1000) % 60
    let f = msOfDay % 1000
    func pad(_ v: Int64, _ w: Int) -> String {
      let t = String(v)
      return t.count >= w ? t : String(repeating: "0", count: w - t.count) + t
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)).\(pad(f, 3))Z"
  }

  /// Days since the epoch for a proleptic Gregorian date.
  ///
  /// Howard Hinnant's `days_from_civil` algorithm
  /// (<https://howardhinnant.github.io/date_algorithms.html>).
  public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The proleptic Gregorian (year, month, day) of a day count since the epoch
  /// (Hinnant's `civil_from_days`).
  public static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }
}

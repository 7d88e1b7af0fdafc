import Foundation

/// Reads an HTTP `Retry-After` header (RFC 9110 §10.2.3): either a number
/// of seconds (`120`) or an HTTP-date in the preferred IMF-fixdate form
/// (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7).
public enum RetryAfter {
  /// The wait the header asks for, ms from `now` (0 for a date in the past),
  /// or `nil` when it is neither form (the header is then ignored).
  public static func milliseconds(_ header: String, now: Timestamp) -> Int64? {
    let text = header.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
    if text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
      // At most ten digits: past that the wait is capped by the policy anyway.
      guard let seconds = Int64(text.prefix(10)) else { return nil }
      return text.utf8.count > 10 ? Int64.max / 2 : seconds * 1000
    }
    guard let date = imfFixdate(text) else { return nil }
    return max(0, date.milliseconds(since: now))
  }

  /// `Sun, 06 Nov 1994 08:49:37 GMT` as a timestamp, or `nil`.
  public static func imfFixdate(_ text: String) -> Timestamp? {
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    let parts = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 6, parts[0].hasSuffix(","), days.contains(String(parts[0].dropLast())),
      parts[5] == "GMT", parts[1].count == 2, let day = Int64(parts[1]),
      let monthIndex = months.firstIndex(of: parts[2]), parts[3].count == 4, let year = Int64(parts[3])
    else { return nil }
    let clock = parts[4].split(separator: ":").map(String.init)
    guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }), let h = Int64(clock[0]),
      let m = Int64(clock[1]),
      let s = Int64(clock[2]), (1...31).contains(day), h < 24, m < 60, s < 61
    else { return nil }
    let epochDays = Timestamp.days(year: year, month: Int64(monthIndex + 1), day: day)
    return Timestamp(millisecondsSinceEpoch: ((epochDays * 24 + h) * 60 + m) * 60_000 + s * 1000)
  }
}

import Foundation
import Testing

@testable import FlightDeckCore

/// The bounds of a rules file's durations (issue 11, breaker finding F12: a
/// group `interval: 1ms`, windows and `for` of 99 999 999 y and a
/// `keep_firing_for` of 2^63 − 1 ms were accepted, and a 1 ms group kept a
/// dashboard core busy). Each bound is refused as
/// `file:line:column: field: message`; the columns below are counted by hand
/// from the text.
@Suite struct AlertRuleBoundsTests {
  /// A one-rule file; every value lands at a fixed column: `interval` at
  /// 3:15, the expression at 6:15, `for` at 7:14, `keep_firing_for` at 8:26.
  static func rules(interval: String, window: String, for hold: String, keep: String) -> String {
    """
    groups:
      - name: g
        interval: \(interval)
        rules:
          - alert: A
            expr: error_rate[\(window)] > 0
            for: \(hold)
            keep_firing_for: \(keep)
    """
  }

  static func errors(_ text: String) -> [String] {
    do {
      _ = try AlertRulesLoader.parse(text, file: "rules.yml")
      return []
    } catch let e as AlertRulesFileError {
      return e.errors.map(\.description)
    } catch {
      return ["\(error)"]
    }
  }

  /// The breaker's file: every duration out of bounds, each refused at its place.
  @Test func everyDurationOutOfBoundsIsRefusedAtItsPlace() {
    let text = Self.rules(
      interval: "1ms", window: "99999999y", for: "99999999y", keep: "9223372036854775807ms")
    #expect(
      Self.errors(text) == [
        "rules.yml:3:15: groups[0].interval: must be between 1s and 1h (as [alerts] evaluation_interval), found '1ms'",
        // `error_rate[` is 11 characters: the duration is the expression's
        // column 12, the file's 15 + 12 − 1 = 26.
        "rules.yml:6:26: groups[0].rules[0].expr: a window must be between 1s and 31d, found '99999999y'",
        "rules.yml:7:14: groups[0].rules[0].for: must be between 0s and 365d, found '99999999y'",
        "rules.yml:8:26: groups[0].rules[0].keep_firing_for: must be between 0s and 365d, found '9223372036854775807ms'",
      ])
  }

  /// Just inside each bound loads; one millisecond outside is refused.
  @Test func boundsAreInclusive() throws {
    let low = try AlertRulesLoader.parse(
      Self.rules(interval: "1s", window: "1s", for: "0", keep: "0s"), file: "rules.yml")
    #expect(low[0].intervalMs == 1000)
    #expect(low[0].rules[0].expression.longestWindowMs == 1000)
    #expect(low[0].rules[0].forMs == 0 && low[0].rules[0].keepFiringForMs == 0)
    let high = try AlertRulesLoader.parse(
      Self.rules(interval: "1h", window: "31d", for: "365d", keep: "1y"), file: "rules.yml")
    #expect(high[0].intervalMs == 3_600_000)
    #expect(high[0].rules[0].expression.longestWindowMs == 31 * 86_400_000)
    #expect(high[0].rules[0].forMs == 365 * 86_400_000)
    #expect(high[0].rules[0].keepFiringForMs == 365 * 86_400_000)

    #expect(
      Self.errors(Self.rules(interval: "999ms", window: "999ms", for: "365d1ms", keep: "52w2d"))
        == [
          "rules.yml:3:15: groups[0].interval: must be between 1s and 1h (as [alerts] evaluation_interval), found '999ms'",
          "rules.yml:6:26: groups[0].rules[0].expr: a window must be between 1s and 31d, found '999ms'",
          "rules.yml:7:14: groups[0].rules[0].for: must be between 0s and 365d, found '365d1ms'",
          // 52 w 2 d = 366 d.
          "rules.yml:8:26: groups[0].rules[0].keep_firing_for: must be between 0s and 365d, found '52w2d'",
        ])
    #expect(
      Self.errors(Self.rules(interval: "1h1ms", window: "31d1ms", for: "0", keep: "0"))
        == [
          "rules.yml:3:15: groups[0].interval: must be between 1s and 1h (as [alerts] evaluation_interval), found '1h1ms'",
          "rules.yml:6:26: groups[0].rules[0].expr: a window must be between 1s and 31d, found '31d1ms'",
        ])
  }

  /// A well-formed duration too long for 64-bit milliseconds is out of
  /// range, not malformed (`9223372036854775808ms` is 2^63 ms).
  @Test func durationBeyondInt64IsOutOfRangeNotMalformed() {
    #expect(
      Self.errors(Self.rules(interval: "15s", window: "5m", for: "0", keep: "9223372036854775808ms"))
        == [
          "rules.yml:8:26: groups[0].rules[0].keep_firing_for: must be between 0s and 365d, found '9223372036854775808ms'"
        ])
  }

  /// The expression parser bounds windows on its own (the CLI and the
  /// loader share it), at the duration's column.
  @Test func expressionParserBoundsWindows() throws {
    for (source, column, window) in [
      ("error_rate[1ms] > 0", 12, "1ms"),
      ("p95_latency_ms{route=\"canary\"}[32d] > 1", 32, "32d"),
      ("request_rate[5m] > 1 and error_rate[99999999y] > 0", 37, "99999999y"),
      ("burn_rate{slo=\"availability\"}[9223372036854775808ms] > 1", 31, "9223372036854775808ms"),
    ] {
      let e = #expect(throws: AlertExpressionError.self) { try AlertExpressionParser.parse(source) }
      #expect(e?.line == 1 && e?.column == column, "\(source)")
      #expect(e?.message == "a window must be between 1s and 31d, found '\(window)'", "\(source)")
    }
    #expect(try AlertExpressionParser.parse("error_rate[1500ms] > 0").longestWindowMs == 1500)
    #expect(try AlertExpressionParser.parse("error_rate[744h] > 0").longestWindowMs == 31 * 86_400_000)
  }
}

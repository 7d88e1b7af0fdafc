import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// Regular expressions in rules files and silences: refused when the file
/// loads (file, line, column, the matcher and RE2's reason), never at match
/// time; accepted ones are compiled once and match in linear time.
@Suite struct AlertRulesRegexTests {
  @Test func aRefusedPatternIsReportedWhereItIsWritten() {
    let text = """
      groups:
        - name: canary
          rules:
            - alert: Fine
              expr: error_rate{artefact=~"support-.*"} > 0.1
            - alert: Backreference
              expr: error_rate{artefact=~"(a)\\\\1"} > 0.1
            - alert: Lookahead
              expr: |
                error_rate > 0.1
                and p95_latency_ms{version=~"(?!v1)v.*"} > 800
      """
    let e = #expect(throws: AlertRulesFileError.self) { try AlertRulesLoader.parse(text, file: "rules.yml") }
    #expect(
      e?.errors.map(\.description) == [
        // The expression starts at column 15 of line 7; its string, at its column 22: 15 + 22 − 1 = 36.
        #"rules.yml:7:36: groups[0].rules[1].expr: expected a valid regular expression, found "(a)\\1": invalid escape sequence (backreferences are not supported, RE2 syntax): `\1`"#,
        // Block scalar from line 10 at indentation 10; the string is at column 29 of its line 2: 10 + 29 = 39.
        #"rules.yml:11:39: groups[0].rules[2].expr: expected a valid regular expression, found "(?!v1)v.*": invalid or unsupported Perl syntax (RE2 has no lookahead or lookbehind): `(?!`"#,
      ])
  }

  @Test func theBreakersRuleLoadsAndEvaluatesInLinearTime() throws {
    let text = """
      groups:
        - name: hostile
          rules:
            - alert: Breaker
              expr: error_rate{artefact=~"(a+)+b"} > 0
      """
    let groups = try AlertRulesLoader.parse(text, file: "rules.yml")
    let matcher = try #require(groups.first?.rules.first?.expression.conditions.first?.matchers.first)
    let hostile = String(repeating: "a", count: 30) + "!"
    var hits = 0
    for _ in 0..<200 where matcher.matches(["artefact": hostile]) { hits += 1 }
    #expect(hits == 0)
    #expect(matcher.matches(["artefact": String(repeating: "a", count: 30) + "b"]))
  }

  @Test func aSilenceIsStoredWithItsPatternAndRefusedWithRE2sReason() throws {
    let clock = TestClock()
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    let now = clock.now()
    let good = [AlertLabelMatcher(name: "artefact", op: .regex, value: "support-.*")]
    _ = try store.perform(
      .createSilence(
        matchers: good, startsAt: now, endsAt: now.adding(milliseconds: 3_600_000), comment: "deploy"),
      as: RegistryFixture.alice)
    let stored = try #require(try store.silences(includeExpired: false).first)
    #expect(stored.matchers == good)
    #expect(stored.matches(["artefact": "support-bot"]) && !stored.matches(["artefact": "billing"]))
    let bad = [AlertLabelMatcher(name: "artefact", op: .regex, value: "(a+)++")]
    let message = try RegistryFixture.expectRefusal(
      store,
      .createSilence(matchers: bad, startsAt: now, endsAt: now.adding(milliseconds: 1000), comment: "x"),
      as: RegistryFixture.alice, .invalidInput(field: "matchers"))
    #expect(
      message
        == #"bad matcher artefact=~"(a+)++": invalid regular expression: invalid nested repetition operator: `++`"#
    )
  }
}

import Testing

@testable import FlightDeckCore

/// The rules language: parsing, precedence, printing, and every error with
/// its line and column within the expression.
@Suite struct AlertExpressionParserTests {
  @Test func parsesAConditionWithSelectorWindowAndComparison() throws {
    let e = try AlertExpressionParser.parse(
      #"p95_latency_ms{artefact="support-bot",route="canary"}[5m] > 800"#)
    let c = try #require(e.conditions.first)
    #expect(c.metric == .p95LatencyMs)
    #expect(
      c.matchers == [
        AlertLabelMatcher(name: "artefact", op: .equal, value: "support-bot"),
        AlertLabelMatcher(name: "route", op: .equal, value: "canary"),
      ])
    #expect(c.windowMs == 300_000)
    #expect(c.comparison == .greater)
    #expect(c.threshold == 800)
    // Split by artefact and by route, which the selector names.
    #expect(c.splitLabels == ["artefact", "route"])
  }

  @Test func windowDefaultsToFiveMinutesAndIsNotPrinted() throws {
    let e = try AlertExpressionParser.parse("cost_usd_per_hour > 40")
    #expect(e.conditions.first?.windowMs == 300_000)
    #expect(e.conditions.first?.windowWritten == false)
    #expect(e.description == "cost_usd_per_hour > 40")
  }

  @Test func andBindsTighterThanOr() throws {
    let e = try AlertExpressionParser.parse("error_rate > 0.1 or error_rate[1m] > 0.2 and request_rate >= 1")
    guard case .or(let l, let r) = e, case .condition = l, case .and = r else {
      Issue.record("expected or(cond, and(cond, cond)), got \(e)")
      return
    }
    let grouped = try AlertExpressionParser.parse(
      "(error_rate > 0.1 or error_rate[1m] > 0.2) and request_rate >= 1")
    guard case .and(let gl, _) = grouped, case .or = gl else {
      Issue.record("expected and(or(…), cond), got \(grouped)")
      return
    }
    // The printer keeps the parentheses only where needed, and reparses to the same tree.
    #expect(grouped.description == "(error_rate > 0.1 or error_rate[1m] > 0.2) and request_rate >= 1")
    #expect(try AlertExpressionParser.parse(grouped.description) == grouped)
    #expect(try AlertExpressionParser.parse(e.description) == e)
  }

  @Test func everyComparisonAndMatcherOperatorParses() throws {
    for op in AlertComparison.allCases {
      let e = try AlertExpressionParser.parse("ingest_errors[10m] \(op.rawValue) 0")
      #expect(e.conditions.first?.comparison == op)
    }
    let e = try AlertExpressionParser.parse(
      #"error_rate{artefact!="a",version=~"v1[0-9]",route!~"shadow"} > 1e-2"#)
    #expect(e.conditions.first?.matchers.map(\.op) == [.notEqual, .regex, .notRegex])
    #expect(e.conditions.first?.threshold == 0.01)
  }

  @Test func burnRateNeedsItsSLOAndBudgetTakesNoWindow() throws {
    let e = try AlertExpressionParser.parse(
      #"burn_rate{slo="availability"}[1h] > 14.4 and burn_rate{slo="availability"}[5m] > 14.4"#)
    #expect(e.conditions.map(\.windowMs) == [3_600_000, 300_000])
    #expect(e.conditions.first?.splitLabels == ["artefact", "slo"])
    let missing = #expect(throws: AlertExpressionError.self) {
      try AlertExpressionParser.parse("burn_rate[1h] > 2")
    }
    #expect(missing?.column == 1)
    #expect(missing?.message.contains("needs a selector naming its SLO") == true)
    let windowed = #expect(throws: AlertExpressionError.self) {
      try AlertExpressionParser.parse(#"error_budget_remaining{slo="a"}[1h] < 0.1"#)
    }
    // "error_budget_remaining" (22) + `{slo="a"}` (9): `[` is at offset 31, column 32.
    #expect(windowed?.column == 32)
  }

  /// Each bad expression with the line and column of its error (1-based,
  /// counted in characters) and a fragment of the message.
  @Test(arguments: [
    ("p95_latency_ms > ", 1, 18, "expected a number, found end of expression"),
    ("p96_latency_ms > 1", 1, 1, "expected a metric"),
    (#"error_rate{colour="red"} > 1"#, 1, 12, "expected a label of error_rate"),
    (#"error_rate{route="blue"} > 1"#, 1, 18, "expected a route"),
    (#"error_rate{route="canary" version="v1"} > 1"#, 1, 27, "expected ',' or '}', found 'version'"),
    ("error_rate[5x] > 1", 1, 12, "expected a duration"),
    ("error_rate[5m > 1", 1, 15, "expected ']'"),
    ("error_rate 0.5", 1, 12, "expected a comparison"),
    ("error_rate > 0.5 and", 1, 21, "expected a metric name or '(', found end of expression"),
    ("(error_rate > 0.5", 1, 18, "expected ')'"),
    ("error_rate > 0.5 > 1", 1, 18, "expected 'and', 'or' or end of expression"),
    (#"error_rate{version=~"("} > 1"#, 1, 21, "expected a valid regular expression"),
    (#"error_rate{version="v1} > 1"#, 1, 20, "expected a closing '\"'"),
    ("error_rate > 0.5\n  and p95_latency_ms > ", 2, 24, "expected a number"),
    ("error_rate # 1", 1, 12, "found '#'"),
  ])
  func errorsNameLineColumnAndExpectation(source: String, line: Int, column: Int, fragment: String) {
    let e = #expect(throws: AlertExpressionError.self) { try AlertExpressionParser.parse(source) }
    #expect(e?.line == line, "\(source)")
    #expect(e?.column == column, "\(source)")
    #expect(e?.message.contains(fragment) == true, "\(e?.message ?? "no error")")
  }

  @Test func prometheusDurations() {
    #expect(AlertDuration.milliseconds("30s") == 30_000)
    #expect(AlertDuration.milliseconds("1h30m") == 5_400_000)
    #expect(AlertDuration.milliseconds("3d") == 259_200_000)
    #expect(AlertDuration.milliseconds("1w") == 604_800_000)
    #expect(AlertDuration.milliseconds("250ms") == 250)
    #expect(AlertDuration.milliseconds("0") == 0)
    // Units out of order, repeated, fractions, signs and bare numbers are refused.
    for bad in ["30m1h", "1m1m", "1.5h", "-5m", "5", "", "5 m", "m"] {
      #expect(AlertDuration.milliseconds(bad) == nil, "\(bad)")
    }
    #expect(AlertDuration.format(5_400_000) == "1h30m")
    #expect(AlertDuration.format(259_200_000) == "3d")
  }
}

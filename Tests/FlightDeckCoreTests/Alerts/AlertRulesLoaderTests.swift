import Foundation
import Testing

@testable import FlightDeckCore

/// Rules files: the Prometheus rule-group shape, and a bad file refused
/// whole with every error located at file:line:column.
@Suite struct AlertRulesLoaderTests {
  @Test func bundledDemoRulesLoad() throws {
    let url = try #require(AlertRulesLoader.defaultRulesURL)
    let groups = try AlertRulesLoader.load(path: url.path)
    #expect(groups.map(\.name) == ["canary", "ingestion"])
    #expect(groups[0].intervalMs == 5_000)
    let page = groups[0].rules[0]
    #expect(page.name == "CanaryHighErrorRate")
    #expect(page.forMs == 10_000)
    #expect(page.keepFiringForMs == 60_000)
    #expect(page.severity == "page")
    #expect(page.annotations["runbook_url"] == "https://flightdeck.example/runbooks/canary-errors")
    #expect(
      page.expression.description
        == #"error_rate{route="canary"}[30s] > 0.03 and request_rate{route="canary"}[30s] > 3"#)
    #expect(groups[1].rules[0].expression.conditions.first?.metric == .ingestErrors)
  }

  @Test func blockScalarExpressionsParse() throws {
    let text = """
      groups:
        - name: slo
          rules:
            - alert: Burn
              expr: |
                burn_rate{slo="availability"}[1h] > 14.4
                and burn_rate{slo="availability"}[5m] > 14.4
              labels: {severity: page}
      """
    let groups = try AlertRulesLoader.parse(text, file: "burn.yml")
    #expect(groups[0].rules[0].expression.conditions.map(\.windowMs) == [3_600_000, 300_000])
  }

  /// One file with seven problems: all are reported, each at its place.
  @Test func badFileReportsEveryErrorWithLineAndColumn() throws {
    let text = """
      groups:
        - name: canary
          limit: 10
          rules:
            - alert: Slow
              expr: p95_latency_ms{route="canary"}[5m] >
              for: 5 minutes
            - record: job:rate5m
              expr: request_rate > 0
            - alert: Multi
              expr: |
                error_rate > 0.1
                and p95_latency_ms{colour="red"} > 1
              labels:
                severity: page
                bad-label: x
              annotation:
                summary: typo
      """
    let e = #expect(throws: AlertRulesFileError.self) { try AlertRulesLoader.parse(text, file: "rules.yml") }
    let lines = e?.errors.map(\.description) ?? []
    #expect(
      lines == [
        // `limit` is not a group key (line 3, its key at column 5).
        "rules.yml:3:5: groups[0].limit: unknown key (expected one of: interval, name, rules)",
        // The plain scalar starts at column 15 of line 6; the expression's
        // end (offset 36, column 37) lies at 15 + 37 − 1 = 51.
        "rules.yml:6:51: groups[0].rules[0].expr: expected a number, found end of expression",
        "rules.yml:7:14: groups[0].rules[0].for: expected a duration such as 30s, 5m, 1h or 1h30m, found '5 minutes'",
        "rules.yml:8:9: groups[0].rules[1].record: recording rules are not supported: FlightDeck computes its metrics itself; only `alert:` rules are",
        "rules.yml:17:9: groups[0].rules[2].annotation: unknown key (expected one of: alert, annotations, expr, for, keep_firing_for, labels, nodata)",
        // Block scalar: content from line 12 at indentation 10; the error is
        // on the expression's line 2, column 20 (`colour`) → 12 + 1 = 13, 10 + 20 = 30.
        "rules.yml:13:30: groups[0].rules[2].expr: expected a label of p95_latency_ms (artefact, route, version), found 'colour'",
        "rules.yml:16:11: groups[0].rules[2].labels.bad-label: expected a label name ([A-Za-z_][A-Za-z0-9_]*), found 'bad-label'",
      ])
  }

  @Test func invalidYAMLIsLocated() {
    let e = #expect(throws: AlertRulesFileError.self) {
      try AlertRulesLoader.parse("groups:\n  - name: [unclosed\n", file: "x.yml")
    }
    #expect(e?.errors.count == 1)
    #expect(e?.errors.first?.field == "yaml")
    #expect(e?.errors.first?.line == 3)
  }

  @Test func missingFileIsAnErrorNotACrash() {
    let e = #expect(throws: AlertRulesFileError.self) {
      try AlertRulesLoader.load(path: "/nonexistent/flightdeck-rules.yml")
    }
    #expect(e?.errors.first?.field == "file")
  }

  @Test func aRepeatedKeyIsRefusedWhereItRepeats() {
    let text = """
      groups:
        - name: g
          rules:
            - alert: A
              expr: error_rate > 0.1
              expr: error_rate > 0.5
      """
    let e = #expect(throws: AlertRulesFileError.self) { try AlertRulesLoader.parse(text, file: "dup.yml") }
    #expect(
      e?.errors.map(\.description) == [
        "dup.yml:6:9: groups[0].rules[0].expr: duplicate key (which one counts is ambiguous)"
      ])
  }
}

import FlightDeckCore
import FlightDeckTUI
import Testing

/// One selection code path over every list pane's rows (issue 16): a
/// selection moves and follows its row identity the same way whether the
/// rows are an array of keys (Alerts, Incidents, Ingest errors), the
/// Canary's ranked rows or the Registry's keys made when read.
@Suite struct PaneSelectionTests {
  let a = RowKey.alert(fingerprint: "a")
  let b = RowKey.alert(fingerprint: "b")
  let c = RowKey.alert(fingerprint: "c")

  @Test func movesClampToTheFirstAndLastRow() {
    let rows = [a, b, c]
    let on1 = PaneSelection(index: 1, key: b)
    #expect(on1.moved(by: 1, in: rows) == PaneSelection(index: 2, key: c))
    #expect(on1.moved(by: 5, in: rows) == PaneSelection(index: 2, key: c))
    // Home's delta (2^40 rows up) stops at the first row without overflowing.
    #expect(on1.moved(by: -(1 << 40), in: rows) == PaneSelection(index: 0, key: a))
    #expect(on1.moved(by: Int.max, in: rows) == PaneSelection(index: 2, key: c))
    #expect(on1.moved(by: 1, in: [RowKey]()) == PaneSelection())
  }

  @Test func reconcilingFollowsTheKeyElseClampsTheIndex() {
    let on2 = PaneSelection(index: 2, key: c)
    // c moved to the top: the selection follows it.
    #expect(on2.reconciled(in: [c, a, b]) == PaneSelection(index: 0, key: c))
    // c is gone: index 2 clamped to the one row left, its key taken.
    #expect(on2.reconciled(in: [b]) == PaneSelection(index: 0, key: b))
    #expect(on2.reconciled(in: [RowKey]()) == PaneSelection())
  }

  @Test func theCanaryAndRegistryRowsGoThroughTheSamePath() {
    var s = AppState()
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    // The fixture has one canary comparison (support-agent).
    let canary = s.rows(of: .canary)
    #expect(canary.rowCount == 1)
    #expect(
      PaneSelection().moved(by: 3, in: canary) == PaneSelection(index: 0, key: .artefact("support-agent")))
    // Five version rows: gpt-4o-mini's, summarise-prompt's, support-agent's three.
    let registry = s.rows(of: .registry)
    #expect(registry.rowCount == 5)
    let last = PaneSelection().moved(by: 10, in: registry)
    #expect(last.index == 4)
    #expect(last.key?.artefact == "support-agent")
    #expect(PaneSelection(index: 0, key: last.key).reconciled(in: registry) == last)
    // Three ingest errors, newest first: line 92 of a.jsonl is the top row.
    #expect(
      PaneSelection().moved(by: 0, in: s.rows(of: .errors))
        == PaneSelection(index: 0, key: .ingestError(path: "/var/log/fd/a.jsonl", line: 92)))
    #expect(s.rows(of: .charts).rowCount == 0)
  }
}

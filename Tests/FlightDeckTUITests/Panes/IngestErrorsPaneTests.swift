import FlightDeckCore
import FlightDeckTUI
import Testing

/// The Ingest errors pane shows skipped OTLP spans and oversized lines, not
/// only malformed ones.
@Suite struct IngestErrorsPaneTests {
  /// A snapshot as the engine builds it for
  /// `flightdeck dashboard otlp2parquet-traces.jsonl`: no record, no error,
  /// 19 spans without GenAI attributes skipped (the count `replay` reports).
  static func skippedOnly(_ n: Int) -> DashboardSnapshot {
    var ingest = IngestSummary()
    ingest.sources = [SourceStatus(path: "/data/otlp2parquet-traces.jsonl", state: .following)]
    ingest.skippedSpans = n
    return DashboardSnapshot(
      now: Timestamp(millisecondsSinceEpoch: 1_748_736_000_000), windowMs: 300_000, ingest: ingest,
      artefacts: [], canaries: [], charts: [:])
  }

  @Test func skippedSpansShowInTitleAndEmptyText() {
    var canvas = Canvas(width: 72, height: 3)
    IngestErrorsPane.draw(
      into: &canvas, rect: canvas.area, snapshot: Self.skippedOnly(19), state: AppState(), symbols: .braille)
    let rows = canvas.textRows()
    // Title: "┌" + " Ingest errors (19 spans skipped) " (34 columns) + 36 "─" + "┐" = 72.
    #expect(rows[0] == "┌ Ingest errors (19 spans skipped) " + String(repeating: "─", count: 36) + "┐")
    // Body: 62 characters of text + 8 spaces fill the 70 inner columns.
    #expect(
      rows[1] == "│No malformed lines; 19 spans without GenAI attributes skipped.        │")
    #expect(canvas[1, 1].style.role == .dim)
  }

  @Test func countsAreSingularPluralAndOnlyNonZero() {
    var ingest = IngestSummary()
    #expect(IngestErrorsPane.titleCounts(ingest) == "")
    #expect(IngestErrorsPane.emptyText(ingest) == "No malformed lines.")
    ingest.skippedSpans = 1
    #expect(IngestErrorsPane.titleCounts(ingest) == "1 span skipped")
    #expect(
      IngestErrorsPane.emptyText(ingest) == "No malformed lines; 1 span without GenAI attributes skipped.")
    ingest.malformedLines = 3
    ingest.oversizedLines = 2
    ingest.skippedSpans = 19
    #expect(IngestErrorsPane.titleCounts(ingest) == "3 malformed, 2 oversized, 19 spans skipped")
    ingest.aheadOfClockRecords = 4
    ingest.farFutureRecords = 1
    #expect(
      IngestErrorsPane.titleCounts(ingest)
        == "3 malformed, 2 oversized, 19 spans skipped, 4 ahead of the clock, 1 dated over a day ahead, dropped"
    )
  }

  /// With nothing at all the pane keeps its plain title and message.
  @Test func nothingToReport() {
    var canvas = Canvas(width: 30, height: 3)
    IngestErrorsPane.draw(
      into: &canvas, rect: canvas.area, snapshot: Self.skippedOnly(0), state: AppState(), symbols: .ascii)
    let rows = canvas.textRows()
    #expect(rows[0].hasPrefix("+ Ingest errors -"))
    #expect(rows[1] == "|No malformed lines.         |")
  }
}

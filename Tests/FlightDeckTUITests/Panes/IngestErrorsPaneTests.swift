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

  // MARK: rows an on-call can read (issue 10 §7)

  static let demoFolder = "/tmp/flightdeck-demo-Ab12Cd/some/deeper/telemetry-folder"

  /// Two malformed lines deep in a long absolute folder (as the demo's).
  static func withErrors() -> DashboardSnapshot {
    var s = skippedOnly(0)
    s.ingest.malformedLines = 2
    s.ingest.recentErrors = [
      IngestError(
        path: demoFolder + "/telemetry.jsonl.1", line: 812, field: "latency_ms",
        reason: "expected a number, found \"fast\""),
      IngestError(
        path: demoFolder + "/telemetry.jsonl", line: 7,
        reason: "invalid JSON at column 41: truncated: the line ends inside an object"),
    ]
    return s
  }

  @Test func pathsAreShownRelativeToWhatWasGiven() {
    let path = Self.demoFolder + "/telemetry.jsonl.1"
    // A folder, with or without its trailing slash.
    #expect(IngestErrorsPane.displayPath(path, given: [Self.demoFolder]) == "telemetry.jsonl.1")
    #expect(IngestErrorsPane.displayPath(path, given: [Self.demoFolder + "/"]) == "telemetry.jsonl.1")
    // A glob: relative to the folder part before the first glob character.
    #expect(
      IngestErrorsPane.displayPath(path, given: ["/tmp/flightdeck-demo-*/some/deeper/*/*.jsonl*"])
        == "flightdeck-demo-Ab12Cd/some/deeper/telemetry-folder/telemetry.jsonl.1")
    #expect(IngestErrorsPane.displayPath("logs/a/app.jsonl", given: ["logs/*/app.jsonl"]) == "a/app.jsonl")
    // A file given by its path: its name.
    #expect(IngestErrorsPane.displayPath(path, given: [path]) == "telemetry.jsonl.1")
    // ./logs/ given, the tailer reports logs/x.jsonl or ./logs/x.jsonl.
    #expect(IngestErrorsPane.displayPath("logs/x.jsonl", given: ["./logs"]) == "x.jsonl")
    #expect(IngestErrorsPane.displayPath("./logs/x.jsonl", given: ["./logs"]) == "x.jsonl")
    // Nothing explains it: whole.
    #expect(IngestErrorsPane.displayPath("/var/log/x.jsonl", given: ["logs"]) == "/var/log/x.jsonl")
  }

  @Test func rowsKeepTheLineAndTheMessageAndEnterShowsTheWholeError() throws {
    var state = AppState(width: 200, height: 50)
    state.telemetryPaths = [Self.demoFolder]
    state.focus = .errors
    _ = AppUpdate.update(&state, .newSnapshot(Self.withErrors()))
    let rows = ScreenView.view(state: state).textRows()
    // Newest first: telemetry.jsonl:7, then telemetry.jsonl.1:812.
    // The row keeps the start of the message (the pane is narrower than it); Enter shows it all.
    #expect(rows.contains { $0.contains("│>telemetry.jsonl:7: invalid JSON at column 41: truncated") })
    #expect(
      rows.contains { $0.contains("│ telemetry.jsonl.1:812: latency_ms: expected a number, found \"fast\"") })
    #expect(!rows.contains { $0.contains("/tmp/flightdeck-demo") })
    // Enter: the selected (newest) error in full; Esc closes it.
    _ = AppUpdate.update(&state, .key(.enter))
    #expect(state.overlay == .ingestError)
    #expect(state.ingestError == Self.withErrors().ingest.recentErrors[1])
    let shown = ScreenView.view(state: state).textRows().joined(separator: "\n")
    #expect(shown.contains("Ingest error (Esc closes)"))
    #expect(shown.contains(Self.demoFolder + "/telemetry.jsonl "))
    #expect(shown.contains("invalid JSON at column 41: truncated: the line ends inside an object"))
    _ = AppUpdate.update(&state, .key(.escape))
    #expect(state.overlay == nil)
    // At 80×24 the overlay wraps the long path instead of clipping it.
    let lines = IngestErrorOverlay.lines(Self.withErrors().ingest.recentErrors[0], width: 40)
    #expect(lines.first == "file:")
    let path = lines.dropFirst().prefix { $0.hasPrefix("  ") }
    #expect(path.count == 2)  // 74 characters in pieces of 38
    #expect(path.map { $0.dropFirst(2) }.joined() == Self.demoFolder + "/telemetry.jsonl.1")
    #expect(lines.contains("  812"))
    #expect(lines.contains("  latency_ms"))
  }
}

import FlightDeckCore
import FlightDeckTUI
import Testing

/// The messages view's times (issue 16): a message given before the first
/// snapshot (the demo's opening line) showed `--:--:--`.
@Suite struct StatusLogTimeTests {
  @Test func aMessageBeforeTheFirstSnapshotIsDatedByTheClock() {
    var state = AppState()
    // 1_748_736_000_000 ms = 2025-06-01 00:00:00 UTC.
    let now = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)
    _ = AppUpdate.update(&state, .tick(now))
    _ = AppUpdate.update(
      &state, .status("demo: telemetry in /tmp/x", until: now.adding(milliseconds: 10_000)))
    #expect(state.snapshot == nil)
    #expect(state.statusLog.last?.at == now)
    let lines = MessagesOverlay.lines(state.statusLog, width: 60).map(\.0)
    #expect(lines.first == "00:00:00  info")
  }

  @Test func aMessageWithNoTimeSaysSoInWords() {
    let lines = MessagesOverlay.lines([StatusLogEntry(text: "hello", level: .info, at: nil)], width: 60)
    #expect(lines.map(\.0) == ["at start  info", "  hello"])
  }
}

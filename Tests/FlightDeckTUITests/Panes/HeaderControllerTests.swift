import FlightDeckCore
import FlightDeckTUI
import Testing

/// The header's controller segment (issue 14): who drives alerts and
/// rollouts, from the lease the dashboard read, through the pure update function.
@Suite struct HeaderControllerTests {
  let readAt = Timestamp(millisecondsSinceEpoch: 1_748_736_010_000)
  let holder = ControllerLeaseHolder(host: "host-a", pid: 4242, instance: "i-1")

  func live() -> DashboardSnapshot {
    var snapshot = DashboardFixture.snapshot()
    snapshot.ingest.malformedLines = 0
    return snapshot
  }

  func row(width: Int, state: AppState) -> String {
    var canvas = Canvas(width: width, height: 1)
    HeaderPane.draw(into: &canvas, rect: canvas.area, snapshot: live(), state: state)
    return canvas.textRows()[0]
  }

  /// The state after the update function received `lease` read at ``readAt``.
  func reading(_ lease: ControllerLease?) -> AppState {
    var state = AppState()
    let effects = AppUpdate.update(&state, .controllerLease(lease, readAt: readAt))
    // Each lease reading also asks for the notification delivery reading.
    #expect(effects == [.loadNotificationDelivery, .loadRouting])
    return state
  }

  /// A lease with its last heartbeat `ageMs` before ``readAt`` and a 5 s TTL.
  func lease(ageMs: Int64, released: Bool = false) -> ControllerLease {
    let beat = readAt.adding(milliseconds: -ageMs)
    return ControllerLease(
      holder: holder, epoch: 3, acquiredAt: beat.adding(milliseconds: -60_000), heartbeatAt: beat,
      expiresAt: released ? beat : beat.adding(milliseconds: 5_000), releasedAt: released ? beat : nil)
  }

  @Test func aHeldLeaseNamesTheControllerAndItsHeartbeat() {
    let state = reading(lease(ageMs: 2_400))
    #expect(state.controllerDrives)
    #expect(HeaderPane.controllerText(state: state, compact: false) == "controller host-a, heartbeat 2 s ago")
    #expect(HeaderPane.controllerText(state: state, compact: true) == "ctl host-a 2s")
    #expect(
      row(width: 200, state: state).hasPrefix(
        "14:03:07Z │ 2 sources following │ controller host-a, heartbeat 2 s ago │ 12.5 ev/s │ 0 malformed │ window 15m "
      ))
  }

  @Test func anExpiredLeaseIsStaleAndTheDashboardDrives() {
    // Heartbeat 12 s ago, TTL 5 s: expired 7 s ago, never released.
    let state = reading(lease(ageMs: 12_000))
    #expect(!state.controllerDrives)
    let text = "controller host-a, heartbeat 12 s ago (stale): this dashboard drives"
    #expect(HeaderPane.controllerText(state: state, compact: false) == text)
    #expect(
      HeaderPane.controllerSegment(state: state, compact: false)?.style
        == CellStyle(.warn, bold: true, reverse: true))
    #expect(HeaderPane.controllerText(state: state, compact: true) == "ctl host-a stale")
  }

  @Test func noControllerOrAReleasedOneMeansThisDashboardDrives() {
    for state in [reading(nil), reading(lease(ageMs: 1_000, released: true))] {
      #expect(!state.controllerDrives)
      #expect(
        HeaderPane.controllerText(state: state, compact: false) == "no controller: this dashboard drives")
      #expect(HeaderPane.controllerSegment(state: state, compact: false)?.style == CellStyle(.header))
    }
    // Before any reading (no workspace), the header is as before.
    #expect(HeaderPane.controllerText(state: AppState(), compact: false) == nil)
    #expect(row(width: 200, state: AppState()).hasPrefix("14:03:07Z │ 2 sources following │ 12.5 ev/s │"))
  }

  @Test func at80TheSegmentShrinksButStays() {
    // Room 73: 58 + 36 (full) + 5 separators × 3 = 109 → zero malformed goes
    // (95) → compact "ctl host-a 2s" (13): 72 ≤ 73, the window stays.
    let text = row(width: 80, state: reading(lease(ageMs: 2_000)))
    #expect(text.hasPrefix("14:03:07Z │ 2 sources following │ ctl host-a 2s │ 12.5 ev/s │ window 15m "))
  }

  @Test func aHostileHostNameIsShownNotObeyed() {
    var hostile = lease(ageMs: 1_000)
    hostile.holder.host = "evil\u{1B}]0;x\u{07}"
    let text = row(width: 200, state: reading(hostile))
    #expect(!text.contains("\u{1B}") && !text.contains("\u{07}"))
    #expect(text.contains("controller evil\\x1B]0;x\\x07, heartbeat 1 s ago"))
  }
}

import FlightDeckCore
import FlightDeckTUI
import Testing

/// The header's segment priorities at 80 and 60 columns (the tester's case:
/// a historic file with 265 malformed lines, in read-only mode).
@Suite struct HeaderPaneTests {
  /// One source, 947 ev/s, 265 malformed, historic as of 2025-06-01T00:00:04Z
  /// (1_748_736_000_000 + 4000 ms), 15-minute window.
  func historic() -> DashboardSnapshot {
    var s = DashboardFixture.snapshot()
    s.now = Timestamp(millisecondsSinceEpoch: 1_748_736_004_000)
    s.anchoredToData = true
    s.ingest.sources = [SourceStatus(path: "a.jsonl", state: .following)]
    s.ingest.eventsPerSecond = 947
    s.ingest.malformedLines = 265
    return s
  }

  func row(width: Int, snapshot: DashboardSnapshot, state: AppState) -> String {
    var canvas = Canvas(width: width, height: 1)
    HeaderPane.draw(into: &canvas, rect: canvas.area, snapshot: snapshot, state: state)
    return canvas.textRows()[0]
  }

  @Test func readOnlyHistoricAt80KeepsModeAndMalformed() {
    // Mode " READ-ONLY HISTORIC " is 20 wide at x 60…79; segments get x 0…58 (59).
    // Full: 26 + 18 + 10 + 15 + 10 = 79, + 4 separators × 3 = 91 > 59.
    // Drop the window (−13) → 78, the rate (−13) → 65, the date: "as of
    // 2025-06-01 00:00:04Z" (26) → "00:00:04Z" (9) → 48 ≤ 59.
    let text = row(width: 80, snapshot: historic(), state: AppState(readOnly: true))
    let left = "00:00:04Z │ 1 source following │ 265 malformed !"
    #expect(text == left + String(repeating: " ", count: 80 - 48 - 20) + " READ-ONLY HISTORIC ")
  }

  @Test func historicAt80KeepsTheDate() {
    // Mode " HISTORIC " (10) at x 70…79; room 69. 91 → 78 (window) → 65 (rate) ≤ 69.
    let text = row(width: 80, snapshot: historic(), state: AppState())
    let left = "as of 2025-06-01 00:00:04Z │ 1 source following │ 265 malformed !"
    #expect(text == left + String(repeating: " ", count: 80 - 65 - 10) + " HISTORIC ")
  }

  @Test func readOnlyHistoricAt60DropsTheClock() {
    // Mode 20 at x 40…59; room 39. 48 (as at 80) > 39: the clock goes (−12) → 36.
    let text = row(width: 60, snapshot: historic(), state: AppState(readOnly: true))
    #expect(text == "1 source following │ 265 malformed !" + "    " + " READ-ONLY HISTORIC ")
  }

  @Test func narrowerShortensTheSourcesInsteadOfCuttingThem() {
    // 50 columns: room 29; "1 source following │ 265 malformed !" is 36 > 29.
    // The sources' short form "1 src" (5): 5 + 3 + 15 = 23 ≤ 29, drawn whole.
    let text = row(width: 50, snapshot: historic(), state: AppState(readOnly: true))
    #expect(
      text == "1 src │ 265 malformed !" + String(repeating: " ", count: 30 - 23) + " READ-ONLY HISTORIC ")
  }

  /// The tester's case (issue 16): banners at 80 columns left the sources
  /// cut to `1 …`. Each segment shown is now whole.
  @Test func bannersLeaveOnlyWholeSegments() {
    var state = AppState()
    state.incidents = IncidentFixture.incidents
    state.notificationDelivery = NotificationDeliveryTrouble(dead: 2, retrying: 1)
    let banners = " notify: 2 dead, 1 retrying " + " INC-1 SEV2 unacked " + " HISTORIC "
    // 90: mode 10, attention 20 (18 + 2 + 10 + 1 + 20 = 51 ≤ 90: full), delivery
    // 28 (26 + 2 + 30 + 1 + 20 = 79 ≤ 90: full): room 90 − 58 − 1 = 31.
    // "1 source following │ 265 malformed !" (36) > 31; "1 src │ …" (23) fits.
    let wide = row(width: 90, snapshot: historic(), state: state)
    #expect(wide == "1 src │ 265 malformed !" + String(repeating: " ", count: 32 - 23) + banners)
    // 80: room 21; 23 > 21, so the healthy sources go: "265 malformed !" (15).
    let narrow = row(width: 80, snapshot: historic(), state: state)
    #expect(narrow == "265 malformed !" + String(repeating: " ", count: 22 - 15) + banners)
  }

  @Test func aBannerThatCannotBeWholeIsLeftOut() {
    var (snapshot, state) = onCall()
    state.readOnly = true
    state.notificationDelivery = NotificationDeliveryTrouble(dead: 2, retrying: 1)
    let gateway = RoutingTarget(name: "gateway", kind: .litellm, path: "/tmp/litellm.yaml")
    state.routingStatus = [RoutingStatus(target: gateway, condition: .drifted, digest: nil, detail: nil)]
    // 60: mode " READ-ONLY LIVE " (16) → 44; attention compact " PAGE · INC-1 "
    // (14) → 30; delivery compact " NOTIFY 2 dead 1 retry " (23) → 7; routing
    // " ROUTE 1 drift " (15) > 7: left out, not cut. The segments get 6, too
    // few for "3 malformed !" (13) or "2 src │ …": none is drawn cut.
    let text = row(width: 60, snapshot: snapshot, state: state)
    #expect(
      text == String(repeating: " ", count: 7) + " NOTIFY 2 dead 1 retry " + " PAGE · INC-1 "
        + " READ-ONLY LIVE ")
    // At 100 it fits (edge 100 − 16 − 41 − 23 = 20 ≥ 15), left of the delivery banner.
    #expect(
      row(width: 100, snapshot: snapshot, state: state).contains(" ROUTE 1 drift  NOTIFY 2 dead 1 retry "))
  }

  @Test func compactSourcesCountTheWorstState() {
    let a = SourceStatus(path: "a", state: .following)
    let b = SourceStatus(path: "b", state: .failing)
    let w = SourceStatus(path: "c", state: .waiting)
    #expect(HeaderPane.compactSourcesText([a, a, a]).0 == "3 src")
    #expect(HeaderPane.compactSourcesText([a, b, w]).0 == "3 src, 1 failing")
    #expect(HeaderPane.compactSourcesText([w, w]).0 == "2 src, 2 waiting")
    #expect(HeaderPane.compactSourcesText([]).0 == "no sources")
  }

  @Test func liveAt60DropsAZeroMalformedCountFirst() {
    // Fixture with 0 malformed; mode " LIVE " (6) at x 54…59; room 53.
    // Full: 9 + 19 + 9 + 11 + 10 = 58, + 12 = 70. Without "0 malformed" (−14) 56,
    // without the window (−13) 43 ≤ 53: the rate stays.
    var snapshot = DashboardFixture.snapshot()
    snapshot.ingest.malformedLines = 0
    let text = row(width: 60, snapshot: snapshot, state: AppState())
    let left = "14:03:07Z │ 2 sources following │ 12.5 ev/s"
    #expect(text == left + String(repeating: " ", count: 60 - 43 - 6) + " LIVE ")
  }

  @Test func stillFrameSaysFrameNotLive() {
    var state = AppState()
    state.isStill = true
    #expect(row(width: 100, snapshot: DashboardFixture.snapshot(), state: state).hasSuffix(" FRAME "))
    // A historic file stays HISTORIC in a still frame too; pausing wins over both.
    #expect(row(width: 100, snapshot: historic(), state: state).hasSuffix(" HISTORIC "))
    state.isPaused = true
    #expect(row(width: 100, snapshot: historic(), state: state).hasSuffix(" PAUSED "))
  }

  @Test func recordsAheadOfTheClockSayAhead() {
    var s = historic()
    s.anchor = .aheadOfClock
    #expect(row(width: 100, snapshot: s, state: AppState()).hasSuffix(" AHEAD "))
    s.anchor = .historic
    #expect(row(width: 100, snapshot: s, state: AppState()).hasSuffix(" HISTORIC "))
  }

  // MARK: what an on-call must not miss (issue 10 §7)

  /// The incident fixture: HighErrorRate (page, firing, nobody acknowledged),
  /// CostBurn (ticket, silenced), INC-1 SEV2 triggered, INC-2 acknowledged.
  func onCall() -> (DashboardSnapshot, AppState) {
    var state = AppState()
    state.incidents = IncidentFixture.incidents
    return (IncidentFixture.snapshot(), state)
  }

  @Test func attentionNamesThePageAndTheUnacknowledgedIncident() {
    let text = HeaderPane.attentionText(
      alerts: IncidentFixture.snapshot().alerts, incidents: IncidentFixture.incidents)
    #expect(text == "PAGE HighErrorRate · INC-1 SEV2 unacked")
    let compact = HeaderPane.attentionText(
      alerts: IncidentFixture.snapshot().alerts, incidents: IncidentFixture.incidents, compact: true)
    #expect(compact == "PAGE · INC-1")
  }

  @Test func attentionShowsAtEverySizeFromTheMinimumUp() {
    let (snapshot, state) = onCall()
    for (width, height) in [(60, 16), (80, 24), (120, 40), (200, 50)] {
      let canvas = ScreenView.view(state: state, snapshot: snapshot, width: width, height: height)
      let header = canvas.textRows()[0]
      #expect(header.contains("PAGE"), "\(width)×\(height): \(header)")
      #expect(header.contains("INC-1"), "\(width)×\(height): \(header)")
      #expect(header.hasSuffix(" LIVE "), "\(width)×\(height): \(header)")
    }
    // 80 columns: " PAGE HighErrorRate · INC-1 SEV2 unacked " (41) + mode (6)
    // + 1 + 20 = 68 ≤ 80: the full text, just left of the mode.
    let header = ScreenView.view(state: state, snapshot: snapshot, width: 80, height: 24).textRows()[0]
    #expect(header.hasSuffix(" PAGE HighErrorRate · INC-1 SEV2 unacked  LIVE "))
    // 60 columns: 41 + 6 + 1 + 20 = 68 > 60: the compact " PAGE · INC-1 " (14).
    let narrow = ScreenView.view(state: state, snapshot: snapshot, width: 60, height: 16).textRows()[0]
    #expect(narrow.hasSuffix(" PAGE · INC-1  LIVE "))
  }

  @Test func attentionGoesOnceAcknowledged() {
    var (snapshot, state) = onCall()
    for i in snapshot.alerts.indices where snapshot.alerts[i].ruleName == "HighErrorRate" {
      snapshot.alerts[i].acknowledgedBy = "alice"
    }
    var header = row(width: 120, snapshot: snapshot, state: state)
    #expect(!header.contains("PAGE"))
    #expect(header.contains(" INC-1 SEV2 unacked "))
    state.incidents = state.incidents?.map { i in
      var i = i
      if i.state == .triggered { i.state = .acknowledged }
      return i
    }
    header = row(width: 120, snapshot: snapshot, state: state)
    #expect(!header.contains("INC-1"))
    #expect(!header.contains("PAGE"))
  }

  // MARK: who acts, and how the name is vouched for (issue 13)

  func live() -> DashboardSnapshot {
    var snapshot = DashboardFixture.snapshot()
    snapshot.ingest.malformedLines = 0
    return snapshot
  }

  func acting(_ name: String, _ how: ActorIdentification) -> AppState {
    var state = AppState()
    state.operatorName = name
    state.operatorIdentification = how
    return state
  }

  @Test func wideScreensSayHowTheNameIsVouchedFor() {
    // 200 columns: room 193; 58 + 12 + 3 + 40 = 113 fits in full.
    let text = row(width: 200, snapshot: live(), state: acting("alice", .flightdeckUser))
    #expect(
      text.hasPrefix(
        "14:03:07Z │ 2 sources following │ 12.5 ev/s │ 0 malformed │ window 15m │ alice (unauthenticated: FLIGHTDECK_USER) "
      ))
    #expect(
      row(width: 200, snapshot: live(), state: acting("alice", .osUser)).contains(
        "│ alice (unauthenticated: OS user) "))
    #expect(
      row(width: 200, snapshot: live(), state: acting("alice", .databaseRole)).contains(
        "│ window 15m │ alice (database role) "))
    // No desk, no identity: the header is as before.
    #expect(
      row(width: 200, snapshot: live(), state: AppState()).hasPrefix(
        "14:03:07Z │ 2 sources following │ 12.5 ev/s │ 0 malformed │ window 15m "))
  }

  @Test func at80TheIdentityShortensBeforeTheRateGoes() {
    // Room 73. 113 → 99 (zero malformed) → 74 (medium, 15) → 61 (window) ≤ 73.
    let text = row(width: 80, snapshot: live(), state: acting("alice", .flightdeckUser))
    let left = "14:03:07Z │ 2 sources following │ 12.5 ev/s │ alice (unauth.)"
    #expect(text == left + String(repeating: " ", count: 80 - 61 - 6) + " LIVE ")
    // Authenticated: "alice (database role)" (21) → 94 → 80 → "alice (db role)" 74 → 61.
    let vouched = row(width: 80, snapshot: live(), state: acting("alice", .databaseRole))
    #expect(vouched.hasPrefix("14:03:07Z │ 2 sources following │ 12.5 ev/s │ alice (db role) "))
  }

  @Test func at80WithAControllerTheDatabaseRoleStaysSaid() {
    // Room 73. No controller read: "no controller" (compact, 13). 9 + 19 + 13 + 9 + 15
    // ("alice (db role)") + 4 × 3 = 77 > 73: the rate goes (−12) → 65 ≤ 73, where the
    // identity used to become a bare "alice" (BREAKER-13).
    var state = acting("alice", .databaseRole)
    state.controllerKnown = true
    state.controllerReadAt = live().now
    #expect(
      row(width: 80, snapshot: live(), state: state).hasPrefix(
        "14:03:07Z │ 2 sources following │ no controller │ alice (db role) "))
  }

  @Test func at60TheRateGoesBeforeTheIdentityShortens() {
    // Room 53. 61 > 53: the rate goes (−12) → 49 ≤ 53, and "(unauth.)" / "(db role)" stay
    // (BREAKER-13: at 80 columns with a controller segment the header dropped "(database role)").
    let text = row(width: 60, snapshot: live(), state: acting("alice", .osUser))
    #expect(
      text == "14:03:07Z │ 2 sources following │ alice (unauth.)" + String(repeating: " ", count: 5)
        + " LIVE ")
    #expect(
      row(width: 60, snapshot: live(), state: acting("alice", .databaseRole)).hasPrefix(
        "14:03:07Z │ 2 sources following │ alice (db role) "))
  }

  @Test func at50TheIdentityIsAQuestionMark() {
    // Room 43. 49 > 43: short "alice?" (6) → 40 ≤ 43.
    let text = row(width: 50, snapshot: live(), state: acting("alice", .osUser))
    #expect(text == "14:03:07Z │ 2 sources following │ alice?" + String(repeating: " ", count: 4) + " LIVE ")
    #expect(
      row(width: 50, snapshot: live(), state: acting("alice", .databaseRole)).hasPrefix(
        "14:03:07Z │ 2 sources following │ alice "))
  }

  @Test func anUnauthenticatedNameIsUnderlinedNotAlarming() {
    var canvas = Canvas(width: 80, height: 1)
    HeaderPane.draw(
      into: &canvas, rect: canvas.area, snapshot: live(), state: acting("alice", .flightdeckUser))
    // "alice (unauth.)" starts at x 46.
    #expect(canvas[46, 0].style == CellStyle(.header, underline: true))
    #expect(canvas[60, 0].style == CellStyle(.header, underline: true))
    var vouched = Canvas(width: 80, height: 1)
    HeaderPane.draw(
      into: &vouched, rect: vouched.area, snapshot: live(), state: acting("alice", .databaseRole))
    #expect(vouched[46, 0].style == CellStyle(.header))
  }

  @Test func theNameIsSanitisedAndCut() {
    // An escape sequence in $FLIGHTDECK_USER is shown, not obeyed; a long name is cut to 16 columns.
    let hostile = row(width: 200, snapshot: live(), state: acting("mal\u{1B}]0;x\u{07}", .flightdeckUser))
    #expect(!hostile.contains("\u{1B}") && !hostile.contains("\u{07}"))
    #expect(hostile.contains("│ mal\\x1B]0;x\\x07 (unauthenticated: FLIGHTDECK_USER) "))
    let long = row(width: 200, snapshot: live(), state: acting(String(repeating: "a", count: 40), .osUser))
    #expect(long.contains("│ " + String(repeating: "a", count: 15) + "… (unauthenticated: OS user) "))
  }

  @Test func theHelpSpellsItOut() {
    var state = acting("bob", .flightdeckUser)
    state.width = 120
    state.height = 40
    _ = AppUpdate.update(&state, .key(.char("?")))
    let rows = ScreenView.view(state: state, snapshot: live(), width: 120, height: 40).textRows()
    #expect(
      rows.contains {
        $0.contains("acting as bob (unauthenticated: FLIGHTDECK_USER), a name nobody verified")
      })
    var vouched = acting("bob", .databaseRole)
    _ = AppUpdate.update(&vouched, .key(.char("?")))
    let vouchedRows = ScreenView.view(state: vouched, snapshot: live(), width: 120, height: 40).textRows()
    #expect(vouchedRows.contains { $0.contains("acting as bob (database role)") })
  }
}

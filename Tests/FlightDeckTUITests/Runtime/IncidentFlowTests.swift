import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Testing

/// The incident keys end to end: keys through the app, commands and reads
/// through a ``ReleaseDesk`` (``RegistryBridge``) on the real in-memory
/// SQLite store, answers back as messages.
@Suite struct IncidentFlowTests {
  let clock = TestClock(start: DashboardFixture.now)
  let alice = OperatorIdentity(name: "alice")

  func store() throws -> SQLiteRegistryStore {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    let admin = OperatorIdentity(name: "admin")
    _ = try store.perform(
      .registerArtefact(name: "support-agent", kind: .agent, owner: "ml", riskTier: .low, description: ""),
      as: admin)
    _ = try store.perform(
      .registerVersion(artefact: "support-agent", label: "v4", source: nil, tags: [:], description: ""),
      as: admin)
    return store
  }

  /// Runs `effect` through the desk the way the run loop does, applying every answer.
  func run(_ d: AppDriver, _ effect: AppEffect) {
    for answer in RegistryBridge.execute(effect, desk: d.releaseDesk) { d.apply(answer) }
  }

  @Test func openAcknowledgeNoteAndReadTheTimeline() throws {
    let desk = ReleaseDesk(store: try store(), identity: alice, clock: clock)
    var state = AppState()
    state.operatorName = "alice"
    let d = AppDriver(width: 120, height: 40, state: state)
    d.releaseDesk = desk
    d.apply(snapshot: DashboardFixture.snapshot())
    #expect(d.pollRegistry(now: clock.now()))
    // The registry snapshot asks for the incident queue: empty so far.
    #expect(d.effects.contains(.loadIncidents))
    run(d, .loadIncidents)
    #expect(d.state.incidents == [])

    // i on the support-agent v4 row: title prefilled, typed on, SEV2 with ←.
    while d.state.selectedVersion?.version != "v4" { d.send(.char("j")) }
    d.send(.char("i"))
    d.type("canary errors")
    d.send(.left)
    d.send(.enter)
    #expect(d.state.statusMessage == "INC-1 opened (SEV2): support-agent v4: canary errors")
    #expect(d.state.statusLevel == .ok)
    run(d, .loadIncidents)
    let opened = try #require(d.state.incidents?.first)
    #expect(opened.source == .manual)
    #expect(opened.links.versions == [IncidentVersionLink(artefact: "support-agent", label: "v4")])

    // Enter in the Incidents pane reads the incident and its timeline through the desk.
    d.send(.tab)  // canary … until incidents
    while d.state.focus != .incidents { d.send(.tab) }
    d.send(.enter)
    #expect(d.state.incidentView?.incident?.id == 1)
    #expect(d.frame.joined().contains("opened alice opened SEV2: support-agent v4: canary errors"))

    // a and n in the incident view go to the store; the view refreshes.
    d.send(.char("a"))
    #expect(d.state.statusMessage?.contains("INC-1") == true)
    run(d, .loadIncident(1))
    #expect(d.state.incidentView?.incident?.state == .acknowledged)
    d.send(.char("n"))
    d.type("canary drained")
    d.send(.enter)
    run(d, .loadIncident(1))
    #expect(d.frame.joined().contains("note alice note: canary drained"))

    // K computes the KPIs from the same store over [clock − 30 d, clock)
    // (half-open, so two minutes on, to include the incident opened at the
    // fixture's now): one incident, acknowledged at once (TTA 0 ms on the
    // test clock, which did not move).
    d.send(.escape)
    var later = DashboardFixture.snapshot()
    later.now = DashboardFixture.now.adding(milliseconds: 120_000)
    d.apply(snapshot: later)
    d.send(.char("K"))
    let report = try #require(d.state.kpi?.report)
    #expect(report.timeToAcknowledge.samples == [0])
    #expect(d.frame.joined().contains("MTTA                    median 0ms  p90 0ms  (n=1)"))
  }
}

import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Testing

/// The release flow end to end, as a new user would try it: keys through
/// the app, commands through a ``ReleaseDesk`` on the real in-memory SQLite
/// store, a second operator acting through a second desk on the same store.
@Suite struct ReleaseFlowTests {
  let clock = TestClock(start: DashboardFixture.now)
  let alice = OperatorIdentity(name: "alice")
  let bob = OperatorIdentity(name: "bob")
  let carol = OperatorIdentity(name: "carol")

  /// support-agent (high tier: 2 approvals, four-eyes) with v3 in production
  /// (requested by alice, approved by bob and carol) and v4 registered with
  /// a passing gate check (so the P dialog's production request is legitimate).
  func seededStore() throws -> SQLiteRegistryStore {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    let admin = OperatorIdentity(name: "admin")
    _ = try store.perform(
      .registerArtefact(name: "support-agent", kind: .agent, owner: "ml", riskTier: .high, description: ""),
      as: admin)
    for label in ["v3", "v4"] {
      _ = try store.perform(
        .registerVersion(artefact: "support-agent", label: label, source: nil, tags: [:], description: ""),
        as: admin)
    }
    let first = try store.perform(
      .requestPromotion(
        artefact: "support-agent", version: "v3", target: .production, reason: "first release",
        expectedFrom: .some(nil), override: "gates are not under test here"), as: alice)
    let id = try #require(first.request?.id)
    _ = try store.perform(.approve(requestID: id, comment: ""), as: bob)
    _ = try store.perform(.approve(requestID: id, comment: ""), as: carol)
    let gates = GateCheck.evaluate(
      policy: .standard, tier: .high,
      results: [DemoRegistrySeed.demoEvaluation(artefact: "support-agent", version: "v4")])
    _ = try store.perform(
      .recordGateResults(artefact: "support-agent", version: "v4", report: gates), as: admin)
    return store
  }

  /// The text of the Registry row for `version`: the left column (72 of
  /// 120 columns in the full layout) of the row naming the version.
  func row(_ d: AppDriver, _ version: String) -> String {
    d.frame.map { String($0.prefix(72)) }.first { $0.contains(" \(version) ") } ?? ""
  }

  @Test func promoteApproveElsewhereRollBackAndAudit() throws {
    let store = try seededStore()
    let desk = ReleaseDesk(store: store, identity: alice, clock: clock)
    let bobDesk = ReleaseDesk(store: store, identity: bob, clock: clock)
    let carolDesk = ReleaseDesk(store: store, identity: carol, clock: clock)
    let d = AppDriver(width: 120, height: 40)
    d.releaseDesk = desk
    d.apply(snapshot: DashboardFixture.snapshot())
    #expect(d.pollRegistry(now: clock.now()))
    #expect(d.state.registry?.artefact("support-agent")?.pointers[.production] == "v3")
    // Rows: gpt-4o-mini ?, summarise-prompt ?, support-agent v3, v4, ?v5.
    #expect(row(d, "v3").contains("prod"))
    #expect(row(d, "v5").contains("? v5"))
    for _ in 0..<3 { d.send(.char("j")) }
    #expect(d.state.selectedVersion?.version == "v4")

    // 1. Alice requests promotion of v4 with P and a reason.
    d.send(.char("P"))
    d.type("canary clean")
    d.send(.enter)
    #expect(d.state.statusLevel == .ok)
    let request = try #require(d.state.registry?.openRequests(artefact: "support-agent", version: "v4").first)
    #expect(request.requester == "alice")
    #expect(request.fromVersion == "v3")
    #expect(row(d, "v4").contains("\(request.displayID) 0/2"))

    // 2. Alice cannot approve her own request (four-eyes): refused, in the status line.
    d.send(.char("a"))
    d.send(.enter)
    #expect(d.state.statusLevel == .warn)
    #expect(d.frame[39].hasPrefix("refused: "))

    // 3. Bob approves from his own desk; alice's screen shows it after a poll.
    _ = try bobDesk.perform(.approve(requestID: request.id, comment: "ok")).get()
    clock.advance(milliseconds: ReleaseDesk.defaultPollIntervalMs)
    #expect(d.pollRegistry(now: clock.now()))
    #expect(row(d, "v4").contains("\(request.displayID) 1/2"))
    // 4. Carol's approval completes it: the pointer moves, alice sees it within one poll.
    _ = try carolDesk.perform(.approve(requestID: request.id, comment: "ship it")).get()
    #expect(!d.pollRegistry(now: clock.now()))  // polled less than 500 ms ago: not yet
    clock.advance(milliseconds: ReleaseDesk.defaultPollIntervalMs)
    #expect(d.pollRegistry(now: clock.now()))
    #expect(d.state.registry?.artefact("support-agent")?.pointers[.production] == "v4")
    #expect(row(d, "v4").contains("prod"))
    #expect(!row(d, "v3").contains("prod"))
    // The move made elsewhere is announced, not just redrawn: once alice
    // has read her refusal (any key; here Ctrl-R), which it does not push off
    // the status line before then.
    let announcement = "carol moved support-agent production v3 → v4 (\(request.displayID))"
    #expect(d.state.statusMessage?.hasPrefix("refused: ") == true)
    #expect(d.state.statusLog.last?.text == announcement)
    d.send(.ctrl("r"))
    #expect(d.state.statusMessage == announcement)

    // 5. A stale view is refused: alice opens P for staging (unset when she
    // looked); bob points staging at v3 first.
    d.send(.char("P"))
    d.send(.tab)
    for _ in "production" { d.send(.backspace) }
    d.type("staging")
    d.send(.tab)
    d.type("try it")
    _ = try bobDesk.perform(
      .requestPromotion(
        artefact: "support-agent", version: "v3", target: PointerName("staging"), reason: "bob's test",
        expectedFrom: nil)
    ).get()
    d.send(.enter)
    #expect(d.state.statusLevel == .warn)
    #expect(
      d.state.statusMessage?.contains("changed since you looked") == true, "\(d.state.statusMessage ?? "")")

    // 6. Roll back with r: the dialog names v4 → v3 from the history; a reason is required.
    d.send(.char("r"))
    #expect(d.frame.joined().contains("support-agent production: v4 → v3"))
    d.send(.enter)
    #expect(d.state.dialog?.problem == "reason is required")
    d.type("p95 doubled")
    d.send(.enter)
    #expect(d.state.dialog == nil)
    #expect(d.state.statusLevel == .ok)
    #expect(d.state.registry?.artefact("support-agent")?.pointers[.production] == "v3")
    #expect(row(d, "v4").contains("v4 ↺"))
    #expect(d.frame.joined().contains("↺ rolled back"))

    // 7. History shows every production move, newest first.
    d.send(.char("h"))
    let moves = try #require(d.state.history?.moves)
    #expect(moves.filter { $0.pointer == .production }.map(\.toVersion) == ["v3", "v4", "v3"])
    d.send(.escape)

    // 8. The audit pane verifies the chain on opening.
    d.send(.char("A"))
    let (entries, _) = try desk.audit().get()
    #expect(d.frame.joined().contains("chain intact: \(entries.count) entries"))
    #expect(d.state.audit?.verification?.isIntact == true)
    #expect(entries.contains { $0.action == .rollback && $0.actor == "alice" && $0.reason == "p95 doubled" })
  }

  @Test func aFirstApprovalPrintsTheSecondApproversCommandWithTheRealWorkspace() throws {
    let store = try seededStore()
    let requested = try store.perform(
      .requestPromotion(
        artefact: "support-agent", version: "v4", target: .production, reason: "canary clean",
        expectedFrom: .some("v3"), override: nil), as: alice)
    let id = try #require(requested.request?.id)
    var state = AppState()
    state.operatorName = "bob"
    state.workspacePath = "/home/op/my demo/.flightdeck-demo"
    state.knownOperators = ["alice", "bob", "carol"]
    let d = AppDriver(width: 120, height: 40, state: state)
    d.releaseDesk = ReleaseDesk(store: store, identity: bob, clock: clock)
    d.apply(snapshot: DashboardFixture.snapshot())
    #expect(d.pollRegistry(now: clock.now()))
    for _ in 0..<3 { d.send(.char("j")) }
    #expect(d.state.selectedVersion?.version == "v4")
    d.send(.char("a"))
    d.send(.enter)
    #expect(d.state.statusLevel == .ok)
    // 1/2: alice requested and bob approved, so carol is the one to ask;
    // the workspace path has a space, so it is quoted.
    let message = try #require(d.state.statusMessage)
    #expect(
      message.hasSuffix(
        " · next approver: FLIGHTDECK_USER=carol flightdeck approve REQ-\(id) "
          + "--workspace '/home/op/my demo/.flightdeck-demo'"), "\(message)")
  }

  /// On a store that vouches for identities (PostgreSQL), the second
  /// approver logs in as their own role: no `FLIGHTDECK_USER`, and the store
  /// named instead of a workspace folder.
  @Test func onAnAuthenticatedStoreTheSecondApproverLogsInAsTheirOwnRole() throws {
    let store = try seededStore()
    let requested = try store.perform(
      .requestPromotion(
        artefact: "support-agent", version: "v4", target: .production, reason: "canary clean",
        expectedFrom: .some("v3"), override: nil), as: alice)
    let id = try #require(requested.request?.id)
    var state = AppState()
    state.operatorName = "bob"
    state.workspacePath = "/home/op/.flightdeck"
    state.storeLocation = "postgres://bob@db.internal/flightdeck?passfile=/home/bob/.pgpass"
    state.identityIsAuthenticated = true
    state.knownOperators = ["alice", "bob", "carol"]
    let d = AppDriver(width: 120, height: 40, state: state)
    d.releaseDesk = ReleaseDesk(store: store, identity: bob, clock: clock, identityIsAuthenticated: true)
    d.apply(snapshot: DashboardFixture.snapshot())
    #expect(d.pollRegistry(now: clock.now()))
    for _ in 0..<3 { d.send(.char("j")) }
    d.send(.char("a"))
    d.send(.enter)
    let message = try #require(d.state.statusMessage)
    #expect(
      message.hasSuffix(
        " · next approver: flightdeck approve REQ-\(id) "
          + "--store 'postgres://bob@db.internal/flightdeck?passfile=/home/bob/.pgpass' (logged in as another approver)"
      ),
      "\(message)")
    #expect(!message.contains("FLIGHTDECK_USER"))
  }
}

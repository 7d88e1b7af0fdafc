import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Synchronization
import Testing

/// The controller's loop on a ``TestClock``: only the lease holder works, a
/// standby takes over after the holder's expiry, a holder whose renewals fail
/// stops at its expiry, and a rollout step done by the old holder just before
/// it died is not done again by the new one (each audited once).
@Suite struct ControllerLoopTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let settings = ControllerLeaseSettings(ttlMs: 5_000, heartbeatMs: 1_000)

  /// Counts its runs and stops.
  final class CountingWork: ControllerWork {
    var runs = 0
    var stops = 0
    var workName: String { "counting" }
    func runIfDue() -> [String] {
      runs += 1
      return ["run \(runs)"]
    }
    func stop() { stops += 1 }
  }

  /// Forwards to a store, failing renewals while ``failing`` is set (a store that cannot be reached).
  final class FlakyLeases: ControllerLeaseStore {
    let base: any ControllerLeaseStore
    let failing = Atomic<Bool>(false)
    init(_ base: any ControllerLeaseStore) { self.base = base }
    func acquireControllerLease(for holder: ControllerLeaseHolder, ttlMs: Int64) throws -> ControllerLease? {
      try base.acquireControllerLease(for: holder, ttlMs: ttlMs)
    }
    func renewControllerLease(_ lease: ControllerLease, ttlMs: Int64) throws -> ControllerLease? {
      if failing.load(ordering: .relaxed) { throw RegistryError(.busy, "the store is unreachable (test)") }
      return try base.renewControllerLease(lease, ttlMs: ttlMs)
    }
    func releaseControllerLease(_ lease: ControllerLease) throws { try base.releaseControllerLease(lease) }
    func controllerLease() throws -> ControllerLease? { try base.controllerLease() }
  }

  func holder(_ name: String) -> ControllerLeaseHolder {
    ControllerLeaseHolder(host: "host-\(name)", pid: 1, instance: "instance-\(name)")
  }

  @Test func onlyTheHolderWorksAndTheStandbyTakesOverAfterTheExpiry() throws {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    let workA = CountingWork()
    let workB = CountingWork()
    let a = ControllerLoop(
      keeper: ControllerLeaseKeeper(store: store, holder: holder("a"), clock: clock, settings: settings),
      makeWork: { [workA] })
    let b = ControllerLoop(
      keeper: ControllerLeaseKeeper(store: store, holder: holder("b"), clock: clock, settings: settings),
      makeWork: { [workB] })
    let first = a.turn()
    #expect(first.acted && first.lines == ["counting: run 1"])
    guard case .acquired(let lease) = first.lease else {
      Issue.record("a did not take the lease: \(first.lease)")
      return
    }
    #expect(lease.epoch == 1)
    let standby = b.turn()
    #expect(!standby.acted && standby.lease == .standby(lease) && workB.runs == 0 && b.runningWork.isEmpty)
    // a dies (no more turns); b keeps trying every heartbeat and waits out the TTL.
    for _ in 1...4 {
      clock.advance(milliseconds: 1_000)
      #expect(!b.turn().acted)
    }
    clock.advance(milliseconds: 1_000)
    let takeover = b.turn()
    #expect(takeover.acted && workB.runs == 1)
    guard case .acquired(let taken) = takeover.lease else {
      Issue.record("b did not take over: \(takeover.lease)")
      return
    }
    #expect(taken.epoch == 2 && taken.holder == holder("b"))
    // a comes back (it was only stopped): its renewal is refused, its work dropped.
    let back = a.turn()
    #expect(back.lease == .lost(lease) && !back.acted && a.runningWork.isEmpty && workA.runs == 1)
  }

  @Test func aHolderWhoseRenewalsFailStopsAtItsExpiry() throws {
    let flaky = FlakyLeases(try SQLiteRegistryStore.inMemory(clock: clock))
    let work = CountingWork()
    let loop = ControllerLoop(
      keeper: ControllerLeaseKeeper(store: flaky, holder: holder("a"), clock: clock, settings: settings),
      makeWork: { [work] })
    #expect(loop.turn().acted)
    flaky.failing.store(true, ordering: .relaxed)
    // Renewals fail from 1 s on; the lease taken at 0 expires at 5 s.
    for second in 1...4 {
      clock.advance(milliseconds: 1_000)
      let turn = loop.turn()
      #expect(turn.acted, "still acting at \(second) s")
      if case .failed = turn.lease {
      } else {
        Issue.record("expected a failed renewal at \(second) s: \(turn.lease)")
      }
    }
    clock.advance(milliseconds: 1_000)
    #expect(!loop.turn().acted)
    #expect(work.runs == 5)
    // The store is back, but the lease expired: the renewal is refused (fenced).
    flaky.failing.store(false, ordering: .relaxed)
    clock.advance(milliseconds: 1_000)
    let lost = loop.turn()
    if case .lost = lost.lease {} else { Issue.record("expected the lease lost: \(lost.lease)") }
    #expect(!lost.acted && work.runs == 5)
  }

  @Test func aStepTheOldHolderDidJustBeforeItDiedIsNotDoneAgain() throws {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(store, clock: clock)
    let plan = try RolloutPlan(
      artefact: "support-bot", canaryVersion: "v13",
      steps: RolloutPlan.steps(weights: [5, 25, 50, 100], pauseMs: 10_000))
    _ = try store.perform(.startRollout(plan), as: F.alice)
    let seeded = try store.auditEntries(since: nil).count
    func loop(_ name: String) -> ControllerLoop {
      ControllerLoop(
        keeper: ControllerLeaseKeeper(store: store, holder: holder(name), clock: clock, settings: settings),
        makeWork: {
          [RolloutController(store: store, clock: clock, intervalMs: 2_000, samples: { _ in nil })]
        })
    }
    let a = loop("a")
    let b = loop("b")
    #expect(a.turn().acted && !b.turn().acted)
    // Both turn every second; a renews, b waits, nothing is due before 10 s.
    for _ in 1...9 {
      clock.advance(milliseconds: 1_000)
      #expect(a.turn().lines.isEmpty && !b.turn().acted)
    }
    // At 10 s the pause ends: a steps the weight to 25 % and dies right after.
    clock.advance(milliseconds: 1_000)
    let step = a.turn()
    #expect(
      step.lines.count == 1 && step.lines.first?.hasPrefix("rollouts: RO-1 support-bot: paused") == true)
    // b takes over at the expiry (a renewed at 10 s: 15 s) and runs a round at once: nothing is due.
    for _ in 1...4 {
      clock.advance(milliseconds: 1_000)
      #expect(!b.turn().acted)
    }
    clock.advance(milliseconds: 1_000)
    let takeover = b.turn()
    #expect(takeover.acted && takeover.lines.isEmpty)
    if case .acquired(let lease) = takeover.lease {
      #expect(lease.epoch == 2)
    } else {
      Issue.record("b did not take over at 15 s: \(takeover.lease)")
    }
    // At 20 s the next pause ends: b steps to 50 %.
    for _ in 1...5 {
      clock.advance(milliseconds: 1_000)
      _ = b.turn()
    }
    // b's rounds are 2 s apart from 15 s: 17, 19, then 21 s steps to 50 %.
    clock.advance(milliseconds: 1_000)
    #expect(b.turn().lines.count == 1)
    let entries = Array(try store.auditEntries(since: nil).dropFirst(seeded))
    #expect(entries.map(\.action) == [.rolloutTick, .canaryWeight, .rolloutTick, .canaryWeight])
    #expect(
      entries.filter { $0.action == .canaryWeight }.map(\.after) == [#"{"weight":25}"#, #"{"weight":50}"#])
    #expect(entries.allSatisfy { $0.actor == "system:rollout-controller" })
    #expect(try store.snapshot().artefact("support-bot")?.canaryWeightPercent == 50)
  }

  @Test func shutdownReleasesTheLease() throws {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    let work = CountingWork()
    let loop = ControllerLoop(
      keeper: ControllerLeaseKeeper(store: store, holder: holder("a"), clock: clock, settings: settings),
      makeWork: { [work] })
    _ = loop.turn()
    clock.advance(milliseconds: 300)
    try loop.shutdown()
    // The work was stopped (it gives back what it holds) before the lease went.
    #expect(work.stops == 1 && work.runs == 1)
    let row = try #require(try store.controllerLease())
    #expect(row.releasedAt == clock.now() && !row.isHeld(at: clock.now()) && loop.runningWork.isEmpty)
    #expect(try store.acquireControllerLease(for: holder("b"), ttlMs: 5_000)?.epoch == 2)
  }
}

/// The controller's alerting work (``AlertControllerWork``): the dashboard's
/// engine and keeper without a screen, run by the loop only while it holds
/// the lease.
@Suite struct AlertControllerWorkTests {
  let now = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  @Test func aRoundRecordsTheRulesTransitionsAndOpensTheIncidentOnlyOnTheHolder() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-ctl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("t.jsonl").path
    // Canary errors every 5 s over the last minute: error rate 1 > 0.5.
    let lines = (0..<12).map { i in
      TelemetryRecord(
        timestamp: now.adding(milliseconds: -Int64(5 + 5 * i) * 1000), requestID: "r\(i)", artefact: "bot",
        kind: .agent, version: "v2", route: .canary, latencyMs: 100, inputTokens: 1, outputTokens: 1,
        costUSD: 0.001, status: .error
      ).jsonLine
    }
    try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
    let groups = try AlertRulesLoader.parse(
      """
      groups:
        - name: g
          rules:
            - alert: CanaryErrors
              expr: error_rate{route="canary"}[1m] > 0.5
              for: 2s
              labels: {severity: page}
      """, file: "r.yml")
    var config = AlertConfiguration()
    config.evaluationIntervalMs = 1_000
    let clock = TestClock(start: now)
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    func loop(_ name: String) -> ControllerLoop {
      ControllerLoop(
        keeper: ControllerLeaseKeeper(
          store: store, holder: ControllerLeaseHolder(host: name, pid: 1, instance: name), clock: clock,
          settings: ControllerLeaseSettings(ttlMs: 5_000, heartbeatMs: 1_000)),
        makeWork: {
          [
            AlertControllerWork(
              engine: DashboardEngine(
                patterns: [file], clock: clock, alerts: AlertEngine(configuration: config, groups: groups)),
              keeper: AlertKeeper(configuration: config, store: store), clock: clock)
          ]
        })
    }
    let holder = loop("host-a")
    let standby = loop("host-b")
    // First round: pending (for: 2 s not yet elapsed).
    let first = holder.turn()
    #expect(
      first.lines == [#"alerts: CanaryErrors{artefact="bot",route="canary",severity="page"} new → pending"#])
    #expect(try store.alertInstances().map(\.state) == [.pending])
    var logged: [String] = []
    for _ in 0..<12 {
      clock.advance(milliseconds: 250)
      logged += holder.turn().lines
      #expect(!standby.turn().acted)
    }
    // Firing 2 s later, with the page's incident opened as system:alerting.
    #expect(
      logged.first == #"alerts: CanaryErrors{artefact="bot",route="canary",severity="page"} pending → firing"#
    )
    #expect(logged.contains { $0.hasPrefix("alerts: INC-1 opened (SEV2)") })
    #expect(try store.alertInstances().map(\.state) == [.firing])
    let incidents = try store.incidents(states: nil, limit: 10)
    #expect(incidents.count == 1 && incidents.first?.severity == .sev2)
    #expect(try store.auditEntries(since: nil).allSatisfy { $0.actor == "system:alerting" })
  }
}

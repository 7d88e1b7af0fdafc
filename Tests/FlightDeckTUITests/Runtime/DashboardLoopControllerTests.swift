import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

/// Dashboards attach to the controller (issue 14): the loop reads the store's
/// controller lease on its store worker once a second and the header says
/// who drives. Time is a manual clock; the store's work runs inline.
@Suite struct DashboardLoopControllerTests {
  let start = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)
  let holder = ControllerLeaseHolder(host: "host-a", pid: 4242, instance: "i-1")

  func setUp(_ clock: TestClock) throws -> (SQLiteRegistryStore, DashboardLoop, TestBackend) {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    let desk = ReleaseDesk(store: store, identity: OperatorIdentity(name: "alice"), clock: clock)
    let backend = TestBackend(width: 160, height: 40)
    let loop = DashboardLoop(
      engine: DashboardEngine(patterns: [], clock: clock), backend: backend, clock: clock,
      configuration: .init(themes: [ThemeLoader.builtInDefault], symbols: .ascii),
      releaseDesk: desk, storeWork: .inline)
    return (store, loop, backend)
  }

  func header(_ backend: TestBackend) -> String { backend.frameText.first ?? "" }

  /// Steps the loop for `ms` of clock time, 100 ms a turn.
  func run(_ loop: DashboardLoop, _ clock: TestClock, ms: Int64) throws {
    for _ in 0..<(ms / 100) {
      clock.advance(milliseconds: 100)
      _ = try loop.step()
    }
  }

  @Test func theHeaderFollowsTheLeaseFromNoneToHeldToStale() throws {
    let clock = TestClock(start: start)
    let (store, loop, backend) = try setUp(clock)
    try run(loop, clock, ms: 1_000)
    #expect(loop.state.controllerKnown && loop.state.controllerLease == nil && !loop.state.controllerDrives)
    #expect(header(backend).contains("no controller: this dashboard drives"))

    // Lease reads at 0.1 s, 1.1 s, 2.1 s, …: a controller takes the lease
    // (TTL 5 s) at 1 s and renews it at 2, 3 and 4 s.
    var lease = try #require(try store.acquireControllerLease(for: holder, ttlMs: 5_000))
    for _ in 0..<3 {
      try run(loop, clock, ms: 1_000)
      lease = try #require(try store.renewControllerLease(lease, ttlMs: 5_000))
    }
    try run(loop, clock, ms: 1_000)
    #expect(loop.state.controllerDrives)
    // Read at 4.1 s, 100 ms after the renewal at 4 s.
    #expect(header(backend).contains("controller host-a, heartbeat 0 s ago"))

    // It dies: read at 9.1 s, 5.1 s after its last heartbeat (4 s), its lease
    // (to 9 s) has expired, and the header says so.
    try run(loop, clock, ms: 5_000)
    #expect(!loop.state.controllerDrives)
    #expect(header(backend).contains("controller host-a, heartbeat 5 s ago (stale): this dashboard drives"))

    // A release (a controller stopped with SIGTERM) reads as no controller.
    let next = try #require(
      try store.acquireControllerLease(
        for: ControllerLeaseHolder(host: "host-b", pid: 1, instance: "i-2"), ttlMs: 5_000))
    try run(loop, clock, ms: 1_000)
    #expect(header(backend).contains("controller host-b, heartbeat 0 s ago"))
    try store.releaseControllerLease(next)
    try run(loop, clock, ms: 1_000)
    #expect(header(backend).contains("no controller: this dashboard drives"))
  }

  /// A loop over `file` with the rule `CanaryErrors` (pending on its first
  /// evaluation: `for: 30s`) and an alert keeper on `store`.
  func alerting(_ store: SQLiteRegistryStore, _ clock: TestClock, file: String) throws -> DashboardLoop {
    let groups = try AlertRulesLoader.parse(
      """
      groups:
        - name: g
          rules:
            - alert: CanaryErrors
              expr: error_rate{route="canary"}[1m] > 0.5
              for: 30s
              labels: {severity: page}
      """, file: "r.yml")
    var config = AlertConfiguration()
    config.evaluationIntervalMs = 1_000
    let engine = DashboardEngine(
      patterns: [file], clock: clock, alerts: AlertEngine(configuration: config, groups: groups))
    return DashboardLoop(
      engine: engine, backend: TestBackend(width: 160, height: 40), clock: clock,
      configuration: .init(themes: [ThemeLoader.builtInDefault], symbols: .ascii),
      releaseDesk: ReleaseDesk(store: store, identity: OperatorIdentity(name: "alice"), clock: clock),
      alertKeeper: AlertKeeper(configuration: config, store: store), storeWork: .inline)
  }

  @Test func whileAControllerDrivesTheDashboardRecordsNoAlertTransitions() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-attach-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("t.jsonl").path
    // Canary errors every 5 s over the last minute: error rate 1.
    let lines = (0..<12).map { i in
      TelemetryRecord(
        timestamp: start.adding(milliseconds: -Int64(5 + 5 * i) * 1000), requestID: "r\(i)", artefact: "bot",
        kind: .agent, version: "v2", route: .canary, latencyMs: 100, inputTokens: 1, outputTokens: 1,
        costUSD: 0.001, status: .error
      ).jsonLine
    }
    try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)

    // A controller holds the lease (and renews it): the dashboard's rule goes
    // pending on screen, but nothing is written.
    let clock = TestClock(start: start)
    let driven = try SQLiteRegistryStore.inMemory(clock: clock)
    var lease = try #require(try driven.acquireControllerLease(for: holder, ttlMs: 5_000))
    let watching = try alerting(driven, clock, file: file)
    for _ in 0..<3 {
      try run(watching, clock, ms: 1_000)
      lease = try #require(try driven.renewControllerLease(lease, ttlMs: 5_000))
    }
    #expect(watching.state.controllerDrives)
    #expect(watching.state.snapshot?.alerts.first?.state == .pending)
    #expect(try driven.alertInstances().isEmpty)

    // The same without a controller: the dashboard records the pending alert.
    let alone = try SQLiteRegistryStore.inMemory(clock: clock)
    let driving = try alerting(alone, clock, file: file)
    try run(driving, clock, ms: 3_000)
    #expect(!driving.state.controllerDrives)
    #expect(try alone.alertInstances().map(\.state) == [.pending])
  }
}

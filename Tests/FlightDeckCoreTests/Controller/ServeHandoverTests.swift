import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

#if canImport(Glibc)
  import Glibc
#endif

/// `flightdeck serve` tried the hard way: two real processes on one SQLite
/// workspace, the holder killed with SIGKILL in the middle of a rollout. The
/// standby must take over and finish the rollout with every step audited
/// exactly once, and a SIGTERM must stop it with exit 0 and the lease released.
///
/// Runs real processes, so it waits on them in real time (polling with
/// deadlines); nothing it asserts depends on how long anything took. Needs
/// the `flightdeck` binary (``ReceiverKillTests/binary``); without it the
/// test is skipped, and under CI=true it fails.
@Suite(.serialized) struct ServeHandoverTests {
  typealias F = RegistryFixture

  /// Reads the workspace with a fresh store (another process writes it).
  static func store(_ path: String) throws -> SQLiteRegistryStore {
    try SQLiteRegistryStore(path: path, clock: SystemClock())
  }

  /// The HTTP status of GET `url` (curl), or 0 when nothing answered.
  static func status(_ url: String) -> Int {
    let o = try? ChildProcess.run(
      URL(fileURLWithPath: "/usr/bin/curl"),
      ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", url],
      captureStderr: false, timeoutSeconds: 30)
    return Int(o?.text ?? "") ?? 0
  }

  /// Blocks for half a minute or more, so off the cooperative pool (``DedicatedThreadExecutor``).
  @Test func theStandbyTakesOverAfterSIGKILLAndEveryStepIsAuditedOnce() async throws {
    try await DedicatedThreadExecutor.run("serve-handover") { try Self.standbyTakesOver() }
  }

  static func standbyTakesOver() throws {
    guard let binary = ReceiverKillTests.binary else {
      if ReceiverKillTests.required { Issue.record("the flightdeck binary is missing") }
      return
    }
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("fd-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let workspace = root.appendingPathComponent("ws").path
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    let database = workspace + "/registry.sqlite"

    // support-bot (low tier: the last step promotes at once), gates passed,
    // seeded a minute ago, and a rollout 5 → 25 → 50 → 100 % with 3 s pauses started now.
    let clock = TestClock(start: SystemClock().now().adding(milliseconds: -60_000))
    let seeding = try SQLiteRegistryStore.create(path: database, clock: clock, actor: F.alice)
    try F.seed(seeding, clock: clock, tier: .low)
    try F.passGates(seeding, "support-bot", ["v13"], tier: .low)
    // The rollout starts now (real time): its pauses end 3 s apart from here.
    clock.set(SystemClock().now())
    _ = try seeding.perform(
      .startRollout(
        try RolloutPlan(
          artefact: "support-bot", canaryVersion: "v13",
          steps: RolloutPlan.steps(weights: [5, 25, 50, 100], pauseMs: 3_000))), as: F.alice)
    let seeded = try seeding.auditEntries(since: nil).count

    let ports = [try ReceiverKillTests.freePort(), try ReceiverKillTests.freePort()]
    func serve(_ i: Int) throws -> (ChildProcess, String) {
      let p = Process()
      p.executableURL = binary
      p.arguments = [
        "serve", "--workspace", workspace, "--listen", "127.0.0.1:\(ports[i])", "--lease-ttl", "2s",
        "--heartbeat", "500ms", "--rollout-interval", "200ms",
      ]
      let log = root.appendingPathComponent("serve-\(i).log").path
      _ = FileManager.default.createFile(atPath: log, contents: nil)
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
      p.standardOutput = handle
      p.standardError = handle
      return (try ChildProcess(starting: p), log)
    }
    func logged(_ log: String, _ text: String) -> Bool {
      ReceiverKillTests.lines(log).contains { $0.contains(text) }
    }
    func weight() throws -> Int {
      try Self.store(database).snapshot().artefact("support-bot")?.canaryWeightPercent ?? -1
    }

    let (a, logA) = try serve(0)
    defer { a.waitOrKill(seconds: 0) }
    try ReceiverKillTests.waitFor(60, "the first serve to take the lease") {
      guard a.isRunning else { throw ReceiverKillTests.CLIWaitTimeout(what: "serve A (it exited)") }
      return logged(logA, "holding the controller lease (epoch 1)")
    }
    let (b, logB) = try serve(1)
    defer { b.waitOrKill(seconds: 0) }
    try ReceiverKillTests.waitFor(60, "the second serve to wait as a standby") {
      guard b.isRunning else { throw ReceiverKillTests.CLIWaitTimeout(what: "serve B (it exited)") }
      return logged(logB, "standby:")
    }
    try ReceiverKillTests.waitFor(30, "both probes") {
      ReceiverKillTests.accepts(ports[0]) && ReceiverKillTests.accepts(ports[1])
    }
    #expect(Self.status("http://127.0.0.1:\(ports[0])/readyz") == 200)
    #expect(Self.status("http://127.0.0.1:\(ports[1])/readyz") == 503)
    #expect(Self.status("http://127.0.0.1:\(ports[1])/healthz") == 200)

    // A steps the rollout to 25 % when the first pause ends; kill it right after.
    try ReceiverKillTests.waitFor(60, "the holder to step the rollout to 25 %") { try weight() >= 25 }
    a.send(SIGKILL)
    #expect(a.wait(seconds: 30))
    #expect(a.process.terminationReason == .uncaughtSignal)
    // Dead at 25 %: whatever comes next is the standby's doing.
    #expect(try weight() == 25)
    #expect(!logged(logB, "holding the controller lease"))

    try ReceiverKillTests.waitFor(60, "the standby to take over") {
      logged(logB, "holding the controller lease (epoch 2)")
    }
    try ReceiverKillTests.waitFor(60, "the rollout to finish") {
      try Self.store(database).rollouts(artefact: "support-bot").first?.state.phase.isFinished == true
    }
    let reader = try Self.store(database)
    let rollout = try #require(try reader.rollouts(artefact: "support-bot").first)
    #expect(rollout.state.phase == .promoted)
    #expect(try reader.snapshot().artefact("support-bot")?.pointers[.production] == "v13")
    // Every step once: the weights 25, 50, 100, in order, each one audit entry.
    let entries = Array(try reader.auditEntries(since: nil).dropFirst(seeded))
    let weights = entries.filter { $0.action == .canaryWeight }.compactMap(\.after)
    #expect(weights.prefix(3) == [#"{"weight":25}"#, #"{"weight":50}"#, #"{"weight":100}"#])
    #expect(Set(weights).count == weights.count, "a weight was set twice: \(weights)")
    #expect(
      entries.filter { $0.action == .rolloutTick || $0.action == .canaryWeight }.allSatisfy {
        $0.actor == "system:rollout-controller"
      })
    #expect(try reader.verifyAudit().isIntact)
    #expect(Self.status("http://127.0.0.1:\(ports[1])/readyz") == 200)

    // SIGTERM: the turn in flight finishes, the lease is released, exit 0.
    b.send(SIGTERM)
    let stopped = b.waitOrKill(seconds: 30)
    #expect(stopped, "serve B did not stop within 30 s of SIGTERM")
    #expect(stopped && b.process.terminationReason == .exit && b.process.terminationStatus == 0)
    let lease = try #require(try reader.controllerLease())
    #expect(lease.epoch == 2 && lease.holder.pid == Int64(b.processIdentifier) && lease.releasedAt != nil)
    #expect(logged(logB, "stopped; lease released"))
    print("serve handover: A's log:\n" + ReceiverKillTests.lines(logA).joined(separator: "\n"))
    print("serve handover: B's log:\n" + ReceiverKillTests.lines(logB).joined(separator: "\n"))
    for e in entries {
      print("serve handover: audit \(e.at.rfc3339) \(e.actor) \(e.action.rawValue) \(e.after ?? "")")
    }
  }
}

import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

#if canImport(Glibc)
  import Glibc
#endif

/// `flightdeck serve` killed between a routing decision and its publish
/// (issue 15): the decision (support-bot canary v13 at 10 %) is in the
/// store; serve claims it and runs an exec hook that blocks (it waits for a
/// file) before the LiteLLM target is written; serve is killed with SIGKILL
/// there, and restarted. The restarted serve publishes once the dead one's
/// claim runs out: the LiteLLM file appears with the decided weights, and
/// the audit holds exactly one `routing.publish` entry, naming the sha256 of
/// the file on disk and of the hook's input.
///
/// Runs real processes, so it waits on them in real time (polling with
/// deadlines); nothing it asserts depends on how long anything took. Needs
/// the `flightdeck` binary; without it the test is skipped, and under
/// CI=true it fails.
@Suite(.serialized) struct ServeRoutingKillTests {
  typealias F = RegistryFixture

  @Test func aPublishInterruptedBySIGKILLCompletesAfterRestartOnce() async throws {
    try await DedicatedThreadExecutor.run("serve-routing-kill") { try Self.killAndRestart() }
  }

  static func killAndRestart() throws {
    guard let binary = ReceiverKillTests.binary else {
      if ReceiverKillTests.required { Issue.record("the flightdeck binary is missing") }
      return
    }
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fd-routing-kill-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let go = root.appendingPathComponent("go").path
    defer {
      // Releases a hook left blocking by the killed serve, then cleans up.
      _ = FileManager.default.createFile(atPath: go, contents: nil)
      try? FileManager.default.removeItem(at: root)
    }
    let workspace = root.appendingPathComponent("ws").path
    try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
    let database = workspace + "/registry.sqlite"
    let litellm = root.appendingPathComponent("litellm.yaml").path
    let inputs = root.appendingPathComponent("inputs").path
    try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)

    // The decision: production v12, canary v13 at 10 %.
    let clock = TestClock(start: SystemClock().now().adding(milliseconds: -60_000))
    let seeding = try SQLiteRegistryStore.create(path: database, clock: clock, actor: F.alice)
    try F.seed(seeding, clock: clock, tier: .low)
    _ = try seeding.run(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .canary, reason: "canary", expectedFrom: nil,
        override: F.gatesNotUnderTest), as: F.alice)
    _ = try seeding.run(.setCanaryWeight(artefact: "support-bot", percent: 10, reason: "step"), as: F.alice)
    #expect(try seeding.auditEntries(since: nil).filter { $0.action == .routingPublish }.isEmpty)

    // The hook saves its whole input (renamed into place once read to the end), then blocks until
    // `go` exists; it runs before the LiteLLM target.
    let hook =
      "cat > \(inputs)/.part-$$ && mv \(inputs)/.part-$$ \(inputs)/input-$$.json; "
      + "while [ ! -e \(go) ]; do sleep 0.1; done"
    let config = root.appendingPathComponent("flightdeck.toml").path
    try Data(
      """
      [[routing.targets]]
      name = "hook"
      type = "exec"
      command = ["/bin/sh", "-c", "\(hook)"]
      timeout = "5m"

      [[routing.targets]]
      name = "gateway"
      type = "litellm"
      path = "\(litellm)"

      """.utf8
    ).write(to: URL(fileURLWithPath: config))

    func serve(_ i: Int) throws -> (ChildProcess, String) {
      let p = Process()
      p.executableURL = binary
      p.arguments = [
        "serve", "--workspace", workspace, "--config", config,
        "--listen", "127.0.0.1:\(try ReceiverKillTests.freePort())", "--lease-ttl", "2s", "--heartbeat",
        "500ms",
      ]
      let log = root.appendingPathComponent("serve-\(i).log").path
      _ = FileManager.default.createFile(atPath: log, contents: nil)
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
      p.standardOutput = handle
      p.standardError = handle
      return (try ChildProcess(starting: p), log)
    }
    func saved() throws -> [String] {
      try FileManager.default.contentsOfDirectory(atPath: inputs).filter { $0.hasPrefix("input-") }.sorted()
    }

    let (a, logA) = try serve(0)
    defer { a.waitOrKill(seconds: 0) }
    try ReceiverKillTests.waitFor(90, "the first serve to run the hook") {
      guard a.isRunning else { throw ReceiverKillTests.CLIWaitTimeout(what: "serve A (it exited)") }
      return try saved().count == 1
    }
    a.send(SIGKILL)
    #expect(a.wait(seconds: 30))
    #expect(a.process.terminationReason == .uncaughtSignal)
    // Killed inside the publish: the LiteLLM target was never written, no publish recorded.
    #expect(!FileManager.default.fileExists(atPath: litellm))
    #expect(
      try ServeHandoverTests.store(database).auditEntries(since: nil).filter { $0.action == .routingPublish }
        .isEmpty)
    // Release the orphaned hook; the restarted serve's hook will not block.
    _ = FileManager.default.createFile(atPath: go, contents: nil)

    let (b, logB) = try serve(1)
    defer { b.waitOrKill(seconds: 0) }
    // The dead serve's claim runs 30 s (RoutingRetryPolicy.claimForMs); then the new holder publishes.
    try ReceiverKillTests.waitFor(120, "the restarted serve to publish") {
      guard b.isRunning else { throw ReceiverKillTests.CLIWaitTimeout(what: "serve B (it exited)") }
      return try !ServeHandoverTests.store(database).auditEntries(since: nil).filter {
        $0.action == .routingPublish
      }.isEmpty
    }
    // Give a duplicate publish the chance to show.
    Thread.sleep(forTimeInterval: 2)
    let reader = try ServeHandoverTests.store(database)
    let publishes = try reader.auditEntries(since: nil).filter { $0.action == .routingPublish }
    #expect(publishes.count == 1, "\(publishes.map(\.after))")
    let file = try Data(contentsOf: URL(fileURLWithPath: litellm))
    #expect(
      try LiteLLMRouterRenderer.weights(in: file, target: "gateway") == [
        "support-bot": ["v12": 90, "v13": 10]
      ])
    let inputNames = try saved()
    #expect(inputNames.count == 2, "\(inputNames)")
    let input = try Data(contentsOf: URL(fileURLWithPath: inputs + "/" + inputNames[0]))
    // Both runs of the hook got the same state: the publish renders the store's state, not a delta.
    #expect(try Data(contentsOf: URL(fileURLWithPath: inputs + "/" + inputNames[1])) == input)
    let after = try #require(publishes.first?.after)
    let root2 = try #require(try JSONSerialization.jsonObject(with: Data(after.utf8)) as? [String: Any])
    let digests = try #require(root2["digests"] as? [String: Any])
    #expect(digests["gateway"] as? String == RoutingFileWriter.digest(file))
    #expect(digests["hook"] as? String == RoutingFileWriter.digest(input))
    #expect(publishes.first?.actor == "system:publisher")
    #expect(try reader.verifyAudit().isIntact)
    #expect(try reader.routingOutbox().allSatisfy { !$0.isOutOfDate })

    b.send(SIGTERM)
    #expect(b.waitOrKill(seconds: 30))
    print("serve routing kill: A's log:\n" + ReceiverKillTests.lines(logA).joined(separator: "\n"))
    print("serve routing kill: B's log:\n" + ReceiverKillTests.lines(logB).joined(separator: "\n"))
  }
}

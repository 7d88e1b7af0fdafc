import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// The exec hook target: the command runs without a shell with the new state
/// as JSON on standard input; its exit status and bounded, sanitised output
/// go into the `routing.publish` audit entry; a failure or a timeout is a
/// failed publish, retried.
@Suite struct RoutingExecHookTests {
  typealias F = RegistryFixture
  let clock = TestClock()

  /// A store at production v12, canary v13 at 10 %.
  func seeded() throws -> SQLiteRegistryStore {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(store, clock: clock, tier: .low)
    _ = try store.run(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .canary, reason: "canary", expectedFrom: nil,
        override: F.gatesNotUnderTest), as: F.alice)
    _ = try store.run(.setCanaryWeight(artefact: "support-bot", percent: 10, reason: "step"), as: F.alice)
    return store
  }

  /// An executable script `body` in `folder`.
  func script(_ folder: String, _ name: String, _ body: String) throws -> String {
    let path = folder + "/" + name
    try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    return path
  }

  func publisher(_ store: SQLiteRegistryStore, _ command: [String], timeoutMs: Int64 = 10_000)
    -> RoutingPublisher
  {
    RoutingPublisher(
      store: store,
      configuration: RoutingConfiguration(
        targets: [
          RoutingTarget(
            name: "hook", kind: .exec, path: command[0], command: command, timeoutMs: timeoutMs)
        ], retry: RoutingRetryPolicy(initialBackoffMs: 1_000, maxBackoffMs: 60_000)),
      clock: clock)
  }

  func lastPublish(_ store: SQLiteRegistryStore) throws -> [String: Any] {
    let entry = try #require(try store.auditEntries(since: nil).last { $0.action == .routingPublish })
    return try #require(
      try JSONSerialization.jsonObject(with: Data((entry.after ?? "").utf8)) as? [String: Any])
  }

  @Test func theHookGetsTheStateOnStdinAndItsResultIsAudited() throws {
    let store = try seeded()
    let folder = try F.temporaryDirectory()
    // The second argument would run a command if a shell ever parsed it.
    let hook = try script(folder, "hook.sh", "cat > \"$1\"\nprintf '%s' \"$2\" > \"$1.arg\"\necho published")
    let tricky = "$(touch \(folder)/pwned); `touch \(folder)/pwned2`"
    let report = publisher(store, [hook, folder + "/stdin.json", tricky]).step()
    #expect(report.published == 1 && report.failed == 0)
    let stdin = try Data(contentsOf: URL(fileURLWithPath: folder + "/stdin.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: stdin) as? [String: Any])
    #expect(root["target"] as? String == "hook")
    let artefacts = try #require(root["artefacts"] as? [[String: Any]])
    #expect(artefacts.count == 1)
    #expect(artefacts[0]["artefact"] as? String == "support-bot")
    #expect(artefacts[0]["stable"] as? String == "v12" && artefacts[0]["canary"] as? String == "v13")
    #expect(artefacts[0]["canaryWeight"] as? Int == 10)
    #expect(try String(contentsOfFile: folder + "/stdin.json.arg", encoding: .utf8) == tricky)
    #expect(!FileManager.default.fileExists(atPath: folder + "/pwned"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/pwned2"))
    let after = try lastPublish(store)
    let hooks = try #require(after["hooks"] as? [String: [String: Any]])
    #expect(hooks["hook"]?["exit"] as? Int == 0)
    #expect(hooks["hook"]?["output"] as? String == "published\n")
    let digests = try #require(after["digests"] as? [String: String])
    #expect(digests["hook"] == RoutingFileWriter.digest(stdin))
  }

  @Test func aFailingHookIsAFailedPublishWithItsSanitisedOutput() throws {
    let store = try seeded()
    let folder = try F.temporaryDirectory()
    let hook = try script(folder, "fail.sh", "cat > /dev/null\nprintf 'no route \\033[31mred\\n' >&2\nexit 3")
    let report = publisher(store, [hook]).step()
    #expect(report.failed == 1 && report.published == 0)
    let row = try #require(try store.routingOutbox().first)
    #expect(row.state == .failed && row.nextAttemptAt == clock.now().adding(milliseconds: 1_000))
    let error = try #require(row.lastError)
    #expect(error.hasPrefix("hook: the command exited with status 3: no route "))
    #expect(!error.contains("\u{1B}"))
    #expect(try store.routingTargets().first?.condition == .failing)
    #expect(try store.auditEntries(since: nil).filter { $0.action == .routingPublish }.isEmpty)
  }

  @Test func outputIsBounded() throws {
    let store = try seeded()
    let folder = try F.temporaryDirectory()
    let hook = try script(folder, "loud.sh", "cat > /dev/null\nhead -c 2000000 /dev/zero | tr '\\0' 'x'")
    #expect(publisher(store, [hook]).step().published == 1)
    let output = try #require(
      (try lastPublish(store)["hooks"] as? [String: [String: Any]])?["hook"]?["output"] as? String)
    #expect(output.utf8.count <= 1_000 && output.hasPrefix("xxxx"))
  }

  @Test func aHookPastItsDeadlineIsKilledAndRetried() async throws {
    let store = try seeded()
    let folder = try F.temporaryDirectory()
    let hook = try script(folder, "slow.sh", "exec sleep 30")
    let report = try await DedicatedThreadExecutor.run("routing-hook-timeout") {
      self.publisher(store, [hook], timeoutMs: 200).step()
    }
    #expect(report.failed == 1)
    let error = try #require(try store.routingOutbox().first?.lastError)
    #expect(error == "hook: the command timed out after 200ms and was killed")
  }

  @Test func aMissingExecutableIsAFailedPublish() throws {
    let store = try seeded()
    let report = publisher(store, ["/nonexistent/hook"]).step()
    #expect(report.failed == 1)
    #expect(try store.routingTargets().first?.condition == .failing)
  }
}

import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Nothing lost, nothing sent twice under another name, tried the hard way:
/// the real `flightdeck notifications deliver` is killed with SIGKILL while
/// a receiver on loopback holds its requests, then started again; every
/// outbox event must reach the receiver, and every request that arrived
/// (a duplicate included) carries its event's key as `Idempotency-Key`.
///
/// Runs real processes and waits on them in real time (polling with
/// deadlines); nothing asserted depends on how long anything took. Needs the
/// `flightdeck` binary (`swift build --build-tests` builds it next to the
/// test bundle); without it the test is skipped, and under CI=true it fails.
@Suite(.serialized) struct NotificationDeliverKillTests {
  static let required = ProcessInfo.processInfo.environment["CI"] == "true"
  /// The `flightdeck` executable (``FlightDeckBinary/url``).
  static var binary: URL? { FlightDeckBinary.url }

  static func start(_ binary: URL, _ arguments: [String], log: String) throws -> ChildProcess {
    let p = Process()
    p.executableURL = binary
    p.arguments = arguments
    _ = FileManager.default.createFile(atPath: log, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    p.standardOutput = out
    p.standardError = out
    var environment = ProcessInfo.processInfo.environment
    environment["FLIGHTDECK_USER"] = "alice"
    p.environment = environment
    return try ChildProcess(starting: p)
  }

  @Test func killedMidDeliveryThenRestartedDeliversEverythingUnderItsKey() async throws {
    guard let binary = Self.binary else {
      if Self.required { Issue.record("the flightdeck binary is missing: swift build --build-tests first") }
      return
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-kill-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // 12 failed gate checks: 12 outbox events.
    let workspace = RegistryWorkspace(directory: dir + "/ws")
    let store = try workspace.create(clock: SystemClock(), actor: OperatorIdentity(name: "alice"))
    let alice = OperatorIdentity(name: "alice")
    _ = try store.perform(
      .registerArtefact(name: "support-bot", kind: .agent, owner: "o", riskTier: .high, description: ""),
      as: alice)
    _ = try store.perform(
      .registerVersion(
        artefact: "support-bot", label: "v1", source: SourceReference(kind: .git, value: "abc"), tags: [:],
        description: ""), as: alice)
    let failing = GateCheck.evaluate(policy: .standard, tier: .high, results: [])
    for _ in 0..<12 {
      _ = try store.perform(
        .recordGateResults(artefact: "support-bot", version: "v1", report: failing), as: alice)
    }
    let outbox = try #require(store as? any NotificationOutboxStore)
    let keys = Set(try outbox.notificationOutbox(states: nil, limit: 100).map(\.event.key))
    #expect(keys.count == 12)

    let server = WebhookTestServer(okDelayNanoseconds: 300_000_000)
    try await server.run { base in
      let config = dir + "/fd.toml"
      try """
      [notifications]
      attempt_timeout = "2s"
      initial_backoff = "200ms"
      max_backoff = "1s"

      [[notifications.receivers]]
      name = "hook"
      type = "webhook"
      url = "\(base)/ok"

      [notifications.route]
      receiver = "hook"
      """.write(toFile: config, atomically: true, encoding: .utf8)
      let arguments = [
        "notifications", "deliver", "--workspace", dir + "/ws", "--config", config, "--poll", "50ms",
        "--batch", "2",
      ]
      let first = try Self.start(binary, arguments, log: dir + "/first.log")
      // Kill it while the receiver holds a request: 3 arrived, the fourth in flight.
      let deadline = Date().addingTimeInterval(60)
      while server.received.count < 4 {
        guard Date() < deadline, first.isRunning else { break }
        try await Task.sleep(nanoseconds: 20_000_000)
      }
      first.send(SIGKILL)
      #expect(first.wait(seconds: 30))
      #expect(first.process.terminationReason == .uncaughtSignal)
      let arrivedBeforeKill = server.received.count
      #expect(
        arrivedBeforeKill >= 4,
        "log: \((try? String(contentsOfFile: dir + "/first.log", encoding: .utf8)) ?? "")")
      #expect(arrivedBeforeKill < 12)

      let second = try Self.start(binary, arguments, log: dir + "/second.log")
      defer {
        second.send(SIGTERM)
        #expect(second.waitOrKill(seconds: 30), "deliver did not stop within 30 s of SIGTERM")
      }
      // The claim of the killed process ends 2 × 1 × 2 s + 5 s after it began.
      let end = Date().addingTimeInterval(90)
      while Date() < end {
        let pending = try outbox.notificationOutbox(states: [.pending, .failed], limit: 100)
        if pending.isEmpty { break }
        try await Task.sleep(nanoseconds: 100_000_000)
      }
    }
    let entries = try outbox.notificationOutbox(states: nil, limit: 100)
    #expect(
      entries.allSatisfy { $0.state == .delivered }, "\(entries.map { ($0.id, $0.state, $0.lastError) })")
    let arrived = server.received
    let arrivedKeys = arrived.compactMap { $0.headers["idempotency-key"] }
    #expect(Set(arrivedKeys) == keys)
    // Each request's key is its own event's: the body's id says which event it is.
    for a in arrived {
      let body = try #require(try JSONSerialization.jsonObject(with: Data(a.body)) as? [String: Any])
      #expect(body["id"] as? String == a.headers["idempotency-key"])
    }
    // The request in flight at the kill arrived twice (its answer never
    // reached the killed sender), under the same key.
    let counts = Dictionary(grouping: arrivedKeys, by: { $0 }).mapValues(\.count)
    #expect(counts.values.contains { $0 >= 2 })
  }
}

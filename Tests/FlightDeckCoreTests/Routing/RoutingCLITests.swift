import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// The real `flightdeck routing` commands on a workspace whose decisions were
/// never published: `status` says out of date (exit 2), `publish` writes the
/// files, `status` says in sync (exit 0), and after a hand edit `status
/// --check` says drifted (exit 2) and names the difference. Needs the
/// `flightdeck` binary (`swift build --build-tests`); skipped without it,
/// failing under CI=true.
@Suite struct RoutingCLITests {
  typealias F = RegistryFixture

  /// The `flightdeck` executable (``FlightDeckBinary/url``).
  static var binary: URL? { FlightDeckBinary.url }

  static func run(_ binary: URL, _ arguments: [String]) throws -> ChildProcess.Outcome {
    var environment = ProcessInfo.processInfo.environment
    environment["FLIGHTDECK_USER"] = "alice"
    return try ChildProcess.run(binary, arguments, environment: environment, timeoutSeconds: 120)
  }

  @Test func statusPublishAndDrift() async throws {
    guard let binary = Self.binary else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("the flightdeck binary is missing: swift build --build-tests first")
      }
      return
    }
    let dir = try F.temporaryDirectory()
    let clock = TestClock()
    let store = try RegistryWorkspace(directory: dir + "/ws").create(clock: clock, actor: F.alice)
    try F.seed(store, clock: clock, tier: .low)
    _ = try store.run(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .canary, reason: "canary", expectedFrom: nil,
        override: F.gatesNotUnderTest), as: F.alice)
    _ = try store.run(.setCanaryWeight(artefact: "support-bot", percent: 10, reason: "step"), as: F.alice)
    let config = dir + "/fd.toml"
    try """
    workspace = "\(dir)/ws"

    [[routing.targets]]
    name = "gateway"
    type = "litellm"
    path = "\(dir)/litellm.yaml"

    [[routing.targets]]
    name = "flags"
    type = "flagd"
    path = "\(dir)/flags.json"
    """.write(toFile: config, atomically: true, encoding: .utf8)
    try await DedicatedThreadExecutor.run("routing-cli") {
      var o = try Self.run(binary, ["routing", "status", "--config", config])
      #expect(o.status == 2, "\(o.text)")
      #expect(o.text.contains("out of date") && o.text.contains("never published"))
      o = try Self.run(binary, ["routing", "publish", "support-bot", "--config", config])
      #expect(o.status == 0, "\(o.text) \(String(decoding: o.stderr, as: UTF8.self))")
      #expect(o.text.contains("gateway in sync \(dir)/litellm.yaml sha256:"))
      o = try Self.run(binary, ["routing", "status", "--config", config, "--json"])
      #expect(o.status == 0, "\(o.text)")
      let root = try #require(try JSONSerialization.jsonObject(with: o.stdout) as? [String: Any])
      let targets = try #require(root["targets"] as? [[String: Any]])
      #expect(targets.map { $0["state"] as? String } == ["in sync", "in sync"])
      let digest = try #require(targets.first?["digest"] as? String)
      #expect(
        digest == RoutingFileWriter.digest(try Data(contentsOf: URL(fileURLWithPath: dir + "/litellm.yaml"))))
      // Someone sets 20 % by hand.
      let edited = try String(contentsOfFile: dir + "/litellm.yaml", encoding: .utf8)
        .replacingOccurrences(of: "weight: 10", with: "weight: 20")
      try edited.write(toFile: dir + "/litellm.yaml", atomically: true, encoding: .utf8)
      o = try Self.run(binary, ["routing", "status", "--check", "--config", config, "--json"])
      #expect(o.status == 2, "\(o.text)")
      let checked = try #require(try JSONSerialization.jsonObject(with: o.stdout) as? [String: Any])
      let lines = try #require(checked["targets"] as? [[String: Any]])
      #expect(lines.map { $0["state"] as? String } == ["drifted", "in sync"])
      #expect(
        lines.first?["detail"] as? String == "support-bot v13: the file says 20 %, FlightDeck says 10 %")
      o = try Self.run(binary, ["routing", "publish", "support-bot", "--config", config])
      #expect(o.status == 0)
      o = try Self.run(binary, ["routing", "status", "--check", "--config", config])
      #expect(o.status == 0, "\(o.text)")
    }
    let drifts = try store.auditEntries(since: nil).filter { $0.action == .routingDrift }
    #expect(drifts.count == 1)
  }
}

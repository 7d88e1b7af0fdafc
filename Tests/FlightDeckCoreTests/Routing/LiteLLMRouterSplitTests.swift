import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// The LiteLLM target against the real consumer: the file the publisher
/// writes is loaded into `litellm.Router` (litellm 1.82.6 in the test venv
/// `.ci/run` makes at `/tmp/fd-litellm-venv`, or `FD_LITELLM_PYTHON`), which
/// routes 10,000 `mock_response` completions
/// (`Tests/Tools/litellm-router-split.py`); each deployment's share must be
/// within one point of its weight. Skipped with a message without the venv,
/// except under `CI=true`.
@Suite struct LiteLLMRouterSplitTests {
  typealias F = RegistryFixture

  /// Publishes support-bot at production v12 / canary v13 with `weight` % and
  /// returns the file's path.
  static func publish(canaryWeight weight: Int, folder: String) throws -> String {
    let clock = TestClock()
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(store, clock: clock, tier: .low)
    _ = try store.run(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .canary, reason: "canary", expectedFrom: nil,
        override: F.gatesNotUnderTest), as: F.alice)
    _ = try store.run(.setCanaryWeight(artefact: "support-bot", percent: weight, reason: "step"), as: F.alice)
    let path = folder + "/litellm.yaml"
    let publisher = RoutingPublisher(
      store: store,
      configuration: RoutingConfiguration(targets: [
        RoutingTarget(name: "gateway", kind: .litellm, path: path)
      ]),
      clock: clock)
    let report = publisher.step()
    try #require(report.published == 1, "\(report)")
    return path
  }

  static func route(_ path: String, python: String, count: Int) throws -> [String: Int] {
    let script = DecodingFixtures.repoRoot.appendingPathComponent("Tests/Tools/litellm-router-split.py")
    let o = try ChildProcess.run(
      URL(fileURLWithPath: python), [script.path, path, "support-bot", String(count)], timeoutSeconds: 600)
    try #require(
      o.status == 0 && !o.signalled,
      "litellm-router-split.py failed: \(String(decoding: o.stderr, as: UTF8.self))")
    let line = try #require(String(decoding: o.stdout, as: UTF8.self).split(separator: "\n").last)
    let root = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(root["litellm"] as? String == "1.82.6")
    return try #require(root["counts"] as? [String: Int])
  }

  @Test func theRealRouterSplitsByThePublishedWeights() async throws {
    guard let python = LiteLLMRealProducerTests.python else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record(
          "CI=true but no litellm venv: .ci/run must create /tmp/fd-litellm-venv with litellm==1.82.6")
      } else {
        print(
          "SKIPPED LiteLLMRouterSplitTests: no /tmp/fd-litellm-venv/bin/python (see .ci/run) or FD_LITELLM_PYTHON"
        )
      }
      return
    }
    let folder = try F.temporaryDirectory()
    try await DedicatedThreadExecutor.run("litellm-router-split") {
      let path = try Self.publish(canaryWeight: 10, folder: folder)
      let counts = try Self.route(path, python: python, count: 10_000)
      #expect(counts.values.reduce(0, +) == 10_000)
      let canary = Double(counts["support-bot@v13"] ?? 0) / 100
      let stable = Double(counts["support-bot@v12"] ?? 0) / 100
      #expect(abs(canary - 10) <= 1, "canary served \(canary) %")
      #expect(abs(stable - 90) <= 1, "stable served \(stable) %")
      #expect(Set(counts.keys) == ["support-bot@v12", "support-bot@v13"])
    }
  }
}

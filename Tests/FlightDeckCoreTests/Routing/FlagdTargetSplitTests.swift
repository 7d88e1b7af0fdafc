import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// The flagd target against the real consumer: the file the publisher
/// writes is evaluated by the flagd in-process evaluator of
/// `openfeature-provider-flagd` 0.6.1 in file mode (the venv `.ci/run` makes
/// at `/tmp/fd-flagd-venv`, or `FD_FLAGD_PYTHON`) over 10,000 targeting keys
/// (`Tests/Tools/flagd-split.py`): each version's share within one point of
/// its weight, every evaluation a targeting match, and a sticky key on one
/// version. Skipped with a message without the venv, except under `CI=true`.
@Suite struct FlagdTargetSplitTests {
  typealias F = RegistryFixture

  static var python: String? {
    let path = ProcessInfo.processInfo.environment["FD_FLAGD_PYTHON"] ?? "/tmp/fd-flagd-venv/bin/python"
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }

  /// Publishes support-bot at production v12 / canary v13 with `weight` % and
  /// returns the flags file's path.
  static func publish(canaryWeight weight: Int, folder: String) throws -> String {
    let clock = TestClock()
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(store, clock: clock, tier: .low)
    _ = try store.run(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .canary, reason: "canary", expectedFrom: nil,
        override: F.gatesNotUnderTest), as: F.alice)
    _ = try store.run(.setCanaryWeight(artefact: "support-bot", percent: weight, reason: "step"), as: F.alice)
    let path = folder + "/flags.json"
    let publisher = RoutingPublisher(
      store: store,
      configuration: RoutingConfiguration(targets: [RoutingTarget(name: "flags", kind: .flagd, path: path)]),
      clock: clock)
    let report = publisher.step()
    try #require(report.published == 1, "\(report)")
    return path
  }

  static func evaluate(_ path: String, python: String, count: Int) throws -> [String: Any] {
    let script = DecodingFixtures.repoRoot.appendingPathComponent("Tests/Tools/flagd-split.py")
    let o = try ChildProcess.run(
      URL(fileURLWithPath: python), [script.path, path, "support-bot", String(count)], timeoutSeconds: 300)
    try #require(
      o.status == 0 && !o.signalled, "flagd-split.py failed: \(String(decoding: o.stderr, as: UTF8.self))")
    let line = try #require(String(decoding: o.stdout, as: UTF8.self).split(separator: "\n").last)
    return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
  }

  @Test(arguments: [10, 35])
  func theRealEvaluatorSplitsByThePublishedWeights(_ weight: Int) async throws {
    guard let python = Self.python else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("CI=true but no flagd venv: .ci/run must create /tmp/fd-flagd-venv")
      } else {
        print(
          "SKIPPED FlagdTargetSplitTests: no /tmp/fd-flagd-venv/bin/python (see .ci/run) or FD_FLAGD_PYTHON")
      }
      return
    }
    let folder = try F.temporaryDirectory()
    try await DedicatedThreadExecutor.run("flagd-split") {
      let path = try Self.publish(canaryWeight: weight, folder: folder)
      let root = try Self.evaluate(path, python: python, count: 10_000)
      #expect(root["provider"] as? String == "0.6.1")
      let counts = try #require(root["counts"] as? [String: Int])
      #expect(Set(counts.keys) == ["v12", "v13"])
      #expect(counts.values.reduce(0, +) == 10_000)
      let canary = Double(counts["v13"] ?? 0) / 100
      #expect(abs(canary - Double(weight)) <= 1, "canary served \(canary) %")
      // Every key went through the fractional rule (a float weight would make it DEFAULT or ERROR).
      #expect(root["reasons"] as? [String: Int] == ["TARGETING_MATCH": 10_000])
      let sticky = try #require(root["sticky"] as? [String])
      #expect(sticky.count == 20 && Set(sticky).count == 1)
    }
  }
}

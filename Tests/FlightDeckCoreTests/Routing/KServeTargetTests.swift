import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// The KServe target against the real consumer's model: the file the
/// publisher writes is loaded into the kserve SDK's `V1beta1InferenceService`
/// (kserve 0.21.0 without its serving stack, in the test venv `.ci/run`
/// makes at `/tmp/fd-kserve-venv`, or `FD_KSERVE_PYTHON`;
/// `Tests/Tools/kserve-isvc-check.py`): every field of the spec must survive
/// the SDK's deserializer (it drops unknown or misplaced fields) with the
/// values worked out by hand. Skipped with a message without the venv,
/// except under `CI=true`.
@Suite struct KServeTargetTests {
  typealias F = RegistryFixture

  static var python: String? {
    let path = ProcessInfo.processInfo.environment["FD_KSERVE_PYTHON"] ?? "/tmp/fd-kserve-venv/bin/python"
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }

  /// Runs the checker over `path`; its `services`.
  static func check(_ path: String, python: String) throws -> [[String: Any]] {
    let script = DecodingFixtures.repoRoot.appendingPathComponent("Tests/Tools/kserve-isvc-check.py")
    let o = try ChildProcess.run(URL(fileURLWithPath: python), [script.path, path], timeoutSeconds: 300)
    try #require(
      o.status == 0 && !o.signalled,
      "kserve-isvc-check.py failed: \(String(decoding: o.stderr, as: UTF8.self))")
    let line = try #require(String(decoding: o.stdout, as: UTF8.self).split(separator: "\n").last)
    let root = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(root["kserve"] as? String == "0.21.0")
    return try #require(root["services"] as? [[String: Any]])
  }

  @Test func theSDKModelHoldsThePublishedCanary() async throws {
    guard let python = Self.python else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record(
          "CI=true but no kserve venv: .ci/run must create /tmp/fd-kserve-venv (Tests/Tools/kserve-requirements.txt)"
        )
      } else {
        print(
          "SKIPPED KServeTargetTests: no /tmp/fd-kserve-venv/bin/python (see .ci/run) or FD_KSERVE_PYTHON")
      }
      return
    }
    let folder = try F.temporaryDirectory()
    try await DedicatedThreadExecutor.run("kserve-isvc-check") {
      let clock = TestClock()
      let store = try SQLiteRegistryStore.inMemory(clock: clock)
      try F.seed(store, clock: clock, tier: .low)
      _ = try store.run(
        .requestPromotion(
          artefact: "support-bot", version: "v13", target: .canary, reason: "canary", expectedFrom: nil,
          override: F.gatesNotUnderTest), as: F.alice)
      _ = try store.run(.setCanaryWeight(artefact: "support-bot", percent: 25, reason: "step"), as: F.alice)
      let path = folder + "/isvc.yaml"
      let publisher = RoutingPublisher(
        store: store,
        configuration: RoutingConfiguration(targets: [
          RoutingTarget(
            name: "isvc", kind: .kserve, path: path, artefacts: ["support-bot"],
            options: ["storage_uri": "s3://models/{artefact}/{version}", "model_format": "sklearn"])
        ]),
        clock: clock)
      let report = publisher.step()
      try #require(report.published >= 1, "\(report)")
      let services = try Self.check(path, python: python)
      try #require(services.count == 1)
      let s = services[0]
      #expect(s["apiVersion"] as? String == "serving.kserve.io/v1beta1")
      #expect(s["kind"] as? String == "InferenceService")
      #expect(s["name"] as? String == "support-bot")
      #expect(s["canaryTrafficPercent"] as? Int == 25)
      #expect(s["storageUri"] as? String == "s3://models/support-bot/v13")
      #expect(s["modelFormat"] as? String == "sklearn")
      #expect((s["lost"] as? [String]) == [], "fields the SDK model dropped: \(s["lost"] ?? "")")
      #expect(
        (s["annotations"] as? [String: String]) == [
          "flightdeck/artefact": "support-bot", "flightdeck/version": "v13",
          "flightdeck/previous-version": "v12",
        ])
    }
  }

  /// The checker is not vacuous: a misplaced field is reported lost, and a
  /// spec without its required predictor is refused by the SDK model.
  @Test func theCheckerCatchesWhatTheSDKDrops() async throws {
    guard let python = Self.python else { return }
    let folder = try F.temporaryDirectory()
    try await DedicatedThreadExecutor.run("kserve-isvc-check-bad") {
      let path = folder + "/bad.yaml"
      try Data(
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: support-bot}
        spec:
          predictor:
            model:
              canaryTrafficPercent: 10
              modelFormat: {name: sklearn}
              storageUri: s3://m/v13
        """.utf8
      ).write(to: URL(fileURLWithPath: path))
      let services = try Self.check(path, python: python)
      #expect((services.first?["lost"] as? [String]) == ["spec.predictor.model.canaryTrafficPercent"])
      try Data(
        "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: x}\nspec: {}\n".utf8
      )
      .write(to: URL(fileURLWithPath: path))
      let script = DecodingFixtures.repoRoot.appendingPathComponent("Tests/Tools/kserve-isvc-check.py")
      let o = try ChildProcess.run(URL(fileURLWithPath: python), [script.path, path], timeoutSeconds: 300)
      #expect(o.status != 0)
      #expect(
        String(decoding: o.stderr, as: UTF8.self).contains(
          "Invalid value for `predictor`, must not be `None`"))
    }
  }
}

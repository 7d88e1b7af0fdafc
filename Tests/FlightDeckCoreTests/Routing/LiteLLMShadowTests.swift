import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// The shadow in a LiteLLM target: the silent experiment's entries worked
/// out by hand, and the real `litellm.Router` (1.82.6) loaded from the
/// published file sends the mirrored call to the shadow deployment while the
/// caller gets the primary's answer (`Tests/Tools/litellm-router-shadow.py`).
@Suite struct LiteLLMShadowTests {
  let state = RoutingState(
    artefact: "support-bot", pointers: ["production": "v12", "shadow": "v14"], stable: "v12", canary: nil,
    canaryWeight: 0, shadow: "v14", shadowPercent: 5)
  let target = RoutingTarget(
    name: "gateway", kind: .litellm, path: "/x/litellm.yaml",
    options: ["shadow_model_name": "{artefact}-shadow"])

  @Test func silentExperimentEntries() throws {
    let data = try RoutingRenderer.render([state], for: target)
    let expected = """
      # Written by FlightDeck: routing decisions are published here and hand edits are reported as drift.
      model_list:
      - model_name: "support-bot"
        litellm_params:
          model: "openai/support-bot-v12"
          weight: 100
          silent_model: "support-bot-shadow"
        model_info:
          id: "support-bot@v12"
      - model_name: "support-bot-shadow"
        litellm_params:
          model: "openai/support-bot-v14"
          weight: 1
        model_info:
          id: "support-bot@v14"
          shadow: true
      router_settings:
        routing_strategy: "simple-shuffle"

      """
    #expect(String(decoding: data, as: UTF8.self) == expected)
    // The shadow serves no user: read-back leaves it out, so the file is in sync.
    #expect(try RoutingRenderer.weights(in: data, for: target) == ["support-bot": ["v12": 100]])
    #expect(RoutingRenderer.expectedWeights([state], for: target) == ["support-bot": ["v12": 100]])
  }

  @Test func noShadowWithoutTheOptionOrTheMirrorShare() throws {
    var plain = target
    plain.options = [:]
    #expect(
      !String(decoding: try RoutingRenderer.render([state], for: plain), as: UTF8.self).contains(
        "silent_model"))
    var off = state
    off.shadowPercent = 0
    #expect(
      !String(decoding: try RoutingRenderer.render([off], for: target), as: UTF8.self).contains("shadow"))
    var same = target
    same.options["shadow_model_name"] = "{artefact}"
    #expect {
      try RoutingRenderer.render([state], for: same)
    } throws: { "\($0)".contains("the shadow needs a group of its own") }
  }

  @Test func theRealRouterMirrorsToTheShadow() async throws {
    guard let python = LiteLLMRealProducerTests.python else {
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record(
          "CI=true but no litellm venv: .ci/run must create /tmp/fd-litellm-venv with litellm==1.82.6")
      } else {
        print(
          "SKIPPED LiteLLMShadowTests: no /tmp/fd-litellm-venv/bin/python (see .ci/run) or FD_LITELLM_PYTHON")
      }
      return
    }
    let folder = try RegistryFixture.temporaryDirectory()
    let state = self.state
    var target = self.target
    target.path = folder + "/litellm.yaml"
    let written = target
    try await DedicatedThreadExecutor.run("litellm-router-shadow") {
      try RoutingFileWriter().write(try RoutingRenderer.render([state], for: written), to: written.path)
      let script = DecodingFixtures.repoRoot.appendingPathComponent("Tests/Tools/litellm-router-shadow.py")
      let o = try ChildProcess.run(
        URL(fileURLWithPath: python), [script.path, written.path, "support-bot"], timeoutSeconds: 300)
      try #require(
        o.status == 0 && !o.signalled,
        "litellm-router-shadow.py failed: \(String(decoding: o.stderr, as: UTF8.self))")
      let line = try #require(String(decoding: o.stdout, as: UTF8.self).split(separator: "\n").last)
      let root = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(root["litellm"] as? String == "1.82.6")
      #expect(root["answer"] as? String == "answer from support-bot@v12")
      #expect(root["served_by"] as? String == "support-bot@v12")
      let calls = try #require(root["calls"] as? [[String: String]])
      #expect(
        calls == [
          ["id": "support-bot@v12", "content": "answer from support-bot@v12"],
          ["id": "support-bot@v14", "content": "answer from support-bot@v14"],
        ])
    }
  }
}

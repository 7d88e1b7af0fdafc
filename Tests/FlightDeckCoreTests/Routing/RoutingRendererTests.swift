import FlightDeckCore
import Foundation
import Testing

/// The renderers as pure functions: the exact bytes of a LiteLLM file and
/// the flagd document for states worked out by hand.
@Suite struct RoutingRendererTests {
  let litellm = RoutingTarget(name: "gateway", kind: .litellm, path: "/x/litellm.yaml")
  let flagd = RoutingTarget(name: "flags", kind: .flagd, path: "/x/flags.json")

  let canary = RoutingState(
    artefact: "support-bot", pointers: ["production": "v12", "canary": "v13"], stable: "v12", canary: "v13",
    canaryWeight: 10)
  let stableOnly = RoutingState(
    artefact: "doc-agent", pointers: ["production": "v3"], stable: "v3", canary: nil, canaryWeight: 0)
  let unset = RoutingState(artefact: "draft", pointers: [:], stable: nil, canary: nil, canaryWeight: 0)

  @Test func stateFromTheStoreEntry() throws {
    let entry = RegisteredArtefact(
      artefact: ArtefactRecord(
        name: "support-bot", kind: .agent, owner: "o", riskTier: .low, description: "",
        createdAt: Timestamp(millisecondsSinceEpoch: 0), createdBy: "a"),
      versions: [], pointers: [.production: "v12", .canary: "v13", try PointerName("shadow"): "v14"],
      lastMoves: [:], canaryWeightPercent: 25)
    let s = RoutingState(entry)
    #expect(s.stable == "v12" && s.canary == "v13" && s.canaryWeight == 25 && s.stableWeight == 75)
    #expect(s.shadow == "v14" && s.shadowPercent == 0)
    #expect(s.servingSplit.map(\.version) == ["v12", "v13"] && s.servingSplit.map(\.weight) == [75, 25])
    // A canary pointer on the stable version is no canary: all traffic on one version.
    var same = entry
    same.pointers[.canary] = "v12"
    #expect(RoutingState(same).canary == nil && RoutingState(same).servingSplit.map(\.weight) == [100])
    // Weight 100: the stable version leaves the split.
    same.pointers[.canary] = "v13"
    same.canaryWeightPercent = 100
    #expect(RoutingState(same).servingSplit.map(\.version) == ["v13"])
  }

  @Test func liteLLMFileBytes() throws {
    let data = try RoutingRenderer.render([stableOnly, canary, unset], for: litellm)
    let expected = """
      # Written by FlightDeck: routing decisions are published here and hand edits are reported as drift.
      model_list:
      - model_name: "doc-agent"
        litellm_params:
          model: "openai/doc-agent-v3"
          weight: 100
        model_info:
          id: "doc-agent@v3"
      - model_name: "support-bot"
        litellm_params:
          model: "openai/support-bot-v12"
          weight: 90
        model_info:
          id: "support-bot@v12"
      - model_name: "support-bot"
        litellm_params:
          model: "openai/support-bot-v13"
          weight: 10
        model_info:
          id: "support-bot@v13"
      router_settings:
        routing_strategy: "simple-shuffle"

      """
    #expect(String(decoding: data, as: UTF8.self) == expected)
    #expect(
      try RoutingRenderer.weights(in: data, for: litellm) == [
        "doc-agent": ["v3": 100], "support-bot": ["v12": 90, "v13": 10],
      ])
  }

  @Test func liteLLMTemplatesAndSelection() throws {
    var t = litellm
    t.artefacts = ["support-bot"]
    t.options = ["model": "azure/{artefact}-{version}", "model_name": "prod-{artefact}"]
    let text = String(decoding: try RoutingRenderer.render([stableOnly, canary], for: t), as: UTF8.self)
    #expect(text.contains("model_name: \"prod-support-bot\""))
    #expect(text.contains("model: \"azure/support-bot-v13\""))
    #expect(!text.contains("doc-agent"))
  }

  @Test func flagdDocument() throws {
    let data = try RoutingRenderer.render([canary, stableOnly, unset], for: flagd)
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(root["$schema"] as? String == "https://flagd.dev/schema/v0/flags.json")
    let flags = try #require(root["flags"] as? [String: Any])
    #expect(Set(flags.keys) == ["support-bot", "doc-agent"])
    let bot = try #require(flags["support-bot"] as? [String: Any])
    #expect(bot["state"] as? String == "ENABLED")
    #expect(bot["defaultVariant"] as? String == "v12")
    #expect(bot["variants"] as? [String: String] == ["v12": "v12", "v13": "v13"])
    let targeting = try #require(bot["targeting"] as? [String: Any])
    let fractional = try #require(targeting["fractional"] as? [[Any]])
    #expect(fractional.map { $0[0] as? String } == ["v12", "v13"])
    #expect(fractional.map { $0[1] as? Int } == [90, 10])
    // Integers in the text, never 90.0: the evaluators need integer weights.
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"v12\",\n") && text.contains("90\n") && !text.contains("90.0"))
    #expect(
      try RoutingRenderer.weights(in: data, for: flagd) == [
        "doc-agent": ["v3": 100], "support-bot": ["v12": 90, "v13": 10],
      ])
    // Deterministic: the same states, the same bytes.
    #expect(try RoutingRenderer.render([stableOnly, canary], for: flagd) == data)
  }

  @Test func backoffDoublesToItsCap() {
    let p = RoutingRetryPolicy(initialBackoffMs: 1_000, maxBackoffMs: 5_000)
    #expect((1...5).map(p.backoffMs(afterAttempt:)) == [1_000, 2_000, 4_000, 5_000, 5_000])
    #expect(p.backoffMs(afterAttempt: 1_000) == 5_000)
  }
}

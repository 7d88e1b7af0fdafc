import Foundation
import Testing

@testable import FlightDeckCore

@Suite("Scenario loading and validation")
struct ScenarioLoadingTests {
  /// A valid two-artefact scenario; the line number of each entry is its index + 1.
  private static let baseLines = [
    "name = \"t\"",  // 1
    "rate = 10",  // 2
    "",  // 3
    "[[artefact]]",  // 4
    "name = \"bot\"",  // 5
    "kind = \"agent\"",  // 6
    "",  // 7
    "[artefact.stable]",  // 8
    "version = \"v1\"",  // 9
    "latency = { median_ms = 800, p95_ms = 2000 }",  // 10
    "input_tokens = { mean = 500, sigma = 0.5 }",  // 11
    "output_tokens = { mean = 100, sigma = 0.5 }",  // 12
    "",  // 13
    "[[artefact]]",  // 14
    "name = \"summ\"",  // 15
    "kind = \"model\"",  // 16
    "",  // 17
    "[artefact.stable]",  // 18
    "version = \"a\"",  // 19
    "latency = { mu = 6.5, sigma = 0.4 }",  // 20
    "input_tokens = { median = 500, p95 = 1500 }",  // 21
    "output_tokens = { mean = 100, sigma = 0.5 }",  // 22
    "",  // 23
    "[artefact.canary]",  // 24
    "version = \"b\"",  // 25
    "weight = 25",  // 26
    "latency = { median_ms = 900, p95_ms = 2500 }",  // 27
    "input_tokens = { mean = 500, sigma = 0.5 }",  // 28
    "output_tokens = { mean = 100, sigma = 0.5 }",  // 29
    "",  // 30
    "[[event]]",  // 31
    "at = \"4m\"",  // 32
    "artefact = \"summ\"",  // 33
    "version = \"b\"",  // 34
    "error_rate = 0.08",  // 35
  ]

  /// The base document with line `number` (1-based) replaced by `text`.
  private func document(replacing number: Int? = nil, with text: String = "") -> String {
    var lines = ScenarioLoadingTests.baseLines
    if let number { lines[number - 1] = text }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The `ScenarioError` thrown for `toml`, or `nil` (recorded as an issue) if it loads.
  private func failure(_ toml: String) -> ScenarioError? {
    do {
      _ = try Scenario(toml: toml, fileName: "t.toml")
      Issue.record("expected a ScenarioError")
      return nil
    } catch let error as ScenarioError {
      return error
    } catch {
      Issue.record("unexpected error \(error)")
      return nil
    }
  }

  @Test("the base document loads with the values written in it")
  func loadsBase() throws {
    let scenario = try Scenario(toml: document(), fileName: "t.toml")
    #expect(scenario.name == "t" && scenario.rate == 10)
    #expect(scenario.artefacts.map(\.name) == ["bot", "summ"])
    #expect(scenario.artefacts[0].canary == nil && scenario.artefacts[0].canaryWeight == 0)
    #expect(scenario.artefacts[1].canary?.version == "b" && scenario.artefacts[1].canaryWeight == 25)
    // p95 form: sigma = ln(2000/800)/1.6449 = 0.916291/1.644854 = 0.557065.
    #expect(abs(scenario.artefacts[0].stable.latency.sigma - 0.557_065) < 1e-6)
    #expect(scenario.artefacts[1].stable.latency == LogNormal(mu: 6.5, sigma: 0.4))
    #expect(scenario.artefacts[0].stable.timeoutMs == 30_000)  // default
    #expect(
      scenario.events == [ScenarioEvent(atMs: 240_000, artefact: "summ", version: "b", errorRate: 0.08)])
  }

  @Test("weight 150 is refused, naming file, line 26 and artefact[1].canary.weight")
  func weightOutOfRange() {
    guard let error = failure(document(replacing: 26, with: "weight = 150")) else { return }
    #expect(error.file == "t.toml")
    #expect(error.keyPath == "artefact[1].canary.weight")
    #expect(error.line == 26)
    #expect(error.message.contains("150") && error.message.contains("0…100"))
    #expect(error.description.hasPrefix("t.toml:26: artefact[1].canary.weight: "))
  }

  @Test("an unknown key (typo) is an error with its key path and line")
  func unknownKey() {
    guard let error = failure(document(replacing: 26, with: "wieght = 25")) else { return }
    #expect(error.keyPath == "artefact[1].canary.wieght")
    #expect(error.line == 26)
    #expect(error.message.contains("unknown key"))
    // Inside an inline table, line 10.
    guard let inline = failure(document(replacing: 10, with: "latency = { median_ms = 800, p59_ms = 2000 }"))
    else { return }
    #expect(inline.keyPath == "artefact[0].stable.latency.p59_ms")
    #expect(inline.line == 10)
  }

  @Test("a missing version is reported at the table that lacks it")
  func missingVersion() {
    guard let error = failure(document(replacing: 9, with: "")) else { return }
    #expect(error.keyPath == "artefact[0].stable.version")
    #expect(error.line == 8)  // the [artefact.stable] header of artefact[0]
    #expect(error.message.contains("missing"))
  }

  @Test("a bad duration names event[0].at and line 32")
  func badDuration() {
    guard let error = failure(document(replacing: 32, with: "at = \"4x\"")) else { return }
    #expect(error.keyPath == "event[0].at")
    #expect(error.line == 32)
    #expect(error.message.contains("4x"))
  }

  @Test("events must name an existing version; syntax errors carry TOMLKit's line")
  func otherErrors() {
    if let error = failure(document(replacing: 34, with: "version = \"c\"")) {
      #expect(error.keyPath == "event[0].version" && error.line == 34)
    }
    if let error = failure(document(replacing: 2, with: "rate = = 10")) {
      #expect(error.keyPath == "" && error.line == 2)
    }
    if let error = failure(document(replacing: 16, with: "kind = \"modle\"")) {
      #expect(error.keyPath == "artefact[1].kind" && error.line == 16)
    }
    if let error = failure(document(replacing: 27, with: "latency = { median_ms = 900, p95_ms = 500 }")) {
      #expect(error.keyPath == "artefact[1].canary.latency.p95_ms" && error.line == 27)
    }
  }

  /// The base document plus a `[[rollout]]` of summ's canary b (lines 36–41).
  private func withRollout(steps: String, version: String = "b", extra: String = "") -> String {
    document()
      + "\n[[rollout]]\nartefact = \"summ\"\nversion = \"\(version)\"\n\(extra)steps = [\n  \(steps),\n]\n"
  }

  @Test("a [[rollout]] becomes a plan: weights, pauses, pause until promoted, analyses with Argo limits")
  func rolloutSteps() throws {
    let toml = withRollout(
      steps: #"{ weight = 10 }, { pause = "1m" }, { analysis = "30s", count = 3, failure_limit = 1 }, "#
        + #"{ pause = "promote" }, { weight = 100 }"#, extra: "window = \"2m\"\n")
    let scenario = try Scenario(toml: toml, fileName: "t.toml")
    let rollout = try #require(scenario.rollouts.first)
    #expect(rollout.windowMs == 120_000 && rollout.plan.canaryVersion == "b")
    #expect(
      rollout.plan.steps == [
        .setWeight(percent: 10), .pause(durationMs: 60_000),
        .analysis(intervalMs: 30_000, policy: AnalysisPolicy(count: 3, failureLimit: 1)), .pauseUntilPromoted,
        .setWeight(percent: 100),
      ])
    // Without `window`: 90 s.
    #expect(
      try Scenario(toml: withRollout(steps: "{ weight = 10 }"), fileName: "t.toml").rollouts[0].windowMs
        == 90_000)
  }

  @Test("a bad [[rollout]] names the step and the line: two kinds, limits off an analysis, weight, version")
  func rolloutErrors() {
    // Lines: 36 blank, 37 [[rollout]], 38 artefact, 39 version, 40 steps = [, 41 the steps.
    if let error = failure(withRollout(steps: #"{ weight = 10, pause = "1m" }"#)) {
      #expect(error.keyPath == "rollout[0].steps[0]" && error.message.contains("not weight and pause"))
    }
    if let error = failure(withRollout(steps: "{ weight = 10, count = 2 }")) {
      #expect(error.keyPath == "rollout[0].steps[0].count" && error.message.contains("analysis step only"))
    }
    if let error = failure(withRollout(steps: "{ weight = 10 }, { weight = 120 }")) {
      #expect(error.keyPath == "rollout[0].steps[1].weight" && error.message.contains("120"))
    }
    if let error = failure(withRollout(steps: "{ weight = 10 }", version: "a")) {
      #expect(error.keyPath == "rollout[0].version" && error.line == 39)
      #expect(error.message.contains(#"its canary is "b""#))
    }
    if let error = failure(withRollout(steps: "{ wait = 10 }")) {
      #expect(error.keyPath == "rollout[0].steps[0].wait" && error.message.contains("unknown key"))
    }
  }

  @Test("errors from a file name the path it was loaded from")
  func fileErrors() throws {
    let directory = try SimulationFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("bad.toml")
    try document(replacing: 26, with: "weight = -5").write(to: url, atomically: true, encoding: .utf8)
    do {
      _ = try Scenario.load(contentsOf: url)
      Issue.record("expected a ScenarioError")
    } catch let error as ScenarioError {
      #expect(error.file == url.path && error.line == 26 && error.keyPath == "artefact[1].canary.weight")
    }
    let missing = directory.appendingPathComponent("none.toml")
    #expect(throws: ScenarioError.self) { try Scenario.load(contentsOf: missing) }
  }

  @Test("the bundled default scenario loads and validates")
  func defaultScenario() throws {
    let scenario = try Scenario.bundledDefault()
    #expect(scenario.rate == 60)
    #expect(
      scenario.artefacts.map(\.name) == [
        "support-bot", "summarizer", "rag-answer", "intent-classifier", "ticket-tagger",
      ])
    // Shares 0.25 + 0.25 + 0.35 + 0.10 + 0.05 = 1.00.
    #expect(abs(scenario.artefacts.map(\.share).reduce(0, +) - 1) < 1e-9)
    let bot = scenario.artefacts[0]
    #expect(bot.kind == .agent && bot.canaryWeight == 10 && bot.sessions != nil)
    #expect(scenario.artefacts[1].shadow != nil && scenario.artefacts[1].mirrorFraction == 0.2)
    #expect(scenario.artefacts[2].canaryWeight == 5)
    #expect(scenario.artefacts[3].canary == nil && scenario.artefacts[3].shadow == nil)
    #expect(
      scenario.events.first
        == ScenarioEvent(
          atMs: 400_000, artefact: "rag-answer", version: "p8", errorRate: 0.07, latencyFactor: 1.8))
    // The story's rollout: rag-answer p8, 5 → 25 → 50 → 100 with analyses, 90 s look-back.
    let rollout = try #require(scenario.rollouts.first)
    #expect(scenario.rollouts.count == 1 && rollout.windowMs == 90_000)
    #expect(rollout.plan.artefact == "rag-answer" && rollout.plan.canaryVersion == "p8")
    let twice = AnalysisPolicy(count: 2)
    #expect(
      rollout.plan.steps == [
        .setWeight(percent: 5), .pause(durationMs: 15_000), .analysis(intervalMs: 10_000, policy: twice),
        .setWeight(percent: 25), .pause(durationMs: 15_000), .analysis(intervalMs: 10_000, policy: twice),
        .setWeight(percent: 50), .pause(durationMs: 10_000),
        .analysis(intervalMs: 40_000, policy: AnalysisPolicy(failureLimit: 1)),
        .setWeight(percent: 100),
      ])

    // Ten virtual minutes of it: ≈ 36 000 requests; the self-hosted model has no
    // price (cost unknown), every other record is priced.
    let start = SimulationFixtures.start
    var simulator = TrafficSimulator(scenario: scenario, seed: 2025, start: start)
    let records = simulator.records(until: start.adding(milliseconds: 600_000))
    #expect(records.filter { $0.artefact == "ticket-tagger" }.allSatisfy { $0.costUSD == nil })
    #expect(records.filter { $0.artefact != "ticket-tagger" }.allSatisfy { $0.costUSD != nil })
    // rag-answer canary (the weight stays 5 % without a registry to follow):
    // ≈ 60 · 0.35 · 0.05 = 1.05 req/s → ≈ 420 requests before 6 m 40 s (error
    // 0.6 %, sd 0.4 points) and ≈ 210 after (7 %, sd 1.8 points).
    let incident = start.adding(milliseconds: 400_000)
    let canary = records.filter { $0.artefact == "rag-answer" && $0.route == .canary }
    let before = canary.filter { $0.timestamp < incident }
    let after = canary.filter { $0.timestamp >= incident }
    let rateBefore = Double(before.filter { $0.status == .error }.count) / Double(max(1, before.count))
    let rateAfter = Double(after.filter { $0.status == .error }.count) / Double(max(1, after.count))
    #expect(before.count > 300 && after.count > 140)
    #expect(rateBefore < 0.03 && rateAfter > 0.04, "before \(rateBefore) after \(rateAfter)")
  }
}

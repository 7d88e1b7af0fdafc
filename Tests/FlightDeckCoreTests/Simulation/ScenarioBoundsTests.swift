import Foundation
import Testing

@testable import FlightDeckCore

/// Upper bounds of a scenario's numbers (``Scenario/Bounds``): each is
/// refused with "file:line: key.path: message", and the sampler keeps draws
/// within ``TelemetryBounds`` (issue 11).
@Suite("Scenario bounds")
struct ScenarioBoundsTests {
  /// A valid scenario using every bounded key; the line number of each entry
  /// is its index + 1.
  private static let baseLines = [
    "name = \"t\"",  // 1
    "rate = 10",  // 2
    "",  // 3
    "[[artefact]]",  // 4
    "name = \"bot\"",  // 5
    "kind = \"model\"",  // 6
    "share = 1",  // 7
    "sessions = { concurrent = 4, requests_per_session = 3 }",  // 8
    "",  // 9
    "[artefact.stable]",  // 10
    "version = \"v1\"",  // 11
    "latency = { median_ms = 800, p95_ms = 2000 }",  // 12
    "input_tokens = { mean = 500, sigma = 0.5 }",  // 13
    "output_tokens = { mean = 100, sigma = 0.5 }",  // 14
    "timeout_ms = 30000",  // 15
    "",  // 16
    "[artefact.canary]",  // 17
    "version = \"v2\"",  // 18
    "weight = 10",  // 19
    "latency = { mu = 6.5, sigma = 0.4 }",  // 20
    "input_tokens = { median = 500, p95 = 1500 }",  // 21
    "output_tokens = { mu = 4, sigma = 0.5 }",  // 22
    "",  // 23
    "[[event]]",  // 24
    "at = \"4m\"",  // 25
    "artefact = \"bot\"",  // 26
    "version = \"v2\"",  // 27
    "latency_factor = 2",  // 28
    "",  // 29
    "[[rollout]]",  // 30
    "artefact = \"bot\"",  // 31
    "version = \"v2\"",  // 32
    "window = \"90s\"",  // 33
    // 34:
    "steps = [{ weight = 5 }, { analysis = \"1m\", count = 3, failure_limit = 1 }, { pause = \"10m\" }]",
  ]

  private func document(_ replacements: [Int: String] = [:]) -> String {
    var lines = ScenarioBoundsTests.baseLines
    for (number, text) in replacements { lines[number - 1] = text }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test("the base document and one at every upper bound load")
  func boundsAreInclusive() throws {
    _ = try Scenario(toml: document(), fileName: "t.toml")
    let atBounds = try Scenario(
      toml: document([
        2: "rate = 100000",
        7: "share = 1000000",
        8: "sessions = { concurrent = 100000, requests_per_session = 1000000 }",
        12: "latency = { median_ms = 86400000, p95_ms = 86400000 }",
        13: "input_tokens = { mean = 1e12, sigma = 0.5 }",
        15: "timeout_ms = 86400000",
        20: "latency = { mu = -20, sigma = 0.4 }",
        21: "input_tokens = { median = 1e12, p95 = 1e12 }",
        25: "at = \"744h\"",
        28: "latency_factor = 1000",
        33: "window = \"744h\"",
        34: "steps = [{ analysis = \"24h\", count = 1000, failure_limit = 1000, inconclusive_limit = 1000 }, "
          + "{ pause = \"744h\" }]",
      ]), fileName: "t.toml")
    #expect(atBounds.rate == 100_000)
    #expect(atBounds.artefacts[0].sessions?.concurrent == 100_000)
  }

  /// Each row: the line replaced, its new text, the whole message expected
  /// (bounds worked out by hand: ln 86 400 000 = 18.274498233774285 and
  /// ln 10¹² = 27.631021115928547, both from Python's `math.log`).
  @Test(
    "a number above its bound is refused with file, line and key path",
    arguments: [
      (2, "rate = 100001", "t.toml:2: rate: 100001 req/s is above the maximum 100000 req/s"),
      (7, "share = 1e7", "t.toml:7: artefact[0].share: 10000000 is above the maximum 1000000"),
      (
        8, "sessions = { concurrent = 1000000000000, requests_per_session = 3 }",
        "t.toml:8: artefact[0].sessions.concurrent: 1000000000000 is above the maximum 100000"
      ),
      (
        8, "sessions = { concurrent = 4, requests_per_session = 1000001 }",
        "t.toml:8: artefact[0].sessions.requests_per_session: 1000001 is above the maximum 1000000"
      ),
      (
        12, "latency = { median_ms = 800, p95_ms = 1e300 }",
        "t.toml:12: artefact[0].stable.latency.p95_ms: 1e+300 is above the maximum 86400000"
      ),
      (
        13, "input_tokens = { mean = 1e300, sigma = 0.5 }",
        "t.toml:13: artefact[0].stable.input_tokens.mean: 1e+300 is above the maximum 1000000000000"
      ),
      (
        15, "timeout_ms = 86400001",
        "t.toml:15: artefact[0].stable.timeout_ms: 86400001 ms is above the maximum 86400000 ms"
      ),
      (
        20, "latency = { mu = 800, sigma = 0.4 }",
        "t.toml:20: artefact[0].canary.latency.mu: 800 is out of range -20…18.274498233774285"
      ),
      (
        22, "output_tokens = { mu = 50, sigma = 0.5 }",
        "t.toml:22: artefact[0].canary.output_tokens.mu: 50 is out of range -20…27.631021115928547"
      ),
      (25, "at = \"745h\"", "t.toml:25: event[0].at: 745h is out of range 0s…744h"),
      (28, "latency_factor = 1001", "t.toml:28: event[0].latency_factor: 1001 is above the maximum 1000"),
      (33, "window = \"745h\"", "t.toml:33: rollout[0].window: 745h is out of range 0s…744h"),
      (
        34, "steps = [{ analysis = \"1m\", count = 1001 }]",
        "t.toml:34: rollout[0].steps[0].count: 1001 is above the maximum 1000"
      ),
      (
        34, "steps = [{ analysis = \"25h\" }]",
        "t.toml:34: rollout[0].steps[0].analysis: 25h is out of range 0s…24h"
      ),
      (
        34, "steps = [{ pause = \"745h\" }]",
        "t.toml:34: rollout[0].steps[0].pause: 745h is out of range 0s…744h"
      ),
    ])
  func aboveBoundIsRefused(line: Int, text: String, expected: String) {
    do {
      _ = try Scenario(toml: document([line: text]), fileName: "t.toml")
      Issue.record("'\(text)' loaded")
    } catch let error as ScenarioError {
      #expect(error.description == expected)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  /// A log-normal's tail is unbounded: with mu = 18 (median 65.7 M ms) and
  /// sigma 10, half the latency draws are above one day, and with a token
  /// median of 10¹² and sigma 10 one in twenty is above `Int.max` (which
  /// trapped in the `Int` conversion). Every record stays within
  /// ``TelemetryBounds``.
  @Test("the sampler caps latency, TTFT and token draws at the telemetry bounds")
  func drawsAreCapped() throws {
    let scenario = try Scenario(
      toml: """
        rate = 100
        [[artefact]]
        name = "bot"
        kind = "model"
        [artefact.stable]
        version = "v1"
        timeout_ms = 86400000
        latency = { mu = 18, sigma = 10 }
        ttft = { mu = 18, sigma = 10 }
        input_tokens = { median = 1e12, p95 = 1e12 }
        output_tokens = { mu = 27, sigma = 10 }
        """, fileName: "t.toml")
    var simulator = TrafficSimulator(scenario: scenario, seed: 7, start: SimulationFixtures.start)
    let records = simulator.records(until: SimulationFixtures.start.adding(milliseconds: 20_000))
    #expect(records.count > 1000)
    for r in records {
      #expect(r.latencyMs <= TelemetryBounds.maxMilliseconds)
      #expect((r.ttftMs ?? 0) <= TelemetryBounds.maxMilliseconds)
      #expect(r.inputTokens == 1_000_000_000_000)
      #expect(r.outputTokens <= TelemetryBounds.maxTokens)
    }
    #expect(records.contains { $0.outputTokens == TelemetryBounds.maxTokens })
  }
}

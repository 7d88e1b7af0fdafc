import FlightDeckCore
import Foundation
import Testing

/// ``GateCheck/evaluate(policy:tier:results:)``: pass, fail, missing, several
/// inputs, and the corpus files against the default policy.
@Suite struct GateCheckTests {
  typealias F = GateFixtures

  @Test func allGatesPass() {
    let eval = F.input(
      "eval.json",
      ["pass_rate": 0.97, "error_rate": 0.01, "guardrail_compliance": 0.995, "drift_psi": 0.08])
    let r = GateCheck.evaluate(policy: .standard, tier: .high, results: [eval])
    #expect(r.passed)
    #expect(r.exitCode == .allPassed)
    #expect(r.gates.map(\.outcome) == [.pass, .pass, .pass, .pass])
    #expect(r.gates.map(\.name) == ["pass_rate", "error_rate", "guardrail_compliance", "drift_psi"])
    #expect(r.gates[0].reason == "pass_rate 0.97 >= 0.95 (eval.json)")
    #expect(r.gates[3].value == 0.08)
    #expect(r.gates[3].source == "eval.json")
    #expect(
      r.inputs == [
        GateInputDigest(file: "eval.json", format: .flightdeck, sha256: String(repeating: "0", count: 64))
      ])
  }

  @Test func aFailingGateFailsTheCheck() {
    // drift 0.21 > 0.2 fails; the others pass.
    let eval = F.input(
      "eval.json", ["pass_rate": 0.96, "error_rate": 0.0, "guardrail_compliance": 0.99, "drift_psi": 0.21])
    let r = GateCheck.evaluate(policy: .standard, tier: .high, results: [eval])
    #expect(!r.passed)
    #expect(r.exitCode == .gateFailed)
    #expect(r.exitCode.rawValue == 1)
    #expect(r.gates.map(\.outcome) == [.pass, .pass, .pass, .fail])
    #expect(r.gates[3].reason == "drift_psi 0.21 is above 0.2 (eval.json)")
    #expect((r.passCount, r.failCount, r.missingCount) == (3, 1, 0))
  }

  @Test func thresholdsAreInclusiveForAtLeastAndAtMost() {
    // 19/20 rounds to the same double as 0.95; 0.2 exactly meets <= 0.2.
    let eval = F.input(
      "e.json",
      ["pass_rate": 19.0 / 20.0, "error_rate": 0.02, "guardrail_compliance": 0.99, "drift_psi": 0.2])
    #expect(GateCheck.evaluate(policy: .standard, tier: .high, results: [eval]).passed)
    let strict = GatePolicy(tiers: [.low: [GateRequirement("pass_rate", .above, 0.95)]])
    let r = GateCheck.evaluate(policy: strict, tier: .low, results: [eval])
    #expect(r.gates.first?.reason == "pass_rate 0.95 is not above 0.95 (e.json)")
  }

  @Test func aMissingRequiredMetricFails() {
    let eval = F.input("eval.json", ["pass_rate": 0.99, "error_rate": 0.0])
    let r = GateCheck.evaluate(policy: .standard, tier: .high, results: [eval])
    #expect(!r.passed)
    #expect(r.gates.map(\.outcome) == [.pass, .pass, .missing, .missing])
    #expect(r.gates[2].reason == "no input provided guardrail_compliance")
    #expect(r.gates[2].value == nil && r.gates[2].source == nil)
    #expect(r.missingCount == 2)
    #expect(r.exitCode == .gateFailed)
    // No inputs at all: every gate is missing.
    let none = GateCheck.evaluate(policy: .standard, tier: .low, results: [])
    #expect(none.gates.map(\.reason) == ["no input provided pass_rate"])
    #expect(!none.passed)
  }

  @Test func theWorstOfSeveralInputsIsJudged() {
    // pass_rate 0.97 (a) and 0.93 (b) against >= 0.95: b's 0.93 is reported and fails.
    let a = F.input("a.json", ["pass_rate": 0.97, "drift_psi": 0.3])
    let b = F.input("b.json", ["pass_rate": 0.93, "drift_psi": 0.05])
    let policy = GatePolicy(tiers: [
      .medium: [GateRequirement("pass_rate", .atLeast, 0.95), GateRequirement("drift_psi", .atMost, 0.2)]
    ])
    let r = GateCheck.evaluate(policy: policy, tier: .medium, results: [a, b])
    #expect(r.gates[0].value == 0.93 && r.gates[0].source == "b.json")
    #expect(r.gates[0].sources == ["a.json", "b.json"])
    // drift: the higher 0.3 (a) is the worse.
    #expect(r.gates[1].value == 0.3 && r.gates[1].source == "a.json")
    #expect(r.gates.map(\.outcome) == [.fail, .fail])
  }

  @Test func aTierWithoutGatesPasses() {
    let policy = GatePolicy(tiers: [.low: []])
    let r = GateCheck.evaluate(policy: policy, tier: .low, results: [])
    #expect(r.gates.isEmpty && r.passed && r.exitCode == .allPassed)
  }

  @Test func corpusFilesAgainstTheDefaultPolicy() throws {
    let french = try GateInputReader.read(data: try F.corpus(F.frenchGreeting), file: "french.json")
    let sample = try GateInputReader.read(data: try F.corpus(F.sampleExport), file: "sample.json")
    // medium: pass_rate >= 0.9 fails on 0/1 = 0; error_rate 0/1 = 0 <= 0.05 passes.
    let r = GateCheck.evaluate(policy: .standard, tier: .medium, results: [french])
    #expect(r.gates.map(\.outcome) == [.fail, .pass])
    #expect(r.gates[0].reason == "pass_rate 0 is below 0.9 (french.json)")
    #expect(r.exitCode == .gateFailed)
    // A policy on the named score and cost: Topicality 0.6015 > 0.5 passes;
    // cost 8.1e-06 + 0.003981 → the worse (higher) 0.003981 from sample.json is < 0.01.
    let policy = GatePolicy(tiers: [
      .low: [GateRequirement("score.Topicality", .above, 0.5), GateRequirement("cost_usd", .below, 0.01)]
    ])
    let both = GateCheck.evaluate(policy: policy, tier: .low, results: [french, sample])
    #expect(both.passed)
    #expect(both.gates[1].source == "sample.json")
    #expect(both.inputs.map(\.format) == [.promptfoo, .promptfoo])
  }
}

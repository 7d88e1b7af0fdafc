import FlightDeckCore
import Foundation
import Testing

/// ``GateRecord``: canonical JSON text, round trip, and what a promotion
/// still lacks under a (possibly tightened) policy.
@Suite struct GateRecordTests {
  static func record() -> GateRecord {
    let input = GateInput(
      file: "r.json", format: .promptfoo, sha256: String(repeating: "a", count: 64),
      metrics: ["pass_rate": 0.75],
      warnings: ["w"])
    let policy = GatePolicy(tiers: [
      .low: [GateRequirement("pass_rate", .atLeast, 0.7), GateRequirement("accuracy", .atLeast, 0.9)]
    ])
    let report = GateCheck.evaluate(policy: policy, tier: .low, results: [input])
    return GateRecord(
      artefact: "bot", version: "v1", evaluatedAt: Timestamp(millisecondsSinceEpoch: 1_000),
      evaluatedBy: "ci",
      report: report)
  }

  @Test func canonicalTextIsSortedAndExact() {
    let expected =
      #"{"artefact":"bot","evaluated_at":"1970-01-01T00:00:01.000Z","evaluated_at_ms":1000,"evaluated_by":"ci","#
      + #""format_version":1,"gates":[{"comparison":">=","metric":"pass_rate","outcome":"pass","#
      + #""reason":"pass_rate 0.75 >= 0.7 (r.json)","source":"r.json","sources":["r.json"],"threshold":"0.7","value":"0.75"},"#
      + #"{"comparison":">=","metric":"accuracy","outcome":"missing","reason":"no input provided accuracy","#
      + #""source":null,"sources":[],"threshold":"0.9","value":null}],"#
      + #""inputs":[{"file":"r.json","format":"promptfoo","sha256":"\#(String(repeating: "a", count: 64))"}],"#
      + #""passed":false,"tier":"low","version":"v1","warnings":["w"]}"#
    #expect(Self.record().canonicalJSON == expected)
  }

  @Test func roundTripsThroughCanonicalJSON() throws {
    let r = Self.record()
    let back = try GateRecord(canonicalJSON: r.canonicalJSON)
    #expect(back == r)
    // An awkward double survives (shortest round-trip text).
    var odd = r
    odd.report.gates[0].value = 0.1 + 0.2
    #expect(try GateRecord(canonicalJSON: odd.canonicalJSON).report.gates[0].value == 0.1 + 0.2)
  }

  @Test func corruptRecordsAreRefusedByPath() {
    var text = Self.record().canonicalJSON
    text = text.replacingOccurrences(of: #""threshold":"0.7""#, with: #""threshold":"seven""#)
    #expect(throws: GateInputError.self) {
      try GateRecord(canonicalJSON: text, name: "gate record of bot v1")
    }
    do {
      _ = try GateRecord(canonicalJSON: text, name: "gate record of bot v1")
    } catch let e as GateInputError {
      #expect(e.description == "gate record of bot v1: gates[0].threshold: expected a number as a string")
    } catch {}
  }

  @Test func unmetRequirementsFollowThePolicyInForce() {
    let passing = GateRecord(
      artefact: "bot", version: "v1", evaluatedAt: Timestamp(millisecondsSinceEpoch: 0), evaluatedBy: "ci",
      report: GateCheck.evaluate(
        policy: .standard, tier: .medium,
        results: [GateFixtures.input("e.json", ["pass_rate": 0.92, "error_rate": 0.01])]))
    #expect(passing.passed)
    #expect(passing.unmetRequirements(policy: .standard, tier: .medium).isEmpty)
    // Tightened to pass_rate >= 0.95: the recorded 0.92 no longer counts.
    let tight = GatePolicy(tiers: [
      .medium: [GateRequirement("pass_rate", .atLeast, 0.95), GateRequirement("error_rate", .atMost, 0.05)]
    ])
    #expect(
      passing.unmetRequirements(policy: tight, tier: .medium) == [
        GateRequirement("pass_rate", .atLeast, 0.95)
      ])
    // The artefact moved to high: 0.92 is below 0.95, error_rate 0.01 still
    // meets <= 0.02, guardrail and drift were never checked.
    #expect(
      passing.unmetRequirements(policy: .standard, tier: .high).map(\.metric) == [
        "pass_rate", "guardrail_compliance", "drift_psi",
      ])
    // The failed record (accuracy missing) still shows pass_rate 0.75, below the standard low 0.8.
    #expect(
      Self.record().unmetRequirements(policy: .standard, tier: .low) == [
        GateRequirement("pass_rate", .atLeast, 0.8)
      ])
  }
}

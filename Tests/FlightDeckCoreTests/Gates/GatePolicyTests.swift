import FlightDeckCore
import Foundation
import TOMLKit
import Testing

/// ``GatePolicy``: the documented defaults and the `[gates.<tier>]` parser.
@Suite struct GatePolicyTests {
  static func error(_ text: String) -> ConfigurationError? {
    do {
      _ = try GatePolicy.parse(toml: text, file: "fd.toml")
      return nil
    } catch let e as ConfigurationError {
      return e
    } catch {
      return nil
    }
  }

  @Test func defaultsAreAsDocumented() {
    let p = GatePolicy.standard
    #expect(p.requirements(for: .low).map(\.description) == ["pass_rate >= 0.8"])
    #expect(p.requirements(for: .medium).map(\.description) == ["pass_rate >= 0.9", "error_rate <= 0.05"])
    #expect(
      p.requirements(for: .high).map(\.description) == [
        "pass_rate >= 0.95", "error_rate <= 0.02", "guardrail_compliance >= 0.99", "drift_psi <= 0.2",
      ])
    #expect(
      p.requirements(for: .critical).map(\.description) == [
        "pass_rate >= 0.98", "error_rate <= 0.01", "accuracy >= 0.95", "guardrail_compliance >= 0.995",
        "drift_psi <= 0.1", "fairness_gap <= 0.05",
      ])
  }

  @Test func readsTierTablesReplacingDefaults() throws {
    let text = String(decoding: try GateFixtures.fixture("gates-policy.toml"), as: UTF8.self)
    let p = try GatePolicy.parse(toml: text, file: "gates-policy.toml")
    #expect(p.requirements(for: .low).isEmpty)
    // Key order: cost_usd, drift_psi, pass_rate, score.Correctness.
    #expect(
      p.requirements(for: .high) == [
        GateRequirement("cost_usd", .below, 2.5), GateRequirement("drift_psi", .atMost, 0.25),
        GateRequirement("pass_rate", .atLeast, 0.9), GateRequirement("score.Correctness", .above, 0.8),
      ])
    #expect(p.requirements(for: .medium) == GatePolicy.standard.requirements(for: .medium))
    #expect(p.requirements(for: .critical) == GatePolicy.standard.requirements(for: .critical))
  }

  @Test func withoutGatesThePolicyIsStandard() throws {
    #expect(try GatePolicy.parse(toml: "window = \"5m\"\n", file: "fd.toml") == .standard)
    let root = try TOMLTable(string: "")
    #expect(try GatePolicy.parse(root, file: "fd.toml", locator: TOMLKeyLocator(source: "")) == .standard)
  }

  @Test func conditionsParse() {
    #expect(GateRequirement.parseCondition(">= 0.95")! == (.atLeast, 0.95))
    #expect(GateRequirement.parseCondition("<=0.2")! == (.atMost, 0.2))
    #expect(GateRequirement.parseCondition("  > 1e-3 ")! == (.above, 0.001))
    #expect(GateRequirement.parseCondition("< -1")! == (.below, -1))
    #expect(GateRequirement.parseCondition("=> 0.9") == nil)
    #expect(GateRequirement.parseCondition(">=") == nil)
    #expect(GateRequirement.parseCondition("0.9") == nil)
    #expect(GateRequirement.parseCondition(">= nan") == nil)
    #expect(GateRequirement.parseCondition(">= inf") == nil)
    #expect(GateRequirement.parseCondition("== 1") == nil)
  }

  @Test func refusesBadKeysNamingLineAndKey() {
    let unknownTier = Self.error("x = 1\n[gates.urgent]\npass_rate = \">= 0.9\"\n")
    #expect(
      unknownTier?.description
        == "fd.toml:2: gates.urgent: unknown risk tier (allowed: low, medium, high, critical)")
    let badValue = Self.error("[gates.high]\naccuracy = \">= 0.9\"\npass_rate = 0.95\n")
    #expect(badValue?.line == 3)
    #expect(badValue?.key == "gates.high.pass_rate")
    #expect(
      badValue?.reason
        == #"expected a condition string: >=, <=, > or < then a number (e.g. ">= 0.95", "<= 0.2")"#)
    #expect(Self.error("[gates.high]\npass_rate = \"=> 0.95\"\n")?.line == 2)
    #expect(
      Self.error("[gates.critical]\n\npass_rate = \">= 95\"\n")?.description
        == "fd.toml:3: gates.critical.pass_rate: pass_rate is a fraction from 0 to 1; the threshold 95 is out of range"
    )
    #expect(
      Self.error("gates = 3\n")?.description == "fd.toml:1: gates: expected a table of [gates.<tier>] tables")
    #expect(Self.error("[gates]\nhigh = \">= 0.9\"\n")?.key == "gates.high")
    let syntax = Self.error("[gates.high]\npass_rate = \">= 0.9\n")
    #expect(syntax?.line == 2)
    #expect(syntax?.key == nil)
  }
}

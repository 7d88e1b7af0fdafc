import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// Shared set-up for the registry tests: operators, a temporary folder, a
/// seeded store and a "nothing changed" check.
enum RegistryFixture {
  static let alice = OperatorIdentity(name: "alice")
  static let bob = OperatorIdentity(name: "bob")
  static let carol = OperatorIdentity(name: "carol")
  static let dave = OperatorIdentity(name: "dave", roles: ["release-manager"])

  /// A fresh folder under the system's temporary directory.
  static func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("flightdeck-registry-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  /// The override reason the registry tests that are not about evaluation
  /// gates promote to production with: the seeded history keeps its audit
  /// sequences and times (an override adds no entry), and the gate tests
  /// (`GateStoreTests`) check the refusal itself.
  static let gatesNotUnderTest = "fixture: evaluation gates are not under test here"

  /// Records a passing gate check on each of `versions` of `artefact` by
  /// `who`, so promotions to production are not refused for gates: the
  /// report is the standard policy at `tier` evaluated on
  /// ``DemoRegistrySeed/demoEvaluation(artefact:version:)``, whose figures
  /// meet every tier's defaults (one `gate.check` audit entry each).
  static func passGates(
    _ store: some RegistryStore, _ artefact: String, _ versions: [String], tier: RiskTier,
    as who: OperatorIdentity = alice
  ) throws {
    for v in versions {
      let report = GateCheck.evaluate(
        policy: .standard, tier: tier,
        results: [DemoRegistrySeed.demoEvaluation(artefact: artefact, version: v)])
      #expect(report.passed)
      _ = try store.perform(.recordGateResults(artefact: artefact, version: v, report: report), as: who)
    }
  }

  /// Registers `support-bot` (tier `high`: 2 approvals, four-eyes) with
  /// v11, v12, v13, and promotes production to v11, then v12, each approved by
  /// bob and carol. The clock moves 1 s before every command.
  static func seed(_ store: some RegistryStore, clock: TestClock, tier: RiskTier = .high) throws {
    func run(_ c: RegistryCommand, _ who: OperatorIdentity) throws {
      clock.advance(milliseconds: 1000)
      _ = try store.run(c, as: who)
    }
    try run(
      .registerArtefact(
        name: "support-bot", kind: .agent, owner: "support", riskTier: tier, description: "helpdesk"),
      alice)
    for v in ["v11", "v12", "v13"] {
      try run(
        .registerVersion(
          artefact: "support-bot", label: v,
          source: SourceReference(kind: .git, value: "abc123\(v.dropFirst())"),
          tags: ["team": "support"], description: ""), alice)
    }

    for v in ["v11", "v12"] {
      clock.advance(milliseconds: 1000)
      let out = try store.perform(
        .requestPromotion(
          artefact: "support-bot", version: v, target: .production, reason: "ship \(v)", expectedFrom: nil,
          override: gatesNotUnderTest),
        as: alice)
      let id = try #require(out.request?.id)
      if tier >= .medium { try run(.approve(requestID: id, comment: "ok"), bob) }
      if tier >= .high { try run(.approve(requestID: id, comment: "ok"), carol) }
    }
  }

  /// Everything a refusal must leave alone: the snapshot and the audit log.
  static func state(_ store: some RegistryStore) throws -> (RegistrySnapshot, [AuditEntry]) {
    (try store.snapshot(), try store.auditEntries(since: nil))
  }

  /// Runs `command` expecting a refusal with `code`; checks that the store is
  /// unchanged and returns the error's message.
  @discardableResult
  static func expectRefusal(
    _ store: some RegistryStore, _ command: RegistryCommand, as who: OperatorIdentity,
    _ code: RegistryError.Code, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> String {
    let before = try state(store)
    var message = ""
    do {
      _ = try store.run(command, as: who)
      Issue.record("expected \(code), the command succeeded", sourceLocation: sourceLocation)
    } catch let e as RegistryError {
      #expect(e.code == code, "\(e.message)", sourceLocation: sourceLocation)
      message = e.message
    }
    let after = try state(store)
    #expect(after.0 == before.0, sourceLocation: sourceLocation)
    #expect(after.1 == before.1, sourceLocation: sourceLocation)
    return message
  }
}

import Crypto
import Foundation

extension SQLStoreTransaction {
  /// The most gates or inputs one record may carry (a policy has a handful;
  /// this bounds what an untrusted report can write).
  static let maximumGateItems = 200

  /// Records `report` on `artefact` at `version` as a ``GateRecord`` by the
  /// actor at now, and audits it as `gate.check` with after
  /// `{"passed","tier","gates","failed":[metric],"record_sha256"}` (the
  /// SHA-256 of the stored canonical JSON, so the entry stays small while
  /// pinning the exact record).
  func recordGateResults(artefact: String, version: String, report: GateReport) throws -> RegistryOutcome {
    _ = try requireArtefact(artefact)
    _ = try requireVersion(artefact, version)
    guard report.gates.count <= Self.maximumGateItems, report.inputs.count <= Self.maximumGateItems,
      report.warnings.count <= Self.maximumGateItems
    else {
      throw RegistryError(
        .invalidInput(field: "gates"),
        "a gate report may carry at most \(Self.maximumGateItems) gates, inputs and warnings")
    }
    let record = GateRecord(
      artefact: artefact, version: version, evaluatedAt: now, evaluatedBy: actor.name, report: report)
    let text = record.canonicalJSON
    try session.execute(
      """
      INSERT INTO gate_result (artefact, version, evaluated_at, evaluated_by, passed, record)
      VALUES (?, ?, ?, ?, ?, ?)
      """,
      binding: [
        artefact, version, now.millisecondsSinceEpoch, actor.name, SQLStoreRows.flag(record.passed), text,
      ])
    let digest = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    let failed = report.gates.filter { !$0.passed }.map(\.requirement.metric)
    let status = GateStatus(record)
    try audit(
      .gateCheck, subject: "\(artefact)@\(version)", before: nil,
      after: CanonicalJSON.object([
        "passed": .bool(record.passed), "tier": .string(report.tier.rawValue),
        "gates": .integer(Int64(report.gates.count)), "failed": .array(failed.map { .string($0) }),
        "record_sha256": .string(digest),
      ]),
      reason: "gates \(status.text)"
        + (failed.isEmpty ? "" : " (\(failed.joined(separator: ", ")))"))
    if !record.passed {
      try enqueueNotification(
        .gateFailed, summary: "\(artefact) \(version): gates \(status.text)",
        labels: [
          "artefact": artefact, "version": version, "tier": report.tier.rawValue,
          "failed": failed.joined(separator: ","),
        ])
    }
    return RegistryOutcome(message: "recorded gate results on \(artefact) \(version): \(status.text)")
  }
}

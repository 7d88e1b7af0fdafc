import FlightDeckCore

/// A hand-built registry matching ``DashboardFixture``'s telemetry:
///
/// - `gpt-4o-mini` (model, low): `2024-07-18` in production.
/// - `support-agent` (agent, high): v2 (old production, hidden: no pointer,
///   no traffic), v3 production, v4 canary with REQ-3 (v4 → production,
///   approved by bob: 1/2, requested by alice), v6 newest, staging, idle.
///   Telemetry's shadow v5 is not registered.
/// - `summarise-prompt` is not registered at all.
///
/// Registry rows, top to bottom: gpt-4o-mini 2024-07-18 (gates never checked);
/// summarise-prompt ?p7; support-agent v3 and v4 (gates passed), v6 (gates
/// failed), ?v5.
enum RegistryFixture {
  static let t0 = Timestamp(millisecondsSinceEpoch: 1_748_700_000_000)
  /// `staging` is a valid pointer name (the fallback only avoids a force-try).
  static let staging: PointerName = (try? PointerName("staging")) ?? .canary

  static func version(_ artefact: String, _ label: String, minutes: Int64, gates: Bool? = nil)
    -> VersionRecord
  {
    VersionRecord(
      artefact: artefact, label: label, createdAt: t0.adding(milliseconds: minutes * 60_000),
      createdBy: "alice",
      gates: gates.map {
        GateStatus(
          passed: $0, tier: .high, passCount: $0 ? 4 : 2, gateCount: 4, evaluatedAt: t0, evaluatedBy: "ci")
      })
  }

  static let request = PromotionRequest(
    id: 3, artefact: "support-agent", version: "v4", target: .production, fromVersion: "v3",
    requester: "alice",
    reason: "canary clean for 2 h", createdAt: t0, expiresAt: t0.adding(milliseconds: 7 * 86_400_000),
    state: .pending, stateChangedAt: t0,
    decisions: [RequestDecision(actor: "bob", roles: [], verdict: .approve, at: t0, comment: "looks good")],
    rule: ApprovalRule(approvals: 2, allowSelfApproval: false))

  static func registry(production: String = "v3") -> RegistrySnapshot {
    let gpt = RegisteredArtefact(
      artefact: ArtefactRecord(
        name: "gpt-4o-mini", kind: .model, riskTier: .low, createdAt: t0, createdBy: "alice"),
      versions: [version("gpt-4o-mini", "2024-07-18", minutes: 0)], pointers: [.production: "2024-07-18"],
      lastMoves: [:], canaryWeightPercent: 0)
    let agent = RegisteredArtefact(
      artefact: ArtefactRecord(
        name: "support-agent", kind: .agent, riskTier: .high, createdAt: t0, createdBy: "alice"),
      versions: [
        version("support-agent", "v2", minutes: 1), version("support-agent", "v3", minutes: 2, gates: true),
        version("support-agent", "v4", minutes: 3, gates: true),
        version("support-agent", "v6", minutes: 4, gates: false),
      ],
      pointers: [.production: production, .canary: "v4", staging: "v6"], lastMoves: [:],
      canaryWeightPercent: 10)
    return RegistrySnapshot(artefacts: [gpt, agent], requests: [request], changeToken: 1, auditCount: 9)
  }

  /// Production moves of support-agent: nil → v2 (promotion), v2 → v3 (REQ-1).
  static let moves: [PointerMove] = [
    PointerMove(
      id: 1, artefact: "support-agent", pointer: .production, fromVersion: nil, toVersion: "v2",
      actor: "alice",
      at: t0.adding(milliseconds: 5 * 60_000), reason: "first release", requestID: nil, cause: .promotion),
    PointerMove(
      id: 2, artefact: "support-agent", pointer: .canary, fromVersion: nil, toVersion: "v4", actor: "alice",
      at: t0.adding(milliseconds: 6 * 60_000), reason: "canary v4", requestID: nil, cause: .assignment),
    PointerMove(
      id: 3, artefact: "support-agent", pointer: .production, fromVersion: "v2", toVersion: "v3",
      actor: "bob",
      at: t0.adding(milliseconds: 7 * 60_000), reason: "latency fix \u{1B}[31mred", requestID: 1,
      cause: .promotion),
  ]

  /// An audit log of four entries; `tampered` reports entry 3 as edited.
  static func audit(tampered: Bool) -> ([AuditEntry], AuditVerification) {
    let actions: [(AuditAction, String, String)] = [
      (.workspaceInit, "workspace", ""), (.artefactRegister, "support-agent", "new agent"),
      (.requestCreate, "REQ-3", "canary clean for 2 h"), (.requestApprove, "REQ-3", "looks good"),
    ]
    var previous = String(repeating: "0", count: 64)
    var entries: [AuditEntry] = []
    for (i, (action, subject, reason)) in actions.enumerated() {
      let hash = "ab\(i + 1)" + String(repeating: "0", count: 61)
      entries.append(
        AuditEntry(
          sequence: Int64(i + 1), at: t0.adding(milliseconds: Int64(i) * 60_000),
          actor: i == 3 ? "bob" : "alice",
          action: action, subject: subject, before: nil, after: nil, reason: reason, previousHash: previous,
          // Entry 1 from before identities were recorded; then $FLIGHTDECK_USER, the OS user, a database role.
          hash: hash, identity: [nil, .flightdeckUser, .osUser, .databaseRole][i]))
      previous = hash
    }
    let verification =
      tampered
      ? AuditVerification(
        entriesChecked: 2, headHash: entries[1].hash,
        problem: .init(sequence: 3, tampering: .edited, detail: "stored hash differs from the recomputed one")
      )
      : AuditVerification(
        entriesChecked: 4, headHash: "3f2a9c1e" + String(repeating: "0", count: 56), problem: nil)
    return (entries, verification)
  }
}

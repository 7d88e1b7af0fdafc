import Foundation

/// Computes ``KPIReport`` from ``KPIInputs`` (and optional ``KPITelemetry``):
/// a pure function, every definition in the *KPIs* article.
public enum KPICalculator {
  /// The KPIs of `inputs.from ..< inputs.to`.
  public static func compute(_ inputs: KPIInputs, telemetry: KPITelemetry? = nil) -> KPIReport {
    func inPeriod(_ t: Timestamp) -> Bool { t >= inputs.from && t < inputs.to }
    let moves = inputs.productionMoves.filter { inPeriod($0.at) }
    let releases = moves.filter { $0.cause == .promotion }
    let rollbacks = moves.filter { $0.cause == .rollback }
    let requests = Dictionary(inputs.requests.map { ($0.id, $0) }) { a, _ in a }

    var toApprove: [Int64] = []
    var toPromote: [Int64] = []
    for m in releases {
      guard let id = m.requestID, let r = requests[id] else { continue }
      toPromote.append(m.at.milliseconds(since: r.createdAt))
      if let last = r.decisions.filter({ $0.verdict == .approve }).map(\.at).max() {
        toApprove.append(last.milliseconds(since: r.createdAt))
      }
    }

    let gateChecks = inputs.audit.filter { $0.action == .gateCheck && inPeriod($0.at) }
    let gatesPassed = gateChecks.filter { ($0.after ?? "").contains(#""passed":true"#) }.count

    let opened = inputs.incidents.filter { inPeriod($0.openedAt) }
    let escaped = opened.filter { i in
      i.links.versions.contains { inputs.passedGateVersions.contains("\($0.artefact)@\($0.label)") }
    }
    let resolved = opened.filter { $0.state == .resolved }
    let recurring = opened.filter { !IncidentRecurrence.previous(of: $0, among: inputs.incidents).isEmpty }

    let completeMoves = moves.filter { Self.complete($0, requests: requests, audit: inputs.audit) }

    return KPIReport(
      from: inputs.from, to: inputs.to, releases: releases.count, timeToApprove: KPIDurations(toApprove),
      timeToPromote: KPIDurations(toPromote),
      rollbackFrequency: KPIRatio(rollbacks.count, of: releases.count),
      gatePassRate: KPIRatio(gatesPassed, of: gateChecks.count),
      defectEscapeRate: KPIRatio(escaped.count, of: releases.count),
      costByArtefact: telemetry?.costsByArtefact ?? [],
      latencyAttainment: telemetry?.latencyThresholdMs == nil ? nil : telemetry?.latencyAttainment,
      latencyThresholdMs: telemetry?.latencyThresholdMs,
      latencyArtefact: telemetry?.latencyThresholdMs == nil ? nil : telemetry?.latencyArtefact,
      timeToAcknowledge: KPIDurations(opened.compactMap(\.timeToAcknowledgeMs)),
      timeToResolve: KPIDurations(resolved.compactMap(\.timeToResolveMs)),
      postmortemCompletion: KPIRatio(resolved.filter { $0.retroPath != nil }.count, of: resolved.count),
      recurrence: KPIRatio(recurring.count, of: opened.count),
      auditCompleteness: KPIRatio(completeMoves.count, of: moves.count))
  }

  /// Whether a production move has a complete approval record:
  /// - a promotion: its request exists, is `applied`, has at least the
  ///   approvals its rule needed, and each approver has a `request.approve`
  ///   audit entry on it;
  /// - a rollback (approval-free by design): a `rollback` audit entry on
  ///   `artefact:production` at the move's time with a non-empty reason;
  /// - anything else (import, a move without a request): incomplete.
  static func complete(_ m: PointerMove, requests: [Int64: PromotionRequest], audit: [AuditEntry]) -> Bool {
    switch m.cause {
    case .promotion:
      guard let id = m.requestID, let r = requests[id], r.state == .applied,
        r.approvers.count >= r.rule.approvals
      else { return false }
      let audited = Set(
        audit.filter { $0.action == .requestApprove && $0.subject == r.displayID }.map(\.actor))
      return r.approvers.allSatisfy(audited.contains)
    case .rollback:
      return audit.contains {
        $0.action == .rollback && $0.subject == "\(m.artefact):production" && $0.at == m.at
          && !$0.reason.trimmingCharacters(in: .whitespaces).isEmpty
      }
    default:
      return false
    }
  }
}

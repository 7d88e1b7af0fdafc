import Foundation

/// Rollouts: the pure state machine (``RolloutState``) run at the
/// transaction's "now", its state persisted in the `rollout` table, and its
/// effects applied to pointers, weights and requests in the same transaction.
extension SQLStoreTransaction {
  /// Starts a rollout of `plan`.
  func startRollout(_ plan: RolloutPlan) throws -> RegistryOutcome {
    let artefact = plan.artefact
    _ = try requireArtefact(artefact)
    _ = try requireVersion(artefact, plan.canaryVersion)
    if let running = try SQLStoreRows.unfinishedRollout(session, artefact) {
      throw RegistryError(
        .alreadyExists,
        "\(artefact) already has a rollout running (\(running.displayID) of \(running.plan.canaryVersion), \(running.state.phase.rawValue)); promote or abort it first"
      )
    }
    if let production = try pointer(artefact, .production), production.version == plan.canaryVersion {
      throw RegistryError(
        .notApplicable,
        "\(artefact) \(plan.canaryVersion) is already in production; a rollout needs a different canary version"
      )
    }
    let (state, effects) = RolloutState.start(plan, at: now)
    // A plan that finishes on its first step would send 100 % to the version
    // before any approval: that is a production promotion, asked for as one.
    if effects.contains(.promoteCanary) {
      throw RegistryError(
        .notApplicable,
        "the plan of \(artefact) \(plan.canaryVersion) reaches 100 % at its start: that is a production promotion, "
          + "not a rollout — `flightdeck promote \(artefact) \(plan.canaryVersion) --reason …`, or start below 100 %"
      )
    }
    let id = try session.insertReturningID(
      """
      INSERT INTO rollout (artefact, version, plan, state, phase, started_at, started_by, updated_at, finished)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      binding: [
        artefact, plan.canaryVersion, try SQLStoreRows.sortedJSON(plan),
        try SQLStoreRows.sortedJSON(state), state.phase.rawValue, now.millisecondsSinceEpoch,
        actor.name, now.millisecondsSinceEpoch, SQLStoreRows.flag(state.phase.isFinished),
      ])
    var after = Self.rolloutFields(state)
    after["version"] = .string(plan.canaryVersion)
    after["plan"] = .array(plan.steps.map { .string($0.summary) })
    try audit(
      .rolloutStart, subject: Self.rolloutSubject(artefact, id), before: nil,
      after: CanonicalJSON.object(after),
      reason: "rollout of \(plan.canaryVersion): \(plan.steps.map(\.summary).joined(separator: ", "))")
    let applied = try applyRolloutEffects(effects, plan: plan, id: id, reason: "RO-\(id): \(state.message)")
    let record = try requireRollout(artefact)
    return RegistryOutcome(
      message: Self.rolloutMessage(record, notes: ["started"] + applied.notes), request: applied.request,
      rollout: record, rolloutEffects: effects)
  }

  /// Feeds `event` to the artefact's newest rollout and applies its effects.
  func rolloutEvent(artefact: String, event: RolloutEvent, reason humanReason: String? = nil) throws
    -> RegistryOutcome
  {
    _ = try requireArtefact(artefact)
    let record = try requireRollout(artefact)
    var state = record.state
    var effects: [RolloutEffect]
    var event = event
    // Production already serves the canary's version (a promotion approved
    // since): whatever the event, the rollout is complete.
    let production = try pointer(artefact, .production)
    if !record.isFinished, let production, production.version == record.plan.canaryVersion {
      event = .completed(
        reason:
          "production moved to \(production.version)"
          + (production.move.requestID.map { " (REQ-\($0))" } ?? "") + "; nothing more to roll out")
    }
    do {
      effects = try state.handle(event, at: now)
    } catch let e as RolloutError {
      throw RegistryError(.notApplicable, "\(artefact) \(record.displayID): \(e.message)")
    }
    var gateOverride: String?
    if case .promote(_, let reason) = event { gateOverride = reason }
    if effects.contains(.promoteCanary), gateOverride == nil,
      let blockers = try productionGateBlockers(artefact, record.plan.canaryVersion)
    {
      // A human's promote is refused as a promotion request would be; the
      // clock or a measurement holds the rollout before its last step
      // instead (it stays where it was), until gates pass or a human overrides.
      if case .promote = event {
        throw RegistryError(
          .gatesNotPassed(blockers),
          "\(artefact) \(record.plan.canaryVersion) cannot go to production: \(blockers.joined(separator: "; ")) — run `flightdeck gate check \(artefact) \(record.plan.canaryVersion) --results FILE…`, or `flightdeck rollout promote \(artefact) --full --override \"reason\"`"
        )
      }
      state = record.state
      event = .hold(
        reason:
          "held before production: \(blockers.joined(separator: "; ")) — gate check then resume, or rollout promote --full --override"
      )
      effects = try state.handle(event, at: now)
    }
    // Production before the canary gets 100 %: the promotion request first.
    // Applied at once (a tier without approvals): go on. Waiting for
    // approvals: hold where the rollout was, so four-eyes is not bypassed by
    // sending all traffic to an unapproved version; the approval completes
    // the rollout (above), a rejection leaves it held, to abort or retry.
    var promotion: PromotionRequest?
    if effects.contains(.promoteCanary), production?.version != record.plan.canaryVersion {
      let pending = try pendingRequestID(
        artefact: artefact, version: record.plan.canaryVersion, target: .production)
      if pending == nil {
        // Filed by the controller on behalf of whoever started the rollout:
        // four-eyes counts that operator as the requester.
        let out = try requestPromotion(
          artefact: artefact, version: record.plan.canaryVersion, target: .production,
          reason: "\(record.displayID): \(state.message)", expectedFrom: nil, override: gateOverride,
          requester: actor.systemActor != nil ? record.startedBy : nil)
        promotion = out.request
      }
      if try pointer(artefact, .production)?.version == record.plan.canaryVersion {
        effects.removeAll { $0 == .promoteCanary }
      } else {
        let id = promotion?.id ?? pending ?? 0
        // The rule, not the count: the message is stored and read later, after approvals came in.
        let approvals =
          promotion.map { r in
            " (needs \(r.rule.approvals) approval\(r.rule.approvals == 1 ? "" : "s"))"
          } ?? ""
        state = record.state
        event = .hold(
          reason:
            "awaiting approval of REQ-\(id)\(approvals) before production; the canary stays at "
            + "\(record.state.canaryWeight) % — approve it and the rollout completes, or abort it")
        effects = try state.handle(event, at: now)
      }
    }
    if state == record.state && effects.isEmpty {
      // A tick before anything is due: nothing to write, nothing to audit.
      return RegistryOutcome(
        message: Self.rolloutMessage(record, notes: ["unchanged"]), rollout: record, rolloutEffects: [])
    }
    try session.execute(
      "UPDATE rollout SET state = ?, phase = ?, updated_at = ?, finished = ? WHERE id = ?",
      binding: [
        try SQLStoreRows.sortedJSON(state), state.phase.rawValue, now.millisecondsSinceEpoch,
        SQLStoreRows.flag(state.phase.isFinished), record.id,
      ])
    var (action, reason) = Self.auditAction(for: event, state: state)
    if let humanReason = humanReason?.trimmingCharacters(in: .whitespacesAndNewlines), !humanReason.isEmpty {
      reason = humanReason + " — " + reason
    }
    var after = Self.rolloutFields(state)
    // The controller acts for the operator who started the rollout: name
    // them, before and after alike (a tick that changed nothing still has
    // equal before and after).
    var before = Self.rolloutFields(record.state)
    if actor.systemActor != nil {
      before["started_by"] = .string(record.startedBy)
      after["started_by"] = .string(record.startedBy)
    }
    if case .measurement(let m, let verdict) = event {
      after["measurement"] = .string(m.rawValue)
      if let verdict {
        // The whole verdict lives in the rollout's state; the audit entry
        // keeps its gist: the score and the failing metrics' reasons.
        after["verdict"] = .string(verdict.outcome.rawValue)
        if let score = verdict.score { after["score"] = .string(JudgeFormat.number(score)) }
        let failing = verdict.metrics.filter(\.classification.isFailure).map(\.reason)
        if !failing.isEmpty { after["failing"] = .array(failing.map { .string($0) }) }
      }
    }
    try audit(
      action, subject: Self.rolloutSubject(artefact, record.id),
      before: CanonicalJSON.object(before), after: CanonicalJSON.object(after), reason: reason)
    if state.phase != record.state.phase, state.phase == .aborted || state.phase == .promoted {
      try enqueueNotification(
        state.phase == .aborted ? .rolloutAborted : .rolloutPromoted,
        summary: "\(artefact) \(record.displayID) \(state.phase.rawValue): \(reason)",
        labels: [
          "artefact": artefact, "version": record.plan.canaryVersion, "rollout": record.displayID,
          "state": state.phase.rawValue,
        ])
    }
    var notes: [String] = []
    if case .retry = event, record.state.phase == .aborted {
      // The version gets another chance: it is no longer marked rolled back.
      try session.execute(
        "UPDATE version SET rolled_back_at = NULL WHERE artefact = ? AND label = ?",
        binding: [artefact, record.plan.canaryVersion])
      notes.append("\(record.plan.canaryVersion) no longer marked rolled back")
    }
    let applied = try applyRolloutEffects(
      effects, plan: record.plan, id: record.id, reason: "\(record.displayID): \(reason)",
      gateOverride: gateOverride)
    let updated = try requireRollout(artefact)
    if let promotion { notes.append("\(promotion.displayID) requested: \(promotion.approvalText) approvals") }
    return RegistryOutcome(
      message: Self.rolloutMessage(updated, notes: notes + applied.notes),
      request: promotion ?? applied.request,
      rollout: updated, rolloutEffects: effects)
  }

  /// Applies the state machine's effects in order; returns the promotion
  /// request made (if any) and one note per change for the outcome message.
  private func applyRolloutEffects(
    _ effects: [RolloutEffect], plan: RolloutPlan, id: Int64, reason: String, gateOverride: String? = nil
  ) throws -> (request: PromotionRequest?, notes: [String]) {
    let artefact = plan.artefact
    var request: PromotionRequest?
    var notes: [String] = []
    for effect in effects {
      switch effect {
      case .setCanaryWeight(let percent):
        if percent > 0, try pointer(artefact, .canary)?.version != plan.canaryVersion {
          let move = try movePointer(
            artefact, .canary, to: plan.canaryVersion, reason: reason, requestID: nil, cause: .assignment)
          notes.append(Self.moveText(move))
        }
        let (_, weight) = try requireArtefact(artefact)
        if weight != percent {
          try writeCanaryWeight(artefact: artefact, from: weight, to: percent, reason: reason)
          notes.append("canary weight \(weight)% → \(percent)%")
        }
      case .markRolledBack:
        try session.execute(
          "UPDATE version SET rolled_back_at = ? WHERE artefact = ? AND label = ?",
          binding: [now.millisecondsSinceEpoch, artefact, plan.canaryVersion])
        notes.append("\(plan.canaryVersion) marked rolled back")
      case .promoteCanary:
        if try pointer(artefact, .production)?.version == plan.canaryVersion {
          notes.append("\(plan.canaryVersion) is already in production")
        } else {
          let out = try requestPromotion(
            artefact: artefact, version: plan.canaryVersion, target: .production, reason: reason,
            expectedFrom: nil, override: gateOverride)
          request = out.request
          notes.append(out.message)
        }
      case .measure:
        notes.append("measurement due")
      }
    }
    return (request, notes)
  }

  /// Why `version` may not go to production now (its gates failed or never
  /// ran under the policy in force), or `nil` when nothing blocks it or it
  /// is already in production.
  private func productionGateBlockers(_ artefact: String, _ version: String) throws -> [String]? {
    if try pointer(artefact, .production)?.version == version { return nil }
    let (record, _) = try requireArtefact(artefact)
    let blockers = GateRecord.promotionBlockers(
      try SQLStoreRows.gateRecords(session, artefact, version).first, artefact: artefact, version: version,
      policy: gatePolicy, tier: record.riskTier)
    return blockers.isEmpty ? nil : blockers
  }

  /// The newest rollout of `artefact` (the unfinished one if any).
  /// - Throws: `.notFound` when the artefact never had one.
  private func requireRollout(_ artefact: String) throws -> RolloutRecord {
    guard let record = try SQLStoreRows.latestRollout(session, artefact) else {
      throw RegistryError(
        .notFound,
        "\(artefact) has no rollout; start one with `flightdeck rollout start \(artefact) VERSION`")
    }
    return record
  }

  /// The audit action for `event` and the entry's reason.
  private static func auditAction(for event: RolloutEvent, state: RolloutState) -> (AuditAction, String) {
    switch event {
    case .tick: return (.rolloutTick, state.message)
    case .measurement(let m, _): return (.rolloutMeasurement, "measurement \(m.rawValue): \(state.message)")
    case .promote(let full, let gateOverride):
      return (
        .rolloutPromote,
        (full ? "promote in full: " : "promote: ") + state.message
          + (gateOverride.map { " (gates overridden: \($0))" } ?? "")
      )
    case .hold: return (.rolloutPause, state.message)
    case .completed: return (.rolloutTick, state.message)
    case .abort(let reason): return (.rolloutAbort, reason)
    case .pause: return (.rolloutPause, state.message)
    case .resume: return (.rolloutResume, state.message)
    case .retry: return (.rolloutRetry, state.message)
    }
  }

  /// The audited fields of a rollout state: phase, step (1-based, of n) and weight in percent.
  private static func rolloutFields(_ state: RolloutState) -> [String: CanonicalJSON.Value] {
    [
      "phase": .string(state.phase.rawValue),
      "step": .integer(Int64(min(state.stepIndex + 1, state.plan.steps.count))),
      "steps": .integer(Int64(state.plan.steps.count)),
      "weight": .integer(Int64(state.canaryWeight)),
    ]
  }

  /// `support-bot:RO-3`: the audit subject of a rollout.
  private static func rolloutSubject(_ artefact: String, _ id: Int64) -> String { "\(artefact):RO-\(id)" }

  /// `support-bot RO-3 (v13) progressing: step 2/7: … — canary weight 0% → 5%`.
  private static func rolloutMessage(_ r: RolloutRecord, notes: [String]) -> String {
    let tail = notes.isEmpty ? "" : " — " + notes.joined(separator: "; ")
    // "aborted: aborted: …" says the phase twice: the message often starts with it.
    let phase = r.state.phase.rawValue
    let message =
      r.state.message.hasPrefix(phase + ": ")
      ? String(r.state.message.dropFirst(phase.count + 2)) : r.state.message
    return "\(r.artefact) \(r.displayID) (\(r.plan.canaryVersion)) \(phase): \(message)\(tail)"
  }
}

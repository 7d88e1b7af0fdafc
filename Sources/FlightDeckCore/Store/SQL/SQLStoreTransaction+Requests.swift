extension SQLStoreTransaction {
  /// Requests a pointer move (applied at once when the rule needs no approval).
  func requestPromotion(
    artefact: String, version: String, target: PointerName, reason: String, expectedFrom: String??,
    override: String?, requester: String? = nil
  ) throws -> RegistryOutcome {
    try RegistryNames.validateText(reason, field: "reason", required: true)
    let who = requester ?? actor.name
    if let override { try RegistryNames.validateText(override, field: "override", required: true) }
    let (record, _) = try requireArtefact(artefact)
    _ = try requireVersion(artefact, version)
    let current = try pointer(artefact, target)
    try check(expected: expectedFrom, artefact: artefact, pointer: target, current: current)
    if current?.version == version {
      throw RegistryError(.notApplicable, "\(artefact) \(target) already points at \(version)")
    }
    if let open = try pendingRequestID(artefact: artefact, version: version, target: target) {
      throw RegistryError(
        .alreadyExists,
        "REQ-\(open) already asks to move \(artefact) \(target) to \(version); approve that one")
    }
    // Evaluation gates: only production is gated (canary, shadow and
    // aliases are how a version gets the evidence in the first place).
    var blockers: [String] = []
    if target == .production {
      blockers = GateRecord.promotionBlockers(
        try SQLStoreRows.gateRecords(session, artefact, version).first, artefact: artefact, version: version,
        policy: gatePolicy, tier: record.riskTier)
      if !blockers.isEmpty && override == nil {
        throw RegistryError(
          .gatesNotPassed(blockers),
          "\(artefact) \(version) cannot go to production: \(blockers.joined(separator: "; ")) — run `flightdeck gate check \(artefact) \(version) --results FILE…`, or promote with --override \"reason\""
        )
      }
    }
    let rule = policy.rule(for: record.riskTier, pointer: target)
    let expires = now.adding(milliseconds: policy.requestLifetimeMs)
    let id = try session.insertReturningID(
      """
      INSERT INTO promotion_request (artefact, version, target, from_version, requester, reason, created_at,
        expires_at, state, state_changed_at, rule_approvals, rule_role, rule_self_approval, gate_override)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)
      """,
      binding: [
        artefact, version, target.rawValue, current?.version, who, reason, now.millisecondsSinceEpoch,
        expires.millisecondsSinceEpoch, now.millisecondsSinceEpoch, rule.approvals, rule.requiredRole,
        SQLStoreRows.flag(rule.allowSelfApproval), override,
      ])
    var after: [String: CanonicalJSON.Value] = [
      "artefact": .string(artefact), "version": .string(version), "target": .string(target.rawValue),
      "from": .optional(current?.version), "approvalsNeeded": .integer(Int64(rule.approvals)),
      "requiredRole": .optional(rule.requiredRole), "selfApproval": .bool(rule.allowSelfApproval),
      "expiresAt": .integer(expires.millisecondsSinceEpoch),
    ]
    if requester != nil { after["requester"] = .string(who) }
    if let override {
      after["override"] = .string(override)
      after["blockers"] = .array(blockers.map { .string($0) })
    }
    try audit(
      .requestCreate, subject: "REQ-\(id)", before: nil, after: CanonicalJSON.object(after), reason: reason)
    try enqueueNotification(
      .promotionRequested,
      summary: "REQ-\(id): \(artefact) \(version) to \(target.rawValue) requested by \(who): \(reason)",
      labels: [
        "artefact": artefact, "version": version, "target": target.rawValue, "request": "REQ-\(id)",
        "approvals_needed": String(rule.approvals),
      ])
    if rule.approvals == 0 {
      try setState(id, .applied)
      let move = try movePointer(
        artefact, target, to: version, reason: reason, requestID: id, cause: .promotion)
      let why = target == .production ? " (\(record.riskTier.rawValue) risk needs no approval)" : ""
      return RegistryOutcome(
        message: "REQ-\(id) applied at once\(why): \(Self.moveText(move))", request: try requireRequest(id))
    }
    let role = rule.requiredRole.map { ", one with role \($0)" } ?? ""
    let plural = rule.approvals == 1 ? "" : "s"
    return RegistryOutcome(
      message:
        "REQ-\(id) requested: \(artefact) \(target) \(current?.version ?? "none") → \(version) needs \(rule.approvals) approval\(plural)\(role); expires \(expires.rfc3339)",
      request: try requireRequest(id))
  }

  /// Sets the state of request `id`, changed now.
  func setState(_ id: Int64, _ state: RequestState) throws {
    try session.execute(
      "UPDATE promotion_request SET state = ?, state_changed_at = ? WHERE id = ?",
      binding: [state.rawValue, now.millisecondsSinceEpoch, id])
  }

  /// Refuses with `.requestClosed` unless `request` is pending (or, with
  /// `allowApproved`, approved but not applied); the message names who closed
  /// it and when (for a request applied at once, the requester: no approver).
  func requirePending(_ request: PromotionRequest, allowApproved: Bool = false) throws {
    guard request.state != .pending, !(allowApproved && request.state == .approved) else { return }
    let who: String
    switch request.state {
    case .expired: who = "expired at \(request.stateChangedAt.rfc3339)"
    case .cancelled: who = "cancelled by \(request.requester) at \(Self.clockTime(request.stateChangedAt))"
    case .applied where request.decisions.isEmpty:
      // Applied at once (the rule needed no approval): no decision names an
      // approver, so name the requester, whose request applied it.
      who =
        "applied at once when \(request.requester) requested it at \(Self.clockTime(request.stateChangedAt)) "
        + "(no approval needed)"
    case .approved:
      who =
        "approved by \(request.decisions.last?.actor ?? "?") at \(Self.clockTime(request.stateChangedAt)) but not applied"
    default:
      who =
        "\(request.state.rawValue) by \(request.decisions.last?.actor ?? "?") at \(Self.clockTime(request.stateChangedAt))"
    }
    throw RegistryError(
      .requestClosed(request.state), "\(request.displayID) was already \(who) — changed since you looked")
  }

  /// Approves a pending request under four-eyes; applies it when the rule is met.
  func approve(_ id: Int64, comment: String) throws -> RegistryOutcome {
    try RegistryNames.validateText(comment, field: "comment")
    let request = try requireRequest(id)
    try requirePending(request)
    if request.decisions.contains(where: { $0.actor == actor.name && $0.verdict == .approve }) {
      throw RegistryError(
        .duplicateDecision, "\(actor.name) already approved \(request.displayID); a person counts once")
    }
    if actor.name == request.requester && !request.rule.allowSelfApproval {
      throw RegistryError(
        .fourEyes,
        "\(actor.name) requested \(request.displayID) and cannot approve it: the risk policy needs someone else (four-eyes)"
      )
    }
    try insertDecision(id, .approve, comment: comment)
    let approvals = request.approvers.count + 1
    let needed = request.rule.approvals
    let roleMet =
      request.rule.requiredRole.map { role in
        actor.has(role: role)
          || request.decisions.contains { $0.verdict == .approve && $0.roles.contains(role) }
      } ?? true
    let progress = "\(approvals)/\(needed)"
    let before = CanonicalJSON.object(["state": "pending", "approvals": .integer(Int64(approvals - 1))])
    func after(_ state: RequestState) -> String {
      CanonicalJSON.object(["state": .string(state.rawValue), "approvals": .integer(Int64(approvals))])
    }
    guard approvals >= needed && roleMet else {
      try audit(
        .requestApprove, subject: request.displayID, before: before, after: after(.pending), reason: comment)
      var missing: [String] = []
      if approvals < needed { missing.append("needs \(needed - approvals) more") }
      if !roleMet, let role = request.rule.requiredRole {
        missing.append(approvals < needed ? "one with role \(role)" : "needs an approver with role \(role)")
      }
      let separator = approvals < needed ? ", " : " but "
      return RegistryOutcome(
        message:
          "\(request.displayID) approved by \(actor.name) (\(progress)\(separator)\(missing.joined(separator: ", ")))",
        request: try requireRequest(id))
    }
    let current = try pointer(request.artefact, request.target)
    guard current?.version == request.fromVersion else {
      try setState(id, .approved)
      try audit(
        .requestApprove, subject: request.displayID, before: before, after: after(.approved), reason: comment)
      return RegistryOutcome(
        message:
          "\(request.displayID) approved by \(actor.name) (\(progress)) but not applied: \(request.artefact) \(request.target) is now \(describe(current)), not \(request.fromVersion ?? "unset") as when requested — changed since you looked; request the promotion again",
        request: try requireRequest(id))
    }
    // The gates may have been re-run since the request was made: the newest
    // record under the policy in force decides when the pointer moves, unless
    // the request carries an override.
    if request.target == .production && request.gateOverride == nil {
      let record = try requireArtefact(request.artefact).record
      let blockers = GateRecord.promotionBlockers(
        try SQLStoreRows.gateRecords(session, request.artefact, request.version).first,
        artefact: request.artefact, version: request.version, policy: gatePolicy, tier: record.riskTier)
      if !blockers.isEmpty {
        throw RegistryError(
          .gatesNotPassed(blockers),
          "\(request.displayID) cannot be applied now: \(blockers.joined(separator: "; ")) — re-run `flightdeck gate check \(request.artefact) \(request.version) --results FILE…`, or request again with --override \"reason\""
        )
      }
    }
    try setState(id, .applied)
    try audit(
      .requestApprove, subject: request.displayID, before: before, after: after(.applied), reason: comment)
    try enqueueDecision(request, state: .applied, comment: comment)
    let move = try movePointer(
      request.artefact, request.target, to: request.version, reason: request.reason, requestID: id,
      cause: .promotion)
    return RegistryOutcome(
      message:
        "\(request.displayID) approved by \(actor.name) (\(progress)) and applied: \(Self.moveText(move))",
      request: try requireRequest(id))
  }

  /// Records the actor's decision on request `id`, with their roles.
  func insertDecision(_ id: Int64, _ verdict: RequestDecision.Verdict, comment: String) throws {
    let roles = CanonicalJSON.encode(.array(actor.roles.map { .string($0) }))
    try session.execute(
      "INSERT INTO request_decision (request_id, actor, roles, verdict, at, comment) VALUES (?, ?, ?, ?, ?, ?)",
      binding: [id, actor.name, roles, verdict.rawValue, now.millisecondsSinceEpoch, comment])
  }

  /// Rejects an open request (a reason is required).
  func reject(_ id: Int64, comment: String) throws -> RegistryOutcome {
    // A rejection must say why: the requester and the auditor need it.
    try RegistryNames.validateText(comment, field: "comment", required: true)
    let request = try requireRequest(id)
    try requirePending(request, allowApproved: true)
    try insertDecision(id, .reject, comment: comment)
    try setState(id, .rejected)
    try audit(
      .requestReject, subject: request.displayID,
      before: CanonicalJSON.object(["state": .string(request.state.rawValue)]),
      after: CanonicalJSON.object(["state": "rejected"]), reason: comment)
    try enqueueDecision(request, state: .rejected, comment: comment)
    return RegistryOutcome(
      message:
        "\(request.displayID) rejected by \(actor.name): \(request.artefact) \(request.target) stays at \(request.fromVersion ?? "none")",
      request: try requireRequest(id))
  }

  /// Cancels an open request; only its requester may.
  func cancel(_ id: Int64, comment: String) throws -> RegistryOutcome {
    try RegistryNames.validateText(comment, field: "comment")
    let request = try requireRequest(id)
    try requirePending(request, allowApproved: true)
    guard request.requester == actor.name else {
      throw RegistryError(
        .notApplicable,
        "only \(request.requester), who requested \(request.displayID), can cancel it; reject it instead")
    }
    try setState(id, .cancelled)
    try audit(
      .requestCancel, subject: request.displayID,
      before: CanonicalJSON.object(["state": .string(request.state.rawValue)]),
      after: CanonicalJSON.object(["state": "cancelled"]), reason: comment)
    return RegistryOutcome(
      message: "\(request.displayID) cancelled by \(actor.name)", request: try requireRequest(id))
  }

  /// The oldest pending request to move `artefact`'s `target` to `version`, if any.
  func pendingRequestID(artefact: String, version: String, target: PointerName) throws -> Int64? {
    try session.queryOne(
      """
      SELECT id FROM promotion_request
      WHERE artefact = ? AND version = ? AND target = ? AND state = 'pending' ORDER BY id
      """, binding: [artefact, version, target.rawValue]
    )?.decode(Int64.self, forColumn: "id")
  }
}

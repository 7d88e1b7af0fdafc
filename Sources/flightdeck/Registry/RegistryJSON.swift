import FlightDeckCore

/// The `--json` shapes of the registry commands (canonical JSON: sorted keys,
/// no spaces; times as RFC 3339 UTC strings with milliseconds).
///
/// - version: `{"label","created_at","created_by","source":"kind:value"|null,
///   "tags":{…},"description","rolled_back_at":time|null,"pointers":["production",…]}`
/// - request: `{"id":12,"display_id":"REQ-12","artefact","version","target",
///   "from_version":str|null,"requester","reason","state","created_at","expires_at",
///   "state_changed_at","approvals":1,"approvals_needed":2,"required_role":str|null,
///   "self_approval":bool,"decisions":[{"actor","roles":[…],"verdict","at","comment"}]}`
/// - move: `{"id","artefact","pointer","from_version","to_version","actor","at",
///   "reason","request_id":int|null,"cause"}`
/// - outcome: `{"message","changed":bool,"request":request|null,"moves":[move],
///   "audit_sequences":[int],"warnings":[str]}`
enum RegistryJSON {
  typealias Value = CanonicalJSON.Value

  static func time(_ t: Timestamp?) -> Value { t.map { .string($0.rfc3339) } ?? .null }

  static func version(_ v: VersionRecord, pointers: [PointerName]) -> Value {
    .object([
      "label": .string(v.label),
      "created_at": time(v.createdAt),
      "created_by": .string(v.createdBy),
      "source": .optional(v.source?.text),
      "tags": .object(v.tags.mapValues { .string($0) }),
      "description": .string(v.description),
      "rolled_back_at": time(v.rolledBackAt),
      "pointers": .array(pointers.map { .string($0.rawValue) }),
      "gates": gates(v.gates),
    ])
  }

  /// A version's latest gate outcome: `{"passed","tier","pass_count",
  /// "gate_count","evaluated_at","evaluated_by"}`, or `null` when never checked.
  static func gates(_ g: GateStatus?) -> Value {
    guard let g else { return .null }
    return .object([
      "passed": .bool(g.passed), "tier": .string(g.tier.rawValue), "pass_count": .integer(Int64(g.passCount)),
      "gate_count": .integer(Int64(g.gateCount)), "evaluated_at": time(g.evaluatedAt),
      "evaluated_by": .string(g.evaluatedBy),
    ])
  }

  static func request(_ r: PromotionRequest) -> Value {
    .object([
      "id": .integer(r.id),
      "display_id": .string(r.displayID),
      "artefact": .string(r.artefact),
      "version": .string(r.version),
      "target": .string(r.target.rawValue),
      "from_version": .optional(r.fromVersion),
      "requester": .string(r.requester),
      "reason": .string(r.reason),
      "state": .string(r.state.rawValue),
      "created_at": time(r.createdAt),
      "expires_at": time(r.expiresAt),
      "state_changed_at": time(r.stateChangedAt),
      "approvals": .integer(Int64(r.approvers.count)),
      "approvals_needed": .integer(Int64(r.rule.approvals)),
      "required_role": .optional(r.rule.requiredRole),
      "self_approval": .bool(r.rule.allowSelfApproval),
      "gate_override": .optional(r.gateOverride),
      "decisions": .array(
        r.decisions.map {
          .object([
            "actor": .string($0.actor), "roles": .array($0.roles.map { .string($0) }),
            "verdict": .string($0.verdict.rawValue), "at": time($0.at), "comment": .string($0.comment),
          ])
        }),
    ])
  }

  static func move(_ m: PointerMove) -> Value {
    .object([
      "id": .integer(m.id),
      "artefact": .string(m.artefact),
      "pointer": .string(m.pointer.rawValue),
      "from_version": .optional(m.fromVersion),
      "to_version": .optional(m.toVersion),
      "actor": .string(m.actor),
      "at": time(m.at),
      "reason": .string(m.reason),
      "request_id": m.requestID.map { .integer($0) } ?? .null,
      "cause": .string(m.cause.rawValue),
    ])
  }

  static func outcome(_ o: RegistryOutcome) -> Value {
    .object([
      "message": .string(o.message),
      "changed": .bool(o.changed),
      "request": o.request.map(request) ?? .null,
      "moves": .array(o.moves.map(move)),
      "audit_sequences": .array(o.auditSequences.map { .integer($0) }),
      "warnings": .array(o.warnings.map { .string($0) }),
    ])
  }

  static func pointers(_ p: [PointerName: String]) -> Value {
    .object(Dictionary(uniqueKeysWithValues: p.map { ($0.key.rawValue, .string($0.value)) }))
  }
}

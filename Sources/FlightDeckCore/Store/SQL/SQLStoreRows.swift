import Foundation

/// Reads registry rows into the domain types, over any backend's
/// ``SQLSession``. Every column is decoded with a
/// throwing accessor, and every stored enum or JSON text is checked, so a
/// damaged or hand-edited database gives ``RegistryError/Code/corrupt``
/// rather than a crash.
enum SQLStoreRows {
  // MARK: Artefacts and versions

  /// The artefact named `name` and its canary weight (percent), if registered.
  static func artefact(_ session: any SQLSession, _ name: String) throws -> (ArtefactRecord, Int)? {
    try session.queryOne("SELECT * FROM artefact WHERE name = ?", binding: [name]).map(artefact)
  }

  /// Every artefact with its canary weight (percent), sorted by name.
  static func artefacts(_ session: any SQLSession) throws -> [(ArtefactRecord, Int)] {
    try session.query("SELECT * FROM artefact ORDER BY name").map(artefact)
  }

  /// The artefact of an `artefact` row and its canary weight (percent).
  /// - Throws: `.corrupt` for a damaged row.
  static func artefact(_ row: SQLRow) throws -> (ArtefactRecord, Int) {
    let record = ArtefactRecord(
      name: try row.decode(forColumn: "name"),
      kind: try enumValue(row.decode(forColumn: "kind"), "artefact kind"),
      owner: try row.decode(forColumn: "owner"),
      riskTier: try enumValue(row.decode(forColumn: "risk_tier"), "risk tier"),
      description: try row.decode(forColumn: "description"),
      createdAt: Timestamp(millisecondsSinceEpoch: try row.decode(forColumn: "created_at")),
      createdBy: try row.decode(forColumn: "created_by"))
    return (record, try row.decode(Int.self, forColumn: "canary_weight"))
  }

  /// The versions of `artefact`, oldest registration first.
  static func versions(_ session: any SQLSession, _ artefact: String) throws -> [VersionRecord] {
    try session.query("SELECT * FROM version WHERE artefact = ? ORDER BY id", binding: [artefact])
      .map(version)
  }

  /// The version `label` of `artefact`, if registered.
  static func version(_ session: any SQLSession, _ artefact: String, _ label: String) throws -> VersionRecord?
  {
    try session.queryOne(
      "SELECT * FROM version WHERE artefact = ? AND label = ?", binding: [artefact, label]
    ).map(version)
  }

  /// The gate records of `artefact` at `version`, newest first.
  static func gateRecords(_ session: any SQLSession, _ artefact: String, _ version: String) throws
    -> [GateRecord]
  {
    guard try session.tableExists("gate_result") else { return [] }
    return try session.query(
      "SELECT record FROM gate_result WHERE artefact = ? AND version = ? ORDER BY id DESC",
      binding: [artefact, version]
    ).map { try gateRecord($0, artefact, version) }
  }

  /// The newest gate record of each version of `artefact`: version → record.
  static func latestGateRecords(_ session: any SQLSession, _ artefact: String) throws -> [String: GateRecord]
  {
    // A v1 database opened read-only (not migrated) has no gate results.
    guard try session.tableExists("gate_result") else { return [:] }
    let rows = try session.query(
      """
      SELECT version, record FROM gate_result
      WHERE id IN (SELECT MAX(id) FROM gate_result WHERE artefact = ? GROUP BY version)
      """, binding: [artefact])
    var out: [String: GateRecord] = [:]
    for row in rows {
      let version: String = try row.decode(forColumn: "version")
      out[version] = try gateRecord(row, artefact, version)
    }
    return out
  }

  /// The gate record in the `record` column of a `gate_result` row of `artefact` at `version`.
  /// - Throws: `.corrupt` when it does not decode.
  static func gateRecord(_ row: SQLRow, _ artefact: String, _ version: String) throws -> GateRecord {
    let text: String = try row.decode(forColumn: "record")
    do {
      return try GateRecord(canonicalJSON: text, name: "gate record of \(artefact) \(version)")
    } catch {
      throw damaged("gate record of \(artefact) \(version) (\(error))")
    }
  }

  /// The version of a `version` row.
  /// - Throws: `.corrupt` for a damaged row.
  static func version(_ row: SQLRow) throws -> VersionRecord {
    let kind: String? = try row.decode(forColumn: "source_kind")
    let value: String? = try row.decode(forColumn: "source_value")
    var source: SourceReference?
    if let kind, let value {
      source = SourceReference(kind: try enumValue(kind, "source kind"), value: value)
    }
    let rolledBack: Int64? = try row.decode(forColumn: "rolled_back_at")
    return VersionRecord(
      artefact: try row.decode(forColumn: "artefact"),
      label: try row.decode(forColumn: "label"),
      createdAt: Timestamp(millisecondsSinceEpoch: try row.decode(forColumn: "created_at")),
      createdBy: try row.decode(forColumn: "created_by"),
      source: source,
      tags: try json([String: String].self, row.decode(forColumn: "tags"), "tags"),
      description: try row.decode(forColumn: "description"),
      rolledBackAt: rolledBack.map(Timestamp.init(millisecondsSinceEpoch:)))
  }

  // MARK: Pointers

  /// The pointers of `artefact`: name → (version, last move).
  static func pointers(_ session: any SQLSession, _ artefact: String) throws -> [PointerName: (
    String, PointerMove
  )] {
    let rows = try session.query(
      """
      SELECT p.version AS current_version, m.* FROM pointer p JOIN pointer_move m ON m.id = p.last_move
      WHERE p.artefact = ?
      """, binding: [artefact])
    var out: [PointerName: (String, PointerMove)] = [:]
    for row in rows {
      let move = try pointerMove(row)
      out[move.pointer] = (try row.decode(forColumn: "current_version"), move)
    }
    return out
  }

  /// The pointer `name` of `artefact`: its version and last move, if set.
  static func pointer(_ session: any SQLSession, _ artefact: String, _ name: PointerName) throws -> (
    version: String, move: PointerMove
  )? {
    guard
      let row = try session.queryOne(
        """
        SELECT p.version AS current_version, m.* FROM pointer p JOIN pointer_move m ON m.id = p.last_move
        WHERE p.artefact = ? AND p.name = ?
        """, binding: [artefact, name.rawValue])
    else { return nil }
    return (try row.decode(forColumn: "current_version"), try pointerMove(row))
  }

  /// Moves of `artefact`'s pointers (one pointer when `pointer` is set), oldest first.
  static func moves(_ session: any SQLSession, _ artefact: String, _ pointer: PointerName?) throws
    -> [PointerMove]
  {
    if let pointer {
      return try session.query(
        "SELECT * FROM pointer_move WHERE artefact = ? AND pointer = ? ORDER BY id",
        binding: [artefact, pointer.rawValue]
      ).map(pointerMove)
    }
    return try session.query(
      "SELECT * FROM pointer_move WHERE artefact = ? ORDER BY id", binding: [artefact]
    ).map(pointerMove)
  }

  /// The move of a `pointer_move` row.
  /// - Throws: `.corrupt` for a damaged row.
  static func pointerMove(_ row: SQLRow) throws -> PointerMove {
    let pointerText: String = try row.decode(forColumn: "pointer")
    guard PointerName.isValid(pointerText) else { throw damaged("pointer name \(pointerText)") }
    return PointerMove(
      id: try row.decode(forColumn: "id"),
      artefact: try row.decode(forColumn: "artefact"),
      pointer: PointerName(unchecked: pointerText),
      fromVersion: try row.decode(forColumn: "from_version"),
      toVersion: try row.decode(forColumn: "to_version"),
      actor: try row.decode(forColumn: "actor"),
      at: Timestamp(millisecondsSinceEpoch: try row.decode(forColumn: "at")),
      reason: try row.decode(forColumn: "reason"),
      requestID: try row.decode(forColumn: "request_id"),
      cause: try enumValue(row.decode(forColumn: "cause"), "move cause"))
  }

  // MARK: Requests

  /// The request `id`, with its decisions, if it exists.
  static func request(_ session: any SQLSession, _ id: Int64) throws -> PromotionRequest? {
    guard let row = try session.queryOne("SELECT * FROM promotion_request WHERE id = ?", binding: [id])
    else { return nil }
    return try request(session, row)
  }

  /// Requests selected by `sql` (a full `SELECT * FROM promotion_request …`), with their decisions.
  static func requests(
    _ session: any SQLSession, sql: String, binding arguments: [any SQLValueConvertible] = []
  )
    throws -> [PromotionRequest]
  {
    try session.query(sql, binding: arguments).map { try request(session, $0) }
  }

  /// The request of a `promotion_request` row, with its decisions read through `session`.
  /// - Throws: `.corrupt` for a damaged row.
  static func request(_ session: any SQLSession, _ row: SQLRow) throws -> PromotionRequest {
    let id: Int64 = try row.decode(forColumn: "id")
    let decisions = try session.query(
      "SELECT * FROM request_decision WHERE request_id = ? ORDER BY id", binding: [id]
    ).map { d in
      RequestDecision(
        actor: try d.decode(forColumn: "actor"),
        roles: try json([String].self, d.decode(forColumn: "roles"), "roles"),
        verdict: try enumValue(d.decode(forColumn: "verdict"), "verdict"),
        at: Timestamp(millisecondsSinceEpoch: try d.decode(forColumn: "at")),
        comment: try d.decode(forColumn: "comment"))
    }
    let target: String = try row.decode(forColumn: "target")
    guard PointerName.isValid(target) else { throw damaged("pointer name \(target)") }
    return PromotionRequest(
      id: id,
      artefact: try row.decode(forColumn: "artefact"),
      version: try row.decode(forColumn: "version"),
      target: PointerName(unchecked: target),
      fromVersion: try row.decode(forColumn: "from_version"),
      requester: try row.decode(forColumn: "requester"),
      reason: try row.decode(forColumn: "reason"),
      createdAt: Timestamp(millisecondsSinceEpoch: try row.decode(forColumn: "created_at")),
      expiresAt: Timestamp(millisecondsSinceEpoch: try row.decode(forColumn: "expires_at")),
      state: try enumValue(row.decode(forColumn: "state"), "request state"),
      stateChangedAt: Timestamp(millisecondsSinceEpoch: try row.decode(forColumn: "state_changed_at")),
      decisions: decisions,
      rule: ApprovalRule(
        approvals: try row.decode(forColumn: "rule_approvals"),
        requiredRole: try row.decode(forColumn: "rule_role"),
        allowSelfApproval: try row.decode(Int64.self, forColumn: "rule_self_approval") != 0),
      // A v1 database opened read-only (not migrated) has no such column.
      gateOverride: row["gate_override"] != nil ? try row.decode(forColumn: "gate_override") : nil)
  }

  // MARK: Audit

  /// Audit entries selected by `sql` (a full `SELECT * FROM audit_log …`).
  static func auditEntries(
    _ session: any SQLSession, sql: String, binding arguments: [any SQLValueConvertible] = []
  )
    throws -> [AuditEntry]
  {
    try session.query(sql, binding: arguments).map(auditEntry)
  }

  /// The entry of an `audit_log` row.
  /// - Throws: `.corrupt` for a damaged row.
  static func auditEntry(_ row: SQLRow) throws -> AuditEntry {
    AuditEntry(
      sequence: try row.decode(forColumn: "sequence"),
      at: Timestamp(millisecondsSinceEpoch: try row.decode(forColumn: "at")),
      actor: try row.decode(forColumn: "actor"),
      action: try enumValue(row.decode(forColumn: "action"), "audit action"),
      subject: try row.decode(forColumn: "subject"),
      before: try row.decode(forColumn: "before"),
      after: try row.decode(forColumn: "after"),
      reason: try row.decode(forColumn: "reason"),
      previousHash: try row.decode(forColumn: "previous_hash"),
      hash: try row.decode(forColumn: "hash"),
      // NULL for entries written before it was recorded; a v5 database
      // opened read-only (not migrated) has no such column.
      identity: try (row["identity"] != nil ? row.decode(String?.self, forColumn: "identity") : nil).map {
        try enumValue($0, "audit identity") as ActorIdentification
      })
  }

  /// The workspace's configuration in force (applied with
  /// ``RegistryCommand/applyConfiguration(policy:roles:)``), or `nil` when
  /// none was ever applied.
  /// - Throws: ``RegistryError`` `.corrupt` when the stored policy or roles cannot be read.
  /// `gates` is `nil` when the configuration was applied before gates
  /// existed (the store's own gate policy then applies).
  static func configuration(_ session: any SQLSession) throws -> (
    digest: String, policy: RiskPolicy, roles: [String: [String]], gates: GatePolicy?
  )? {
    let rows = try session.query(
      "SELECT key, value FROM meta WHERE key IN ('config_digest', 'config_policy', 'config_roles', 'config_gates')"
    )
    var values: [String: String] = [:]
    for row in rows {
      let key: String = try row.decode(forColumn: "key")
      values[key] = try row.decode(forColumn: "value")
    }
    guard let digest = values["config_digest"] else { return nil }
    // A workspace that recorded only a digest (before the policy was kept in
    // the workspace) has no policy to enforce yet: the next apply stores one.
    guard let policyText = values["config_policy"], let rolesText = values["config_roles"] else { return nil }
    do {
      let policy = try JSONDecoder().decode(RiskPolicy.self, from: Data(policyText.utf8))
      let roles = try JSONDecoder().decode([String: [String]].self, from: Data(rolesText.utf8))
      let gates = try values["config_gates"].map {
        try JSONDecoder().decode(GatePolicy.self, from: Data($0.utf8))
      }
      return (digest, policy, roles, gates)
    } catch {
      throw damaged("configuration (\(error))")
    }
  }

  /// The recorded head of the audit chain (sequence 0 and the genesis hash when empty), if the row exists.
  static func auditHead(_ session: any SQLSession) throws -> (sequence: Int64, hash: String)? {
    guard let row = try session.queryOne("SELECT sequence, hash FROM audit_head WHERE id = 1") else {
      return nil
    }
    return (try row.decode(forColumn: "sequence"), try row.decode(forColumn: "hash"))
  }

  // MARK: Helpers

  /// A flag as stored: `INTEGER` 1 for true, 0 for false (no boolean column
  /// type, so the statement means the same on every backend).
  static func flag(_ value: Bool) -> Int64 { value ? 1 : 0 }
  /// The case of `E` stored as `raw`.
  /// - Throws: `.corrupt` naming `what` when no case has that raw value.
  static func enumValue<E: RawRepresentable>(_ raw: String, _ what: String) throws -> E
  where E.RawValue == String {
    guard let value = E(rawValue: raw) else { throw damaged("\(what) \"\(RegistryNames.quoted(raw))\"") }
    return value
  }

  /// `text` decoded as JSON into `T`.
  /// - Throws: `.corrupt` naming `what` when it does not decode.
  static func json<T: Decodable>(_ type: T.Type, _ text: String, _ what: String) throws -> T {
    do {
      return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    } catch {
      throw damaged("\(what) \"\(RegistryNames.quoted(text))\"")
    }
  }

  /// The `.corrupt` error for an unreadable `what`.
  static func damaged(_ what: String) -> RegistryError {
    RegistryError(
      .corrupt, "the registry database holds an unreadable \(what); it is damaged or was edited by hand")
  }
}

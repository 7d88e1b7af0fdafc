import Foundation
import GRDB

/// Reads registry rows into the domain types. Every column is decoded with a
/// throwing accessor, and every stored enum or JSON text is checked, so a
/// damaged or hand-edited database gives ``RegistryError/Code/corrupt``
/// rather than a crash.
enum SQLiteRegistryRows {
  // MARK: Artefacts and versions

  /// The artefact named `name` and its canary weight (percent), if registered.
  static func artefact(_ db: Database, _ name: String) throws -> (ArtefactRecord, Int)? {
    try Row.fetchOne(db, sql: "SELECT * FROM artefact WHERE name = ?", arguments: [name]).map(artefact)
  }

  /// Every artefact with its canary weight (percent), sorted by name.
  static func artefacts(_ db: Database) throws -> [(ArtefactRecord, Int)] {
    try Row.fetchAll(db, sql: "SELECT * FROM artefact ORDER BY name").map(artefact)
  }

  static func artefact(_ row: Row) throws -> (ArtefactRecord, Int) {
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
  static func versions(_ db: Database, _ artefact: String) throws -> [VersionRecord] {
    try Row.fetchAll(db, sql: "SELECT * FROM version WHERE artefact = ? ORDER BY id", arguments: [artefact])
      .map(version)
  }

  /// The version `label` of `artefact`, if registered.
  static func version(_ db: Database, _ artefact: String, _ label: String) throws -> VersionRecord? {
    try Row.fetchOne(
      db, sql: "SELECT * FROM version WHERE artefact = ? AND label = ?", arguments: [artefact, label]
    ).map(version)
  }

  /// The gate records of `artefact` at `version`, newest first.
  static func gateRecords(_ db: Database, _ artefact: String, _ version: String) throws -> [GateRecord] {
    guard try db.tableExists("gate_result") else { return [] }
    return try Row.fetchAll(
      db, sql: "SELECT record FROM gate_result WHERE artefact = ? AND version = ? ORDER BY id DESC",
      arguments: [artefact, version]
    ).map { try gateRecord($0, artefact, version) }
  }

  /// The newest gate record of each version of `artefact`: version → record.
  static func latestGateRecords(_ db: Database, _ artefact: String) throws -> [String: GateRecord] {
    // A v1 database opened read-only (not migrated) has no gate results.
    guard try db.tableExists("gate_result") else { return [:] }
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT version, record FROM gate_result
        WHERE id IN (SELECT MAX(id) FROM gate_result WHERE artefact = ? GROUP BY version)
        """,
      arguments: [artefact])
    var out: [String: GateRecord] = [:]
    for row in rows {
      let version: String = try row.decode(forColumn: "version")
      out[version] = try gateRecord(row, artefact, version)
    }
    return out
  }

  static func gateRecord(_ row: Row, _ artefact: String, _ version: String) throws -> GateRecord {
    let text: String = try row.decode(forColumn: "record")
    do {
      return try GateRecord(canonicalJSON: text, name: "gate record of \(artefact) \(version)")
    } catch {
      throw damaged("gate record of \(artefact) \(version) (\(error))")
    }
  }

  static func version(_ row: Row) throws -> VersionRecord {
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
  static func pointers(_ db: Database, _ artefact: String) throws -> [PointerName: (String, PointerMove)] {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT p.version AS current_version, m.* FROM pointer p JOIN pointer_move m ON m.id = p.last_move
        WHERE p.artefact = ?
        """,
      arguments: [artefact])
    var out: [PointerName: (String, PointerMove)] = [:]
    for row in rows {
      let move = try pointerMove(row)
      out[move.pointer] = (try row.decode(forColumn: "current_version"), move)
    }
    return out
  }

  /// The pointer `name` of `artefact`: its version and last move, if set.
  static func pointer(_ db: Database, _ artefact: String, _ name: PointerName) throws -> (
    version: String, move: PointerMove
  )? {
    guard
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT p.version AS current_version, m.* FROM pointer p JOIN pointer_move m ON m.id = p.last_move
          WHERE p.artefact = ? AND p.name = ?
          """,
        arguments: [artefact, name.rawValue])
    else { return nil }
    return (try row.decode(forColumn: "current_version"), try pointerMove(row))
  }

  /// Moves of `artefact`'s pointers (one pointer when `pointer` is set), oldest first.
  static func moves(_ db: Database, _ artefact: String, _ pointer: PointerName?) throws -> [PointerMove] {
    if let pointer {
      return try Row.fetchAll(
        db, sql: "SELECT * FROM pointer_move WHERE artefact = ? AND pointer = ? ORDER BY id",
        arguments: [artefact, pointer.rawValue]
      ).map(pointerMove)
    }
    return try Row.fetchAll(
      db, sql: "SELECT * FROM pointer_move WHERE artefact = ? ORDER BY id", arguments: [artefact]
    ).map(pointerMove)
  }

  static func pointerMove(_ row: Row) throws -> PointerMove {
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
  static func request(_ db: Database, _ id: Int64) throws -> PromotionRequest? {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM promotion_request WHERE id = ?", arguments: [id])
    else { return nil }
    return try request(db, row)
  }

  /// Requests selected by `sql` (a full `SELECT * FROM promotion_request …`), with their decisions.
  static func requests(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments())
    throws -> [PromotionRequest]
  {
    try Row.fetchAll(db, sql: sql, arguments: arguments).map { try request(db, $0) }
  }

  static func request(_ db: Database, _ row: Row) throws -> PromotionRequest {
    let id: Int64 = try row.decode(forColumn: "id")
    let decisions = try Row.fetchAll(
      db, sql: "SELECT * FROM request_decision WHERE request_id = ? ORDER BY id", arguments: [id]
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
        allowSelfApproval: try row.decode(Bool.self, forColumn: "rule_self_approval")),
      // A v1 database opened read-only (not migrated) has no such column.
      gateOverride: row.hasColumn("gate_override") ? try row.decode(forColumn: "gate_override") : nil)
  }

  // MARK: Audit

  /// Audit entries selected by `sql` (a full `SELECT * FROM audit_log …`).
  static func auditEntries(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments())
    throws -> [AuditEntry]
  {
    try Row.fetchAll(db, sql: sql, arguments: arguments).map(auditEntry)
  }

  static func auditEntry(_ row: Row) throws -> AuditEntry {
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
      hash: try row.decode(forColumn: "hash"))
  }

  /// The workspace's configuration in force (applied with
  /// ``RegistryCommand/applyConfiguration(policy:roles:)``), or `nil` when
  /// none was ever applied.
  /// - Throws: ``RegistryError`` `.corrupt` when the stored policy or roles cannot be read.
  /// `gates` is `nil` when the configuration was applied before gates
  /// existed (the store's own gate policy then applies).
  static func configuration(_ db: Database) throws -> (
    digest: String, policy: RiskPolicy, roles: [String: [String]], gates: GatePolicy?
  )? {
    let rows = try Row.fetchAll(
      db,
      sql:
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
  static func auditHead(_ db: Database) throws -> (sequence: Int64, hash: String)? {
    guard let row = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_head WHERE id = 1") else {
      return nil
    }
    return (try row.decode(forColumn: "sequence"), try row.decode(forColumn: "hash"))
  }

  // MARK: Helpers

  static func enumValue<E: RawRepresentable>(_ raw: String, _ what: String) throws -> E
  where E.RawValue == String {
    guard let value = E(rawValue: raw) else { throw damaged("\(what) \"\(RegistryNames.quoted(raw))\"") }
    return value
  }

  static func json<T: Decodable>(_ type: T.Type, _ text: String, _ what: String) throws -> T {
    do {
      return try JSONDecoder().decode(T.self, from: Data(text.utf8))
    } catch {
      throw damaged("\(what) \"\(RegistryNames.quoted(text))\"")
    }
  }

  static func damaged(_ what: String) -> RegistryError {
    RegistryError(
      .corrupt, "the registry database holds an unreadable \(what); it is damaged or was edited by hand")
  }
}

import Foundation
import GRDB

extension SQLiteRegistryTransaction {
  /// The most transitions one command may carry (one evaluation of a large
  /// rule set stays far below it).
  static let maximumAlertTransitions = 10_000

  /// Applies each transition whose `from` equals the stored state (see
  /// ``RegistryCommand/recordAlertTransitions(_:)``).
  func recordAlertTransitions(_ transitions: [AlertTransition]) throws -> RegistryOutcome {
    guard transitions.count <= Self.maximumAlertTransitions else {
      throw RegistryError(
        .invalidInput(field: "transitions"),
        "at most \(Self.maximumAlertTransitions) alert transitions may be recorded at once")
    }
    var applied = 0
    var skipped = 0
    for t in transitions {
      let i = t.instance
      let stored = try String.fetchOne(
        db, sql: "SELECT state FROM alert_instance WHERE fingerprint = ?", arguments: [i.fingerprint])
      guard stored == t.from?.rawValue else {
        skipped += 1
        continue
      }
      if t.to == .inactive {
        try db.execute(sql: "DELETE FROM alert_instance WHERE fingerprint = ?", arguments: [i.fingerprint])
      } else {
        let json = try SQLiteRegistryTransaction.alertJSON(i)
        try db.execute(
          sql: """
            INSERT INTO alert_instance (fingerprint, rule, state, instance, active_at, fired_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (fingerprint) DO UPDATE SET state = excluded.state, instance = excluded.instance,
              active_at = excluded.active_at, fired_at = excluded.fired_at, updated_at = excluded.updated_at
            """,
          arguments: [
            i.fingerprint, i.ruleName, i.state.rawValue, json, i.activeAt?.millisecondsSinceEpoch,
            i.firedAt?.millisecondsSinceEpoch, t.at.millisecondsSinceEpoch,
          ])
      }
      if t.from == .firing && t.to != .firing {
        try db.execute(
          sql: """
            UPDATE alert_instance SET acknowledged_by = NULL, acknowledged_at = NULL, ack_comment = NULL
            WHERE fingerprint = ?
            """, arguments: [i.fingerprint])
      }
      if t.startsFiring || t.stopsFiring {
        let labels = i.labels.mapValues { CanonicalJSON.Value.string($0) }
        try audit(
          t.startsFiring ? .alertFiring : .alertResolved, subject: "alert:\(i.fingerprint)",
          before: CanonicalJSON.object(["state": .optional(t.from?.rawValue)]),
          after: CanonicalJSON.object([
            "state": .string(t.to.rawValue), "alert": .string(i.ruleName), "labels": .object(labels),
            "value": .optional(i.value.map { "\($0)" }), "severity": .optional(i.severity),
            "active_at": .optional(i.activeAt?.rfc3339),
          ]),
          reason: t.startsFiring
            ? "\(i.displayName) firing" + (i.value.map { " at " + JudgeFormat.number($0) } ?? "")
            : "\(i.displayName) \(t.to == .resolved ? "resolved" : "stopped firing (\(t.to.rawValue))")",
          actor: SystemActor.alerting.rawValue)
      }
      applied += 1
    }
    return RegistryOutcome(
      message: "recorded \(applied) alert transition\(applied == 1 ? "" : "s")"
        + (skipped > 0 ? " (\(skipped) already recorded by another process)" : ""))
  }

  /// Acknowledges a firing instance (see ``RegistryCommand/acknowledgeAlert(fingerprint:comment:)``).
  func acknowledgeAlert(fingerprint: String, comment: String) throws -> RegistryOutcome {
    try RegistryNames.validateText(comment, field: "comment", max: 1000, required: false)
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT * FROM alert_instance WHERE fingerprint = ?", arguments: [fingerprint])
    else { throw RegistryError(.notFound, "no alert instance has fingerprint \(fingerprint)") }
    let instance = try SQLiteRegistryTransaction.alertInstance(row)
    guard instance.state == .firing else {
      throw RegistryError(
        .notApplicable,
        "\(instance.displayName) is \(instance.state.rawValue), not firing: nothing to acknowledge")
    }
    if let by = instance.acknowledgedBy {
      throw RegistryError(
        .alreadyExists,
        "\(instance.displayName) was already acknowledged by \(by) at \(instance.acknowledgedAt?.rfc3339 ?? "?")"
      )
    }
    try db.execute(
      sql:
        "UPDATE alert_instance SET acknowledged_by = ?, acknowledged_at = ?, ack_comment = ? WHERE fingerprint = ?",
      arguments: [actor.name, now.millisecondsSinceEpoch, comment, fingerprint])
    try audit(
      .alertAcknowledge, subject: "alert:\(fingerprint)", before: nil,
      after: CanonicalJSON.object([
        "alert": .string(instance.ruleName), "labels": .object(instance.labels.mapValues { .string($0) }),
        "severity": .optional(instance.severity),
      ]), reason: comment.isEmpty ? "acknowledged" : comment)
    return RegistryOutcome(message: "\(instance.displayName) acknowledged by \(actor.name)")
  }

  /// Creates a silence (see ``RegistryCommand/createSilence(matchers:startsAt:endsAt:comment:)``).
  func createSilence(matchers: [AlertLabelMatcher], startsAt: Timestamp, endsAt: Timestamp, comment: String)
    throws -> RegistryOutcome
  {
    guard !matchers.isEmpty, matchers.count <= 20 else {
      throw RegistryError(.invalidInput(field: "matchers"), "a silence needs 1 to 20 label matchers")
    }
    for m in matchers {
      guard AlertRulesLoader.isLabelName(m.name), m.value.utf8.count <= 256 else {
        throw RegistryError(
          .invalidInput(field: "matchers"),
          "bad matcher \(m): label names are [A-Za-z_][A-Za-z0-9_]*, values at most 256 bytes")
      }
      if let reason = m.regexError {
        throw RegistryError(
          .invalidInput(field: "matchers"), "bad matcher \(m): invalid regular expression: \(reason)")
      }
    }
    guard endsAt > startsAt, endsAt > now else {
      throw RegistryError(.invalidInput(field: "endsAt"), "a silence must end after it starts and after now")
    }
    try RegistryNames.validateText(comment, field: "comment", max: 1000, required: true)
    let json = try String(decoding: Self.sortedEncoder.encode(matchers), as: UTF8.self)
    try db.execute(
      sql: """
        INSERT INTO silence (matchers, starts_at, ends_at, created_by, created_at, comment)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        json, startsAt.millisecondsSinceEpoch, endsAt.millisecondsSinceEpoch, actor.name,
        now.millisecondsSinceEpoch, comment,
      ])
    let id = db.lastInsertedRowID
    try audit(
      .silenceCreate, subject: "SIL-\(id)", before: nil,
      after: CanonicalJSON.object([
        "matchers": .array(matchers.map { .string($0.description) }), "starts_at": .string(startsAt.rfc3339),
        "ends_at": .string(endsAt.rfc3339),
      ]), reason: comment)
    return RegistryOutcome(
      message:
        "SIL-\(id) silences {\(matchers.map(\.description).joined(separator: ","))} until \(endsAt.rfc3339)")
  }

  /// Ends a silence now (see ``RegistryCommand/expireSilence(id:)``).
  func expireSilence(id: Int64) throws -> RegistryOutcome {
    guard let row = try Row.fetchOne(db, sql: "SELECT * FROM silence WHERE id = ?", arguments: [id]) else {
      throw RegistryError(.notFound, "SIL-\(id) does not exist")
    }
    let silence = try Self.silence(row)
    guard silence.endsAt > now else {
      throw RegistryError(.notApplicable, "SIL-\(id) already ended at \(silence.endsAt.rfc3339)")
    }
    let end = max(now, silence.startsAt)
    try db.execute(
      sql: "UPDATE silence SET ends_at = ?, expired_by = ?, expired_at = ? WHERE id = ?",
      arguments: [end.millisecondsSinceEpoch, actor.name, now.millisecondsSinceEpoch, id])
    try audit(
      .silenceExpire, subject: "SIL-\(id)",
      before: CanonicalJSON.object(["ends_at": .string(silence.endsAt.rfc3339)]),
      after: CanonicalJSON.object(["ends_at": .string(end.rfc3339)]), reason: "expired early")
    return RegistryOutcome(message: "SIL-\(id) expired")
  }

  // MARK: Rows

  static var sortedEncoder: JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    return e
  }

  static func alertJSON(_ i: AlertInstance) throws -> String {
    var copy = i
    // JSON has no NaN or infinity; a value that is not finite is stored as none.
    if let v = copy.value, !v.isFinite { copy.value = nil }
    copy.acknowledgedBy = nil
    copy.acknowledgedAt = nil
    copy.acknowledgeComment = nil
    return String(decoding: try sortedEncoder.encode(copy), as: UTF8.self)
  }

  /// The instance of an `alert_instance` row, with the row's acknowledgement.
  /// - Throws: `.corrupt` when the JSON does not decode.
  static func alertInstance(_ row: Row) throws -> AlertInstance {
    let text: String = row["instance"]
    guard var i = try? JSONDecoder().decode(AlertInstance.self, from: Data(text.utf8)) else {
      throw RegistryError(.corrupt, "alert instance \(row["fingerprint"] as String? ?? "?") is damaged")
    }
    i.acknowledgedBy = row["acknowledged_by"]
    i.acknowledgedAt = (row["acknowledged_at"] as Int64?).map { Timestamp(millisecondsSinceEpoch: $0) }
    i.acknowledgeComment = row["ack_comment"]
    return i
  }

  /// The silence of a `silence` row.
  /// - Throws: `.corrupt` when the matchers do not decode.
  static func silence(_ row: Row) throws -> AlertSilence {
    let text: String = row["matchers"]
    let id: Int64 = row["id"]
    guard let matchers = try? JSONDecoder().decode([AlertLabelMatcher].self, from: Data(text.utf8)) else {
      throw RegistryError(.corrupt, "SIL-\(id) is damaged")
    }
    return AlertSilence(
      id: id, matchers: matchers, startsAt: Timestamp(millisecondsSinceEpoch: row["starts_at"]),
      endsAt: Timestamp(millisecondsSinceEpoch: row["ends_at"]), createdBy: row["created_by"],
      comment: row["comment"])
  }
}

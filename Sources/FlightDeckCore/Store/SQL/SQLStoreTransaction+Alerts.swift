import Foundation

extension SQLStoreTransaction {
  /// The most transitions one command may carry (``AlertChange/maximumTransitionsPerCommand``).
  static let maximumAlertTransitions = AlertChange.maximumTransitionsPerCommand

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
      let stored = try session.queryOne(
        "SELECT state FROM alert_instance WHERE fingerprint = ?", binding: [i.fingerprint]
      )?.decode(String.self, forColumn: "state")
      guard stored == t.from?.rawValue else {
        skipped += 1
        continue
      }
      if t.to == .inactive {
        try session.execute("DELETE FROM alert_instance WHERE fingerprint = ?", binding: [i.fingerprint])
      } else {
        let json = try SQLStoreTransaction.alertJSON(i)
        try session.execute(
          """
          INSERT INTO alert_instance (fingerprint, rule, state, instance, active_at, fired_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (fingerprint) DO UPDATE SET state = excluded.state, instance = excluded.instance,
            active_at = excluded.active_at, fired_at = excluded.fired_at, updated_at = excluded.updated_at
          """,
          binding: [
            i.fingerprint, i.ruleName, i.state.rawValue, json, i.activeAt?.millisecondsSinceEpoch,
            i.firedAt?.millisecondsSinceEpoch, t.at.millisecondsSinceEpoch,
          ])
      }
      if t.from == .firing && t.to != .firing {
        try session.execute(
          """
          UPDATE alert_instance SET acknowledged_by = NULL, acknowledged_at = NULL, ack_comment = NULL
          WHERE fingerprint = ?
          """, binding: [i.fingerprint])
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
        var alertLabels = i.labels
        alertLabels["alertname"] = alertLabels["alertname"] ?? i.ruleName
        try enqueueNotification(
          t.startsFiring ? .alertFiring : .alertResolved, summary: lastAuditEntry?.reason ?? i.displayName,
          labels: alertLabels, annotations: i.annotations, fingerprint: i.fingerprint,
          startsAt: i.firedAt ?? i.activeAt ?? t.at)
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
      let row = try session.queryOne(
        "SELECT * FROM alert_instance WHERE fingerprint = ?", binding: [fingerprint])
    else { throw RegistryError(.notFound, "no alert instance has fingerprint \(fingerprint)") }
    let instance = try SQLStoreTransaction.alertInstance(row)
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
    try session.execute(
      "UPDATE alert_instance SET acknowledged_by = ?, acknowledged_at = ?, ack_comment = ? WHERE fingerprint = ?",
      binding: [actor.name, now.millisecondsSinceEpoch, comment, fingerprint])
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
          "bad matcher \(RegistryNames.excerpt(m.description)): label names are [A-Za-z_][A-Za-z0-9_]*, values at most 256 bytes"
        )
      }
      if let reason = m.regexError {
        throw RegistryError(
          .invalidInput(field: "matchers"),
          "bad matcher \(RegistryNames.excerpt(m.description)): invalid regular expression: \(reason)")
      }
    }
    guard endsAt > startsAt, endsAt > now else {
      throw RegistryError(.invalidInput(field: "endsAt"), "a silence must end after it starts and after now")
    }
    try RegistryNames.validateText(comment, field: "comment", max: 1000, required: true)
    let json = try String(decoding: Self.sortedEncoder.encode(matchers), as: UTF8.self)
    let id = try session.insertReturningID(
      """
      INSERT INTO silence (matchers, starts_at, ends_at, created_by, created_at, comment)
      VALUES (?, ?, ?, ?, ?, ?)
      """,
      binding: [
        json, startsAt.millisecondsSinceEpoch, endsAt.millisecondsSinceEpoch, actor.name,
        now.millisecondsSinceEpoch, comment,
      ])
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
    guard let row = try session.queryOne("SELECT * FROM silence WHERE id = ?", binding: [id]) else {
      throw RegistryError(.notFound, "SIL-\(id) does not exist")
    }
    let silence = try Self.silence(row)
    guard silence.endsAt > now else {
      throw RegistryError(.notApplicable, "SIL-\(id) already ended at \(silence.endsAt.rfc3339)")
    }
    let end = max(now, silence.startsAt)
    try session.execute(
      "UPDATE silence SET ends_at = ?, expired_by = ?, expired_at = ? WHERE id = ?",
      binding: [end.millisecondsSinceEpoch, actor.name, now.millisecondsSinceEpoch, id])
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

  /// The stored JSON of `i` (sorted keys; a value that is not finite as none; without the acknowledgement, kept in its own columns).
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
  static func alertInstance(_ row: SQLRow) throws -> AlertInstance {
    let text: String = try row.decode(forColumn: "instance")
    guard var i = try? JSONDecoder().decode(AlertInstance.self, from: Data(text.utf8)) else {
      let fingerprint = (try? row.decode(String.self, forColumn: "fingerprint")) ?? "?"
      throw RegistryError(.corrupt, "alert instance \(fingerprint) is damaged")
    }
    i.acknowledgedBy = try row.decode(forColumn: "acknowledged_by")
    i.acknowledgedAt = try row.decode(Int64?.self, forColumn: "acknowledged_at").map {
      Timestamp(millisecondsSinceEpoch: $0)
    }
    i.acknowledgeComment = try row.decode(forColumn: "ack_comment")
    return i
  }

  /// The silence of a `silence` row.
  /// - Throws: `.corrupt` when the matchers do not decode.
  static func silence(_ row: SQLRow) throws -> AlertSilence {
    let text: String = try row.decode(forColumn: "matchers")
    let id: Int64 = try row.decode(forColumn: "id")
    guard let matchers = try? JSONDecoder().decode([AlertLabelMatcher].self, from: Data(text.utf8)) else {
      throw RegistryError(.corrupt, "SIL-\(id) is damaged")
    }
    return AlertSilence(
      id: id, matchers: matchers,
      startsAt: Timestamp(millisecondsSinceEpoch: try row.decode(forColumn: "starts_at")),
      endsAt: Timestamp(millisecondsSinceEpoch: try row.decode(forColumn: "ends_at")),
      createdBy: try row.decode(forColumn: "created_by"), comment: try row.decode(forColumn: "comment"))
  }
}

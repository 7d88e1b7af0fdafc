extension SQLStoreTransaction {
  /// Writes a notification event for the change this command just audited
  /// into the outbox, in this transaction: it commits with the change or not
  /// at all. Keyed by the last audit entry (``lastAuditEntry``): its hash is
  /// the event's idempotency key, its sequence and actor are the event's.
  /// - Parameters:
  ///   - kind: What happened.
  ///   - summary: One line for the receiver.
  ///   - labels: The labels routes match on (``NotificationEvent/labels``).
  ///   - annotations: More text.
  ///   - fingerprint: The alert's fingerprint (PagerDuty's `dedup_key`).
  ///   - startsAt: When the alert started firing.
  /// - Throws: `.storage` when nothing was audited before (a programming
  ///   error); a storage failure.
  func enqueueNotification(
    _ kind: NotificationEventKind, summary: String, labels: [String: String] = [:],
    annotations: [String: String] = [:], fingerprint: String? = nil, startsAt: Timestamp? = nil
  ) throws {
    guard let entry = lastAuditEntry else {
      throw RegistryError(.storage, "a notification was enqueued before its change was audited")
    }
    let event = NotificationEvent(
      key: entry.hash, auditSequence: entry.sequence, kind: kind, subject: entry.subject, at: entry.at,
      actor: entry.actor, summary: summary, labels: labels, annotations: annotations,
      fingerprint: fingerprint,
      startsAt: startsAt)
    try SQLStoreOutbox.insert(session, event, dueAt: now)
  }
}

extension SQLStoreTransaction {
  /// Enqueues `kind` for `incident` (just audited): labels `incident`,
  /// `severity`, `state`, `artefact` (its first linked artefact) and
  /// `source`; the fingerprint of its first linked alert, if any.
  func enqueueIncidentNotification(_ kind: NotificationEventKind, _ incident: Incident, summary: String)
    throws
  {
    var labels = [
      "incident": incident.displayID, "severity": incident.severity.rawValue,
      "state": incident.state.rawValue,
      "source": incident.source.rawValue,
    ]
    if let artefact = incident.links.allArtefacts.first { labels["artefact"] = artefact }
    let alert = incident.links.alerts.first
    if let alert { labels["alertname"] = alert.rule }
    try enqueueNotification(
      kind, summary: summary, labels: labels, annotations: ["title": incident.title],
      fingerprint: alert?.fingerprint, startsAt: incident.openedAt)
  }

  /// Enqueues `promotion.decided` for `request` (just audited as `state`).
  func enqueueDecision(_ request: PromotionRequest, state: RequestState, comment: String) throws {
    try enqueueNotification(
      .promotionDecided,
      summary:
        "\(request.displayID): \(request.artefact) \(request.version) to \(request.target.rawValue) \(state.rawValue) by \(actor.name)"
        + (comment.isEmpty ? "" : ": \(comment)"),
      labels: [
        "artefact": request.artefact, "version": request.version, "target": request.target.rawValue,
        "request": request.displayID, "state": state.rawValue,
      ],
      annotations: comment.isEmpty ? [:] : ["comment": comment])
  }
}

/// One change worth telling someone about, as the outbox stores it: written
/// in the same transaction as the change (so it exists if and only if the
/// change committed) and delivered later by ``NotificationSender``.
///
/// ``key`` is the idempotency key: the hash of the audit entry the change
/// appended (``AuditEntry/hash``), so it is stable across retries, restarts
/// and controllers, and names the change in the audit log. Every string here
/// came from the store (names, labels, annotations, reasons typed by people
/// or taken from telemetry); each payload format escapes it for itself.
public struct NotificationEvent: Sendable, Hashable, Codable {
  /// The idempotency key (the audit entry's hash, 64 lower-case hex digits).
  public var key: String
  /// The audit entry's sequence.
  public var auditSequence: Int64
  /// What happened.
  public var kind: NotificationEventKind
  /// What it happened to: `alert:<fingerprint>`, `INC-3`, `REQ-7`,
  /// `support-bot:RO-2`, `support-bot@v13`.
  public var subject: String
  /// When it happened (the transaction's now).
  public var at: Timestamp
  /// Who did it (a person, or one of FlightDeck's `system:` actors).
  public var actor: String
  /// One line saying what happened (the audit entry's reason or a title).
  public var summary: String
  /// The labels routes match on: always `kind` (the event kind's raw value,
  /// but `alert` for both alert kinds, so an alert's firing and its
  /// resolution route and group alike); then what the change has —
  /// `artefact`, `severity`, `alertname`, `incident`, `request`, `rollout`,
  /// `version`, `target`, `state`, and an alert's own labels.
  public var labels: [String: String]
  /// More text for the receiver (an alert's annotations, a rejection's comment).
  public var annotations: [String: String]
  /// The alert's fingerprint: an alert's own; an incident's first linked
  /// alert's (PagerDuty's `dedup_key`, so the incident's acknowledge and
  /// resolve reach the alert's page). `nil` when there is none.
  public var fingerprint: String?
  /// When the alert started firing (alerts only).
  public var startsAt: Timestamp?

  /// Creates an event.
  public init(
    key: String, auditSequence: Int64, kind: NotificationEventKind, subject: String, at: Timestamp,
    actor: String, summary: String, labels: [String: String] = [:], annotations: [String: String] = [:],
    fingerprint: String? = nil, startsAt: Timestamp? = nil
  ) {
    self.key = key
    self.auditSequence = auditSequence
    self.kind = kind
    self.subject = subject
    self.at = at
    self.actor = actor
    self.summary = summary
    var labels = labels
    labels["kind"] = kind.isAlert ? "alert" : kind.rawValue
    self.labels = labels
    self.annotations = annotations
    self.fingerprint = fingerprint
    self.startsAt = startsAt
  }

  /// The alert this event reports, for the dispatcher (alert kinds only;
  /// `nil` for others or without a fingerprint). Its labels are the event's
  /// labels (`kind="alert"` among them, so routes see what
  /// ``NotificationSender`` routes by); a resolved alert's `resolvedAt` is the event's time.
  public var notifiedAlert: NotifiedAlert? {
    guard kind.isAlert, let fingerprint else { return nil }
    return NotifiedAlert(
      fingerprint: fingerprint, labels: labels, annotations: annotations,
      startsAt: startsAt ?? at, resolvedAt: kind == .alertResolved ? at : nil)
  }
}

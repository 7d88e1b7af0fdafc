/// What happened, for a notification: one kind per change the outbox
/// records (see ``NotificationEvent``). The raw value is the `kind` label
/// routes match on and the `event` field of the webhook payload.
public enum NotificationEventKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// An alert instance started firing.
  case alertFiring = "alert.firing"
  /// A firing alert instance resolved (or stopped firing).
  case alertResolved = "alert.resolved"
  /// An incident was opened (by hand or from an alert).
  case incidentOpened = "incident.opened"
  /// An incident was acknowledged.
  case incidentAcknowledged = "incident.acknowledged"
  /// An incident was resolved.
  case incidentResolved = "incident.resolved"
  /// A promotion was requested (the approvers are asked).
  case promotionRequested = "promotion.requested"
  /// A promotion request was decided: applied or rejected.
  case promotionDecided = "promotion.decided"
  /// A rollout was aborted (by a human or by its analysis).
  case rolloutAborted = "rollout.aborted"
  /// A rollout was promoted (every step passed, or a human promoted it in full).
  case rolloutPromoted = "rollout.promoted"
  /// An evaluation-gate check failed on a version.
  case gateFailed = "gate.failed"

  /// Whether events of this kind are alerts, grouped by the dispatcher
  /// (``NotificationDispatcher``) rather than sent one by one.
  public var isAlert: Bool { self == .alertFiring || self == .alertResolved }
}

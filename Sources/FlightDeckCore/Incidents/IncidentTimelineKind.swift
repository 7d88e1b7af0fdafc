/// What a timeline entry is, for icons, colours and filters.
public enum IncidentTimelineKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// An alert started firing.
  case alertFiring = "alert.firing"
  /// An alert resolved.
  case alertResolved = "alert.resolved"
  /// An alert was acknowledged.
  case alertAcknowledged = "alert.acknowledge"
  /// A silence was created or expired.
  case silence
  /// A rollout started.
  case rolloutStart = "rollout.start"
  /// A rollout stepped, was measured (the judge's verdict), paused, resumed or retried.
  case rollout
  /// A rollout was aborted.
  case rolloutAbort = "rollout.abort"
  /// A rollout was promoted by a human.
  case rolloutPromote = "rollout.promote"
  /// A promotion was requested, approved, rejected, cancelled or expired.
  case request
  /// A pointer moved (promotion, assignment).
  case pointerMove = "pointer.move"
  /// Production was rolled back.
  case rollback
  /// A canary traffic weight changed.
  case canaryWeight = "canary.weight"
  /// A configuration was applied.
  case config
  /// Evaluation gates were recorded.
  case gate
  /// The incident was opened.
  case opened
  /// A linked alert fired again while the incident was open, and joined it.
  case firedAgain = "fired-again"
  /// The incident was acknowledged.
  case acknowledged
  /// The commander changed.
  case assigned
  /// A note was added.
  case note
  /// The severity changed.
  case severity
  /// The incident was mitigated.
  case mitigated
  /// The incident was resolved.
  case resolved
  /// A retrospective was written.
  case retro
}

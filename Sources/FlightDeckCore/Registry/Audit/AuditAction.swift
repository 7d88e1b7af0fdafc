/// What an audit entry records; the raw value is what the log and exports show.
public enum AuditAction: String, Sendable, Hashable, Codable, CaseIterable {
  /// The workspace was created.
  case workspaceInit = "workspace.init"
  /// An artefact was registered.
  case artefactRegister = "artefact.register"
  /// A version was registered.
  case versionRegister = "version.register"
  /// A promotion request was made.
  case requestCreate = "request.create"
  /// A request was approved (one approver).
  case requestApprove = "request.approve"
  /// A request was rejected.
  case requestReject = "request.reject"
  /// A request was withdrawn by its requester.
  case requestCancel = "request.cancel"
  /// A request expired undecided.
  case requestExpire = "request.expire"
  /// A pointer moved (promotion, assignment, import).
  case pointerMove = "pointer.move"
  /// Production was rolled back.
  case rollback = "rollback"
  /// A canary traffic weight changed.
  case canaryWeight = "canary.weight"
  /// A configuration (risk policy, roles) was applied.
  case configApply = "config.apply"
  /// Evaluation-gate results were recorded on a version (`flightdeck gate check`).
  case gateCheck = "gate.check"
  /// An import from another registry (one entry per import that changed something).
  case `import` = "import"
  /// A rollout was started (`flightdeck rollout start`).
  case rolloutStart = "rollout.start"
  /// A rollout advanced on a clock tick (only ticks that changed something are recorded).
  case rolloutTick = "rollout.tick"
  /// An analysis measurement was fed to a rollout.
  case rolloutMeasurement = "rollout.measurement"
  /// A human promoted a rollout (next step, or in full).
  case rolloutPromote = "rollout.promote"
  /// A human aborted a rollout.
  case rolloutAbort = "rollout.abort"
  /// A human paused a rollout.
  case rolloutPause = "rollout.pause"
  /// A human resumed a paused rollout.
  case rolloutResume = "rollout.resume"
  /// A human retried an aborted rollout or an inconclusive analysis.
  case rolloutRetry = "rollout.retry"
  /// An alert rule's instance started firing (written by the process that evaluated it).
  case alertFiring = "alert.firing"
  /// A firing alert resolved (its condition was false for longer than `keep_firing_for`).
  case alertResolved = "alert.resolved"
  /// A human acknowledged a firing alert.
  case alertAcknowledge = "alert.acknowledge"
  /// A silence was created (label matchers, until a time, with a comment).
  case silenceCreate = "silence.create"
  /// A silence was expired early by a human.
  case silenceExpire = "silence.expire"
  /// An incident was opened (by hand, or automatically from a firing alert).
  case incidentOpen = "incident.open"
  /// An alert linked to an open incident fired again and joined it (no new incident).
  case incidentAlert = "incident.alert"
  /// An incident was acknowledged.
  case incidentAcknowledge = "incident.acknowledge"
  /// An incident's commander (assignee) changed.
  case incidentAssign = "incident.assign"
  /// A note was added to an incident's timeline.
  case incidentNote = "incident.note"
  /// An incident's severity changed.
  case incidentSeverity = "incident.severity"
  /// An incident was mitigated.
  case incidentMitigate = "incident.mitigate"
  /// An incident was resolved.
  case incidentResolve = "incident.resolve"
  /// A retrospective (postmortem) was written for an incident.
  case incidentRetro = "incident.retro"
  /// An artefact's routing was published to its targets (the digest of each file written).
  case routingPublish = "routing.publish"
  /// A routing target was found changed outside FlightDeck.
  case routingDrift = "routing.drift"
}

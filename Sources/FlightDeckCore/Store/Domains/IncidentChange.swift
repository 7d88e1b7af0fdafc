/// One change to incidents and their retrospectives: a transaction of ``IncidentStore``.
///
/// Each is one transaction that appends its audit entries; a refusal
/// changes nothing. The `expected…` fields carry what the caller last saw:
/// when set, the store refuses with `.changedSinceYouLooked` if the state
/// differs, so two operators acting on the same screen never overwrite each other.
public enum IncidentChange: Sendable, Hashable {
  /// Opens an incident (state `triggered`, audited as `incident.open`, subject
  /// `INC-<id>`). Linked artefacts, versions and rollouts must exist.
  /// Idempotent for alert firings: when an incident already links one of
  /// `links.alerts`' firings (same fingerprint and firing start), nothing is
  /// written and the outcome carries that incident. Refused with
  /// `.invalidInput` for an empty title, or `source` `.alert` without alert
  /// links; `.notFound` for an unknown link.
  case openIncident(
    title: String, severity: IncidentSeverity, commander: String?, links: IncidentLinks,
    source: IncidentSource)
  /// Acknowledges a triggered incident (`incident.acknowledge`). Refused
  /// with `.notFound` for an unknown incident, `.notApplicable` when it is
  /// already acknowledged, mitigated or resolved.
  case acknowledgeIncident(id: Int64)
  /// Makes `commander` the incident commander (`incident.assign`); no-op
  /// when already so. Refused with `.notApplicable` once resolved.
  case assignIncident(id: Int64, commander: String)
  /// Adds a note to the timeline (`incident.note`), in any state.
  case addIncidentNote(id: Int64, text: String)
  /// Changes the severity (`incident.severity`); no-op when equal. Refused
  /// with `.notApplicable` once resolved.
  case setIncidentSeverity(id: Int64, severity: IncidentSeverity)
  /// Marks the impact stopped (`incident.mitigate`, `note` as the reason);
  /// stamps the acknowledgement too when skipped. Refused with
  /// `.notApplicable` when already mitigated or resolved.
  case mitigateIncident(id: Int64, note: String)
  /// Resolves the incident (`incident.resolve`); stamps skipped stages.
  /// Refused with `.notApplicable` when already resolved.
  case resolveIncident(id: Int64, note: String)
  /// Records that a retrospective was written to `path` with SHA-256 hex
  /// `digest` (`incident.retro`), in any state; the last one is kept.
  case recordRetro(incident: Int64, path: String, digest: String)
}

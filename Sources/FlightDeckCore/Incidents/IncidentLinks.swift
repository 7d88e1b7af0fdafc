/// What an incident is linked to: alerts, artefacts, versions and rollouts.
/// The timeline, the retrospective and the KPIs find the incident's audit
/// entries, telemetry and recurrences through these.
public struct IncidentLinks: Sendable, Hashable, Codable {
  /// Firing alerts.
  public var alerts: [IncidentAlertLink]
  /// Artefact names.
  public var artefacts: [String]
  /// Versions (artefact + label).
  public var versions: [IncidentVersionLink]
  /// Rollout ids (the `n` of `RO-n`).
  public var rollouts: [Int64]

  /// Creates links (all empty by default).
  public init(
    alerts: [IncidentAlertLink] = [], artefacts: [String] = [], versions: [IncidentVersionLink] = [],
    rollouts: [Int64] = []
  ) {
    self.alerts = alerts
    self.artefacts = artefacts
    self.versions = versions
    self.rollouts = rollouts
  }

  /// Every artefact the incident concerns: the linked artefacts, the
  /// versions' artefacts and the alerts' `artefact` labels, sorted, unique.
  public var allArtefacts: [String] {
    Set(artefacts + versions.map(\.artefact) + alerts.compactMap { $0.labels["artefact"] }).sorted()
  }

  /// The idempotency key of an alert-opened incident: the earliest-firing
  /// alert's ``IncidentAlertLink/key`` (`nil` without alerts).
  public var alertKey: String? {
    alerts.min { ($0.firingSince, $0.key) < ($1.firingSince, $1.key) }?.key
  }
}

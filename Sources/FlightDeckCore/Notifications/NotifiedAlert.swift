/// An alert as the notification dispatcher sees it: its identity, labels
/// and annotations, and whether it fires or was resolved, with the times
/// Alertmanager's alert carries (`startsAt`, `endsAt`).
public struct NotifiedAlert: Sendable, Hashable, Codable {
  /// The alert's fingerprint (``AlertInstance/fingerprint``): the same alert
  /// keeps it across firings, so notifications dedupe on it.
  public var fingerprint: String
  /// The alert's labels (rule name as `alertname`, severity, artefact, …).
  public var labels: [String: String]
  /// The alert's annotations (summary, description, runbook URL).
  public var annotations: [String: String]
  /// When it started firing.
  public var startsAt: Timestamp
  /// When it was resolved (`nil`: it fires).
  public var resolvedAt: Timestamp?

  /// Creates an alert.
  public init(
    fingerprint: String, labels: [String: String], annotations: [String: String] = [:], startsAt: Timestamp,
    resolvedAt: Timestamp? = nil
  ) {
    self.fingerprint = fingerprint
    self.labels = labels
    self.annotations = annotations
    self.startsAt = startsAt
    self.resolvedAt = resolvedAt
  }

  /// Whether the alert fires (not resolved).
  public var isFiring: Bool { resolvedAt == nil }
}

/// A firing alert an incident is about: the rule, the instance's label
/// fingerprint and labels, and when that firing started (ms, engine clock).
public struct IncidentAlertLink: Sendable, Hashable, Codable {
  /// The alert rule's name (`alert:` in the rules file).
  public var rule: String
  /// The alert instance's fingerprint (stable hash of its label set).
  public var fingerprint: String
  /// The alert instance's labels (`artefact`, `route`, `severity`, …).
  public var labels: [String: String]
  /// When the instance started firing.
  public var firingSince: Timestamp

  /// Creates a link.
  public init(rule: String, fingerprint: String, labels: [String: String], firingSince: Timestamp) {
    self.rule = rule
    self.fingerprint = fingerprint
    self.labels = labels
    self.firingSince = firingSince
  }

  /// `fingerprint@firingSince-ms`: one firing of one alert instance; an
  /// alert-opened incident is unique by it.
  public var key: String { "\(fingerprint)@\(firingSince.millisecondsSinceEpoch)" }
}

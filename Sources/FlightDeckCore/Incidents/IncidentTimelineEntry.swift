/// One line of an incident's timeline.
public struct IncidentTimelineEntry: Sendable, Hashable, Codable {
  /// When (ms since the Unix epoch, engine clock).
  public var at: Timestamp
  /// What kind of event.
  public var kind: IncidentTimelineKind
  /// Who (operator name, or a ``SystemActor`` name such as `system:alerting`).
  public var actor: String
  /// One line, e.g. `support-bot RO-3 measurement fail: …`.
  public var text: String
  /// The audit entry it comes from (its sequence number).
  public var sequence: Int64

  /// Creates an entry.
  public init(at: Timestamp, kind: IncidentTimelineKind, actor: String, text: String, sequence: Int64) {
    self.at = at
    self.kind = kind
    self.actor = actor
    self.text = text
    self.sequence = sequence
  }
}

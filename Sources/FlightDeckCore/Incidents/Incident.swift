/// One incident as the registry stores it: `INC-<id>`, its severity and
/// state, who commands it, when each stage was reached (ms, engine clock) and
/// what it is linked to.
///
/// Stages may be skipped (see ``IncidentState``): resolving an unmitigated
/// incident records `mitigatedAt` = `resolvedAt` (the impact stopped by then
/// at the latest), so a resolved incident has TTM ≤ TTR; a skipped
/// acknowledgement stays empty — nobody acknowledged it — so MTTA counts
/// only incidents that were acknowledged (PagerDuty's definition).
public struct Incident: Sendable, Hashable, Codable, Identifiable {
  /// The number in `INC-<id>` (1, 2, 3…).
  public var id: Int64
  /// One line: what is wrong.
  public var title: String
  /// SEV1 (worst) … SEV4.
  public var severity: IncidentSeverity
  /// Where in its life it is.
  public var state: IncidentState
  /// The incident commander (assignee), if any.
  public var commander: String?
  /// Opened by hand or from an alert.
  public var source: IncidentSource
  /// When it was opened.
  public var openedAt: Timestamp
  /// Who opened it (`system:alerting` for alert-opened incidents).
  public var openedBy: String
  /// When it was acknowledged (or a later stage reached first).
  public var acknowledgedAt: Timestamp?
  /// Who acknowledged it.
  public var acknowledgedBy: String?
  /// When it was mitigated (or resolved without a separate mitigation).
  public var mitigatedAt: Timestamp?
  /// When it was resolved.
  public var resolvedAt: Timestamp?
  /// What it is linked to.
  public var links: IncidentLinks
  /// Where the last retrospective was written (`nil`: none yet).
  public var retroPath: String?
  /// SHA-256 (hex) of the last retrospective's Markdown.
  public var retroDigest: String?

  /// Creates an incident value.
  public init(
    id: Int64, title: String, severity: IncidentSeverity, state: IncidentState, commander: String?,
    source: IncidentSource, openedAt: Timestamp, openedBy: String, acknowledgedAt: Timestamp? = nil,
    acknowledgedBy: String? = nil, mitigatedAt: Timestamp? = nil, resolvedAt: Timestamp? = nil,
    links: IncidentLinks = IncidentLinks(), retroPath: String? = nil, retroDigest: String? = nil
  ) {
    self.id = id
    self.title = title
    self.severity = severity
    self.state = state
    self.commander = commander
    self.source = source
    self.openedAt = openedAt
    self.openedBy = openedBy
    self.acknowledgedAt = acknowledgedAt
    self.acknowledgedBy = acknowledgedBy
    self.mitigatedAt = mitigatedAt
    self.resolvedAt = resolvedAt
    self.links = links
    self.retroPath = retroPath
    self.retroDigest = retroDigest
  }

  /// `INC-<id>`.
  public var displayID: String { "INC-\(id)" }

  /// Parses `INC-7`, `inc-7` or `7`: strict digits after the prefix
  /// (``OptionBounds/parseIdentifier(_:prefix:)``), so `INC-+7` is refused.
  /// - Returns: `nil` for anything else (or a number below 1).
  public static func parseID(_ text: String) -> Int64? { OptionBounds.parseIdentifier(text, prefix: "INC") }

  /// When the first linked alert started firing (`nil` without alerts).
  public var firstAlertAt: Timestamp? { links.alerts.map(\.firingSince).min() }

  /// Detection time in ms: first linked alert firing → opened (`nil` without alerts).
  public var timeToDetectMs: Int64? { firstAlertAt.map { openedAt.milliseconds(since: $0) } }
  /// Time to acknowledge in ms: opened → acknowledged.
  public var timeToAcknowledgeMs: Int64? { acknowledgedAt.map { $0.milliseconds(since: openedAt) } }
  /// Time to mitigate in ms: opened → mitigated.
  public var timeToMitigateMs: Int64? { mitigatedAt.map { $0.milliseconds(since: openedAt) } }
  /// Time to resolve in ms: opened → resolved.
  public var timeToResolveMs: Int64? { resolvedAt.map { $0.milliseconds(since: openedAt) } }

  /// How long it has lasted (ms): opened → resolved, or → `now` while open.
  public func durationMs(now: Timestamp) -> Int64 { (resolvedAt ?? now).milliseconds(since: openedAt) }
}

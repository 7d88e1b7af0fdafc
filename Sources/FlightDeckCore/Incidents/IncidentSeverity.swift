/// How bad an incident is: `SEV1` (most severe: a full outage or data loss)
/// to `SEV4` (minor, no user-visible impact), the scale PagerDuty and
/// incident.io use. Ordered so that `SEV1 < SEV2` (more severe sorts first).
public enum IncidentSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// Critical: full outage, data loss or security breach.
  case sev1 = "SEV1"
  /// Major: a core function degraded for many users.
  case sev2 = "SEV2"
  /// Minor: partial degradation, a workaround exists.
  case sev3 = "SEV3"
  /// Low: no user-visible impact yet.
  case sev4 = "SEV4"

  /// 1 for `SEV1` … 4 for `SEV4`.
  public var level: Int {
    switch self {
    case .sev1: 1
    case .sev2: 2
    case .sev3: 3
    case .sev4: 4
    }
  }

  /// More severe first: `SEV1 < SEV4`.
  public static func < (lhs: IncidentSeverity, rhs: IncidentSeverity) -> Bool { lhs.level < rhs.level }

  /// Parses `SEV2`, `sev2` or `2`.
  /// - Returns: `nil` for anything else.
  public static func parse(_ text: String) -> IncidentSeverity? {
    let t = text.uppercased()
    return IncidentSeverity(rawValue: t) ?? IncidentSeverity(rawValue: "SEV" + t)
  }
}

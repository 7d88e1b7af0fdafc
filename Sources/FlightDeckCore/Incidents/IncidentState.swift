/// Where an incident is in its life: `triggered → acknowledged → mitigated →
/// resolved` (PagerDuty's triggered/acknowledged/resolved with incident.io's
/// mitigated stage between). An incident only moves forward and may skip
/// stages (triggered → resolved); there is no reopening: a recurrence is a
/// new incident, linked to the same artefacts, and shows up as recurrence in
/// the retrospective and the KPIs.
public enum IncidentState: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// Opened; nobody has responded yet.
  case triggered
  /// Someone responded and owns it.
  case acknowledged
  /// The impact is stopped (rolled back, traffic shifted); the cause may remain.
  case mitigated
  /// Over. Only notes and a retrospective may follow.
  case resolved

  /// 0 … 3 in life order.
  public var rank: Int {
    switch self {
    case .triggered: 0
    case .acknowledged: 1
    case .mitigated: 2
    case .resolved: 3
    }
  }

  /// Whether the incident is still open (not resolved).
  public var isOpen: Bool { self != .resolved }

  /// Earlier in life first.
  public static func < (lhs: IncidentState, rhs: IncidentState) -> Bool { lhs.rank < rhs.rank }
}

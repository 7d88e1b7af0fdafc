import FlightDeckCore

extension AppRows {
  /// The labels the Alerts pane groups by: severity, then artefact
  /// (Alertmanager's `group_by`, applied with ``AlertGrouping``).
  public static let alertGroupLabels = ["severity", "artefact"]

  /// The alert instances the Alerts pane lists, top to bottom: every
  /// instance that is not `inactive` and whose `artefact` label passes
  /// `filter` (instances without one always pass), grouped by
  /// ``alertGroupLabels`` with ``AlertGrouping/group(_:by:)`` (groups with
  /// a firing alert first, then by severity and artefact; firing before
  /// pending, no data and resolved within a group).
  public static func alerts(_ snapshot: DashboardSnapshot, filter: String) -> [AlertInstance] {
    let shown = snapshot.alerts.filter { a in
      a.state != .inactive && (a.labels["artefact"].map { matches($0, filter: filter) } ?? true)
    }
    return AlertGrouping.group(shown, by: alertGroupLabels).flatMap(\.instances)
  }

  /// How many firing instances `filter` keeps out of ``alerts(_:filter:)``
  /// (0 without a filter): the Alerts pane says so, so a filter never hides
  /// a firing alert silently.
  public static func hiddenFiringAlerts(_ snapshot: DashboardSnapshot, filter: String) -> Int {
    guard !filter.isEmpty else { return 0 }
    return snapshot.alerts.filter { a in
      a.state == .firing && !(a.labels["artefact"].map { matches($0, filter: filter) } ?? true)
    }.count
  }

  /// The incident queue in the Incidents pane's order: open incidents
  /// first, by severity (SEV1 first), then by age (the oldest first, it
  /// has waited longest), then by number; then resolved incidents, the most
  /// recently resolved first (PagerDuty's and incident.io's queues order
  /// open incidents by urgency, closed ones by recency).
  public static func incidents(_ incidents: [Incident]) -> [Incident] {
    let open = incidents.filter { $0.state.isOpen }.sorted {
      ($0.severity.level, $0.openedAt, $0.id) < ($1.severity.level, $1.openedAt, $1.id)
    }
    let closed = incidents.filter { !$0.state.isOpen }.sorted {
      let a = $0.resolvedAt ?? $0.openedAt
      let b = $1.resolvedAt ?? $1.openedAt
      return a != b ? a > b : $0.id > $1.id
    }
    return open + closed
  }
}

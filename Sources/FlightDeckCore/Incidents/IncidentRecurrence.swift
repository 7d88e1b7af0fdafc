/// Recurrence: other incidents on the same artefact or alert rule shortly
/// before an incident (the "has this happened before?" of a postmortem).
public enum IncidentRecurrence {
  /// The default look-back: 30 days (ms).
  public static let defaultLookbackMs: Int64 = 30 * 86_400_000

  /// The incidents among `others` (not `incident` itself) opened in the
  /// `lookbackMs` before `incident` opened (`[opened − lookback, opened)`)
  /// that share an artefact (``IncidentLinks/allArtefacts``) or an alert
  /// rule name with it, oldest first.
  public static func previous(
    of incident: Incident, among others: [Incident], lookbackMs: Int64 = defaultLookbackMs
  ) -> [Incident] {
    let artefacts = Set(incident.links.allArtefacts)
    let rules = Set(incident.links.alerts.map(\.rule))
    let since = incident.openedAt.adding(milliseconds: -lookbackMs)
    return others.filter { o in
      o.id != incident.id && o.openedAt >= since && o.openedAt < incident.openedAt
        && (!artefacts.isDisjoint(with: o.links.allArtefacts)
          || !rules.isDisjoint(with: o.links.alerts.map(\.rule)))
    }.sorted { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
  }
}

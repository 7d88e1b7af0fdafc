/// The identity of a snapshot's layout: which artefacts it lists, in which
/// order, of which kind, and which (version, route) legs each has, in which
/// order — everything of ``DashboardSnapshot/artefacts`` but the figures.
///
/// ``IncrementalSnapshotBuilder`` gives each snapshot it builds a layout and
/// keeps the same instance while the layout stays the same, so two snapshots
/// whose ``DashboardSnapshot/layout`` is the same instance (`===`) differ in
/// their figures (``VersionSummary/stats``, ``VersionSummary/trafficShare``,
/// ``ArtefactSummary/total``) at most: a view derived from the layout alone
/// (the Registry pane's rows, their order and column widths) holds for both,
/// and only the figures of what is on screen need reading again. A new
/// instance says nothing either way. Compared by identity only; carries no data.
public final class SnapshotLayout: Sendable {
  /// Creates a new layout identity, distinct from every other.
  public init() {}
}

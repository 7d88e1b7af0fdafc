/// Everything the dashboard shows, frozen at one instant.
///
/// The engine builds a snapshot; the TUI draws only from snapshots, never from
/// the engine's live state. Snapshots are immutable values and `Sendable`, so
/// they can cross from the engine's thread to the drawing thread.
public struct DashboardSnapshot: Sendable {
  /// The instant the snapshot describes.
  public var now: Timestamp
  /// Length of the metrics window the figures cover, in milliseconds.
  public var windowMs: Int64
  /// Ingestion health: sources, rates, malformed lines.
  public var ingest: IngestSummary
  /// Artefacts seen in telemetry, sorted by name, each with its versions.
  public var artefacts: [ArtefactSummary]
  /// One entry per artefact with more than one version live in the window.
  public var canaries: [CanaryComparison]
  /// Per artefact (keyed by name): p95 latency and cost-rate series.
  public var charts: [String: ArtefactCharts]
  /// Per canary artefact (the names in ``canaries``): the per-leg window
  /// totals the what-if projection needs (request, error and timeout counts,
  /// token and cost totals in USD, the latency histogram in ms, the window's
  /// length in seconds), so a UI can call ``WhatIfProjection/project(_:canaryWeightPercent:minimumRequests:)``
  /// on the snapshot alone. Immutable copies; empty for snapshots built by hand.
  public var whatIf: [String: WhatIfInput] = [:]
  /// Where the window ends: at the clock's now, or at the newest record
  /// because the clock's window holds no data (``WindowAnchor``).
  public var anchor: WindowAnchor = .clock
  /// The identity of ``artefacts``' layout (names, kinds, legs and their
  /// order; ``SnapshotLayout``): the same instance in two snapshots means
  /// they differ in figures at most. `nil` (snapshots built by hand or by
  /// ``SnapshotBuilder``): unknown, compare the artefacts themselves.
  public var layout: SnapshotLayout?
  /// Alert instances at the last evaluation, firing first (empty without rules).
  public var alerts: [AlertInstance] = []
  /// Each configured SLO's budget remaining and burn rates.
  public var slos: [SLOStatus] = []
  /// When the alert rules were last evaluated (`nil`: never, or no rules).
  public var alertsEvaluatedAt: Timestamp?
  /// How many alert rules are loaded (the rules file's and the SLOs'; 0 without rules).
  public var alertRuleCount = 0
  /// `true` when the window ends at the newest record's time instead of the
  /// clock because the clock's window holds no data: the data is all older
  /// (a historic file, ``WindowAnchor/historic``) or all newer (records dated
  /// ahead of the clock, ``WindowAnchor/aheadOfClock``). The header then says
  /// so. Setting `true` means ``WindowAnchor/historic``.
  public var anchoredToData: Bool {
    get { anchor != .clock }
    set { anchor = newValue ? (anchor == .clock ? .historic : anchor) : .clock }
  }

  /// Creates a snapshot.
  public init(
    now: Timestamp, windowMs: Int64, ingest: IngestSummary, artefacts: [ArtefactSummary],
    canaries: [CanaryComparison], charts: [String: ArtefactCharts]
  ) {
    self.now = now
    self.windowMs = windowMs
    self.ingest = ingest
    self.artefacts = artefacts
    self.canaries = canaries
    self.charts = charts
  }

  /// A snapshot with nothing in it, at `now`.
  public static func empty(now: Timestamp, windowMs: Int64 = 15 * 60_000) -> DashboardSnapshot {
    DashboardSnapshot(
      now: now, windowMs: windowMs, ingest: IngestSummary(), artefacts: [], canaries: [],
      charts: [:])
  }
}

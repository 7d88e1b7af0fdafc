import FlightDeckCore

/// The Registry pane's rows for one registry, telemetry snapshot, filter
/// and drill-down, worked out once when one of those changes (``AppState``
/// keeps it up to date), so that a key press or a frame costs what the
/// screen shows, not what telemetry names.
///
/// Holds the ``RegistryOverview``, the artefacts shown (those passing the
/// filter, or the drilled-into one), the row identities top to bottom with
/// an index from identity to row, and the display widths of the name
/// columns over every shown row (the table's columns are sized to them,
/// ``PaneTable/place(_:in:contentWidths:)``). Building it is O(A + V) for
/// A artefacts and V version rows (one hash lookup per row); a selection
/// move or a frame then reads it in O(1) per visible row.
///
/// A newer snapshot of the same ``SnapshotLayout`` (the same artefacts,
/// kinds and legs, only figures changed) keeps the rows: ``withFigures(of:)``
/// notes its artefacts in O(1), and ``row(_:)`` reads the figures of the
/// rows it is asked for (those on screen) from them.
public struct RegistryRows: Sendable {
  /// The registry and telemetry merged.
  public let overview: RegistryOverview
  /// The artefacts shown: passing the filter, or only the drilled-into one.
  /// Their versions' legs hold the figures of the snapshot the overview
  /// was merged from; ``row(_:)`` gives the current ones.
  public let artefacts: [OverviewArtefact]
  /// Per shown artefact: its index in ``overview``'s artefacts (which
  /// lists the snapshot's artefacts first, in the snapshot's order).
  public let overviewIndices: [Int]
  /// The artefacts of the newest snapshot of the overview's layout, when
  /// newer than the one it was merged from (``withFigures(of:)``): ``row(_:)``
  /// reads the legs of a row from them. `nil`: the overview's own figures.
  public private(set) var figures: [ArtefactSummary]?
  /// The filter the rows were worked out for.
  public let filter: String
  /// The artefact drilled into, if the rows are its versions only.
  public let drillDown: String?
  /// Per shown row, top to bottom: the index of its artefact in
  /// ``artefacts`` and of its version in that artefact's versions.
  public let positions: [(artefact: Int, version: Int)]
  /// Per shown row, top to bottom, its identity.
  public let keys: [RowKey]
  /// Row index of each identity in ``keys`` (the first, should one repeat).
  public let index: [RowKey: Int]
  /// Version rows of the whole overview, unfiltered (the Registry slot is
  /// sized to them so the pane does not jump while a filter is typed).
  public let overviewRowCount: Int
  /// Whether any shown version has an open request.
  public let hasOpenRequest: Bool
  /// Whether any shown version is flagged unregistered.
  public let hasUnregistered: Bool
  /// Whether any shown version was rolled back and is not production now.
  public let hasRolledBack: Bool
  /// Display width of the widest name cell over the shown rows, per
  /// ``RegistryPane/columns`` title (`artefact`, `version`, `pointers`);
  /// the column titles themselves are not included.
  public let nameWidths: [String: Int]

  /// Rows of nothing (no registry, no snapshot).
  public static let empty = RegistryRows(registry: nil, snapshot: nil, filter: "", drillDown: nil)

  /// Works out the rows of `registry` merged with `snapshot`, filtered by
  /// `filter` (``AppRows/matches(_:filter:)``), or only `drillDown`'s
  /// versions (the filter does not apply there).
  public init(registry: RegistrySnapshot?, snapshot: DashboardSnapshot?, filter: String, drillDown: String?) {
    let overview =
      snapshot == nil && registry == nil
      ? RegistryOverview(artefacts: [], hasRegistry: false)
      : RegistryOverview.merge(registry: registry, telemetry: snapshot)
    self.init(overview: overview, filter: filter, drillDown: drillDown)
  }

  /// Works out the rows of an `overview` already merged, filtered by
  /// `filter` or only `drillDown`'s versions: what a new filter or a
  /// drill-down (Enter, Escape) needs, without merging the registry and the
  /// telemetry again.
  public init(overview: RegistryOverview, filter: String, drillDown: String?) {
    var shown: [OverviewArtefact] = []
    var overviewIndices: [Int] = []
    for (i, a) in overview.artefacts.enumerated()
    where drillDown.map({ a.name == $0 }) ?? AppRows.matches(a.name, filter: filter) {
      shown.append(a)
      overviewIndices.append(i)
    }
    var positions: [(artefact: Int, version: Int)] = []
    var keys: [RowKey] = []
    var index: [RowKey: Int] = [:]
    var hasOpenRequest = false
    var hasUnregistered = false
    var hasRolledBack = false
    var widths = ["artefact": 0, "version": 0, "pointers": 0]
    var total = 0
    for a in overview.artefacts { total += a.versions.count }
    for (ai, a) in shown.enumerated() {
      widths["artefact"] = max(widths["artefact"]!, DisplayWidth.of(Sanitizer.sanitize(a.name)))
      for (vi, v) in a.versions.enumerated() {
        let key = RowKey.version(artefact: a.name, version: v.label)
        if index[key] == nil { index[key] = keys.count }
        positions.append((ai, vi))
        keys.append(key)
        hasOpenRequest = hasOpenRequest || v.openRequest != nil
        hasUnregistered = hasUnregistered || v.isUnregistered
        hasRolledBack = hasRolledBack || RegistryPane.isRolledBack(v)
        widths["version"] = max(
          widths["version"]!, DisplayWidth.of(Sanitizer.sanitize(RegistryPane.label(v).0)))
        widths["pointers"] = max(
          widths["pointers"]!, DisplayWidth.of(Sanitizer.sanitize(RegistryPane.pointerText(v))))
      }
    }
    self.overview = overview
    self.artefacts = shown
    self.overviewIndices = overviewIndices
    self.figures = nil
    self.filter = filter
    self.drillDown = drillDown
    self.positions = positions
    self.keys = keys
    self.index = index
    self.overviewRowCount = total
    self.hasOpenRequest = hasOpenRequest
    self.hasUnregistered = hasUnregistered
    self.hasRolledBack = hasRolledBack
    self.nameWidths = widths
  }

  /// The artefact and version of row `n` (`0 ..< keys.count`), the
  /// version's legs those of ``figures`` when set (O(L) for the artefact's
  /// L legs), else the overview's.
  public func row(_ n: Int) -> (artefact: OverviewArtefact, version: OverviewVersion, first: Bool) {
    let p = positions[n]
    let a = artefacts[p.artefact]
    var v = a.versions[p.version]
    if let figures, !v.legs.isEmpty {
      let i = overviewIndices[p.artefact]
      if i < figures.count, figures[i].name == a.name {
        v.legs = RegistryOverview.legs(ofVersion: v.label, in: figures[i])
      }
    }
    return (a, v, p.version == 0)
  }

  /// These rows with the figures of `snapshot`, a snapshot of the same
  /// ``SnapshotLayout`` as the one the overview was merged from (the
  /// caller checks): the rows, their order and widths stay; ``row(_:)``
  /// reads the figures from `snapshot`. O(1).
  public func withFigures(of snapshot: DashboardSnapshot) -> RegistryRows {
    var rows = self
    rows.figures = snapshot.artefacts
    return rows
  }

  /// Rows of the same overview (and ``figures``) for `filter` and
  /// `drillDown`: O(A + V) for the overview's A artefacts and the V rows shown.
  public func refiltered(filter: String, drillDown: String?) -> RegistryRows {
    var rows = RegistryRows(overview: overview, filter: filter, drillDown: drillDown)
    rows.figures = figures
    return rows
  }

  /// Whether two artefact lists share one storage (the same snapshot's
  /// list, copied): then rows built from one hold for the other. O(1).
  static func sameStorage(_ a: [ArtefactSummary]?, _ b: [ArtefactSummary]?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress }
    }
  }
}

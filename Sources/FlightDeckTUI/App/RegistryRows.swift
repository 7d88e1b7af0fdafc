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
/// ``PaneTable/place(_:in:contentWidths:)``). Merging it is O(A + V) for
/// A artefacts and V version rows, each artefact's name widths and flags
/// worked out once then; a new filter or drill-down keeps those and costs
/// the filter (working from the last result when it only grew,
/// ``IncrementalFilter``) and O(S) integer work for the S artefacts shown:
/// no row is made until it is read (``keys``, ``row(_:)``), and a selection
/// move or a frame reads each visible row in O(log S).
///
/// A newer snapshot of the same ``SnapshotLayout`` (the same artefacts,
/// kinds and legs, only figures changed) keeps the rows: ``withFigures(of:)``
/// notes its artefacts in O(1), and ``row(_:)`` reads the figures of the
/// rows it is asked for (those on screen) from them.
public struct RegistryRows: Sendable {
  /// The registry and telemetry merged.
  public let overview: RegistryOverview
  /// The artefacts shown: passing the filter, or only the drilled-into one
  /// (O(S) copies: the rows keep ``overviewIndices`` only).
  /// Their versions' legs hold the figures of the snapshot the overview
  /// was merged from; ``row(_:)`` gives the current ones.
  public var artefacts: [OverviewArtefact] { overviewIndices.map { overview.artefacts[$0] } }
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
  /// Version rows shown (the sum of the shown artefacts' versions).
  public let count: Int
  /// Per shown row, top to bottom, its identity: a view of the overview
  /// (``RegistryRowKeys``), each key made when read, so that a filter that
  /// shows most artefacts does not make one per row.
  public var keys: RegistryRowKeys { RegistryRowKeys(rows: self) }
  /// Row index of each identity in ``keys`` (the first, should one repeat):
  /// built when asked, O(rows); ``rowIndex(of:)`` finds one row without it.
  public var index: [RowKey: Int] {
    var index: [RowKey: Int] = [:]
    for (n, key) in keys.enumerated() where index[key] == nil { index[key] = n }
    return index
  }
  /// Per shown artefact: the row of its first version.
  let rowStarts: [Int]
  /// Overview index of each artefact name (the first, should one repeat),
  /// built once per overview.
  let overviewPosition: [String: Int]
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
  /// Per artefact of ``overview``, in its order: what its rows need that
  /// no filter changes, worked out once per overview.
  let facts: [Facts]
  /// The filter results kept for the overview (not changed by a drill-down).
  let filtered: IncrementalFilter

  /// What one overview artefact's rows need that does not depend on the
  /// filter: the display widths of its name cells (sanitised) and its
  /// versions' flags.
  struct Facts: Sendable {
    /// Rows (versions) of the artefact.
    var versionCount: Int
    /// Display width of the artefact's name cell.
    var nameWidth: Int
    /// Widest version cell (``RegistryPane/label(_:)``) over its versions.
    var versionWidth: Int
    /// Width of a pointers cell (``RegistryPane/pointerText(_:)``) holding
    /// every pointer of the artefact: the widest its column can need
    /// wherever the pointers stand.
    var pointersWidth: Int
    /// Whether a version has an open request.
    var hasOpenRequest: Bool
    /// Whether a version is flagged unregistered.
    var hasUnregistered: Bool
    /// Whether a version was rolled back and is not production now.
    var hasRolledBack: Bool

    /// The facts of `a`: O(V) for its V versions.
    init(_ a: OverviewArtefact) {
      versionCount = a.versions.count
      nameWidth = DisplayWidth.of(Sanitizer.sanitize(a.name))
      versionWidth = 0
      pointersWidth = 0
      hasOpenRequest = false
      hasUnregistered = false
      hasRolledBack = false
      // The pointers column is as wide as every pointer of the artefact on
      // one version (the data's maximum, not the widest row now), so the
      // columns stay put when a pointer moves from one version to another.
      var pointers: [PointerName] = []
      for v in a.versions {
        versionWidth = max(versionWidth, DisplayWidth.of(Sanitizer.sanitize(RegistryPane.label(v).0)))
        for p in v.pointers where !pointers.contains(p) { pointers.append(p) }
        hasOpenRequest = hasOpenRequest || v.openRequest != nil
        hasUnregistered = hasUnregistered || v.isUnregistered
        hasRolledBack = hasRolledBack || RegistryPane.isRolledBack(v)
      }
      pointersWidth = DisplayWidth.of(
        Sanitizer.sanitize(pointers.map(RegistryPane.tag).joined(separator: " ")))
    }
  }

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
  /// telemetry again. Works out each artefact's ``Facts`` (O(A + V)).
  public init(overview: RegistryOverview, filter: String, drillDown: String?) {
    let facts = overview.artefacts.map(Facts.init)
    let total = facts.reduce(0) { $0 + $1.versionCount }
    var position: [String: Int] = [:]
    position.reserveCapacity(facts.count)
    for (i, a) in overview.artefacts.enumerated() where position[a.name] == nil { position[a.name] = i }
    self.init(
      overview: overview, facts: facts, overviewRowCount: total, overviewPosition: position,
      filtered: IncrementalFilter(count: facts.count), filter: filter, drillDown: drillDown)
  }

  /// The rows of `overview` for `filter` or `drillDown`, from the
  /// overview's `facts` and the filter results kept so far (`filtered`):
  /// O(k) name tests for the k artefacts of the kept result the filter is
  /// worked out from (``IncrementalFilter``), plus O(S) for the S
  /// artefacts shown (their facts summed; no row is made).
  init(
    overview: RegistryOverview, facts: [Facts], overviewRowCount: Int, overviewPosition: [String: Int],
    filtered: IncrementalFilter,
    filter: String, drillDown: String?
  ) {
    var overviewIndices: [Int] = []
    var filtered = filtered
    if let drillDown {
      if let i = overviewPosition[drillDown] { overviewIndices = [i] }
    } else {
      filtered = filtered.refiltered(to: filter, count: facts.count) { overview.artefacts[$0].name }
      overviewIndices = filtered.positions ?? Array(facts.indices)
    }
    var rowStarts: [Int] = []
    rowStarts.reserveCapacity(overviewIndices.count)
    var rowCount = 0
    var hasOpenRequest = false
    var hasUnregistered = false
    var hasRolledBack = false
    var artefactWidth = 0
    var versionWidth = 0
    var pointersWidth = 0
    for i in overviewIndices {
      let f = facts[i]
      artefactWidth = max(artefactWidth, f.nameWidth)
      versionWidth = max(versionWidth, f.versionWidth)
      pointersWidth = max(pointersWidth, f.pointersWidth)
      hasOpenRequest = hasOpenRequest || f.hasOpenRequest
      hasUnregistered = hasUnregistered || f.hasUnregistered
      hasRolledBack = hasRolledBack || f.hasRolledBack
      rowStarts.append(rowCount)
      rowCount += f.versionCount
    }
    self.overview = overview
    self.facts = facts
    self.filtered = filtered
    self.overviewIndices = overviewIndices
    self.figures = nil
    self.filter = filter
    self.drillDown = drillDown
    self.count = rowCount
    self.rowStarts = rowStarts
    self.overviewPosition = overviewPosition
    self.overviewRowCount = overviewRowCount
    self.hasOpenRequest = hasOpenRequest
    self.hasUnregistered = hasUnregistered
    self.hasRolledBack = hasRolledBack
    self.nameWidths = ["artefact": artefactWidth, "version": versionWidth, "pointers": pointersWidth]
  }

  /// The row of identity `key` (the first, should one repeat), if shown,
  /// as ``index`` gives it: a hash lookup of its artefact, a binary search
  /// of the shown artefacts and a search of that artefact's versions.
  public func rowIndex(of key: RowKey) -> Int? {
    guard case .version(let name, let label) = key, let i = overviewPosition[name] else { return nil }
    var lo = 0
    var hi = overviewIndices.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if overviewIndices[mid] < i { lo = mid + 1 } else { hi = mid }
    }
    guard lo < overviewIndices.count, overviewIndices[lo] == i,
      let v = overview.artefacts[i].versions.firstIndex(where: { $0.label == label })
    else { return nil }
    return rowStarts[lo] + v
  }

  /// The shown artefact (its index in ``overviewIndices``) and version
  /// (its index in that artefact's versions) of row `n` (`0 ..< count`):
  /// a binary search of the shown artefacts' first rows, O(log S).
  public func position(ofRow n: Int) -> (artefact: Int, version: Int) {
    precondition(n >= 0 && n < count, "row \(n) out of 0..<\(count)")
    // The last shown artefact whose first row is at or above `n` (one
    // without versions starts where the next one does, so is passed over).
    var lo = 0
    var hi = rowStarts.count
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if rowStarts[mid] <= n { lo = mid } else { hi = mid }
    }
    return (lo, n - rowStarts[lo])
  }

  /// The identity of row `n` (`0 ..< count`): O(log S).
  public func key(at n: Int) -> RowKey {
    let p = position(ofRow: n)
    let a = overview.artefacts[overviewIndices[p.artefact]]
    return .version(artefact: a.name, version: a.versions[p.version].label)
  }

  /// The artefact and version of row `n` (`0 ..< count`), the
  /// version's legs those of ``figures`` when set (O(L) for the artefact's
  /// L legs), else the overview's. O(log S) to find the row.
  public func row(_ n: Int) -> (artefact: OverviewArtefact, version: OverviewVersion, first: Bool) {
    let p = position(ofRow: n)
    let a = overview.artefacts[overviewIndices[p.artefact]]
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
  /// `drillDown`: the artefacts' ``Facts`` are kept, and a filter that
  /// only grew (a character typed) filters the last result, one that went
  /// back to a filter typed before takes its kept result
  /// (``IncrementalFilter``); then O(S) for the S artefacts shown.
  public func refiltered(filter: String, drillDown: String?) -> RegistryRows {
    var rows = RegistryRows(
      overview: overview, facts: facts, overviewRowCount: overviewRowCount,
      overviewPosition: overviewPosition,
      filtered: filtered,
      filter: filter, drillDown: drillDown)
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

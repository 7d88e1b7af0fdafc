import FlightDeckCore

/// The selectable rows of each pane, shared by the update function and the
/// panes so selection and drawing agree.
public enum AppRows {
  /// Whether `name` passes the artefact filter: case-insensitive substring;
  /// an empty filter passes everything.
  public static func matches(_ name: String, filter: String) -> Bool {
    if filter.isEmpty { return true }
    // ASCII (most names and filters): a case-insensitive byte search, no
    // lowercased copies (typing a filter refilters every artefact per key).
    if let hit = asciiContains(name, filter) { return hit }
    return charactersContain(Array(name.lowercased()), Array(filter.lowercased()))
  }

  /// Whether `characters` holds `part` as a contiguous run (characters
  /// compared by canonical equivalence): the standard library's own
  /// comparison, not Foundation's `contains`, which traps ("String index is
  /// out of bounds") on some names with a filter holding NUL, e.g. `"👩‍💻dev"`
  /// and `"v\0"`. O(n·m) for short filters.
  static func charactersContain(_ characters: [Character], _ part: [Character]) -> Bool {
    guard let first = part.first else { return true }
    guard part.count <= characters.count else { return false }
    for i in 0...(characters.count - part.count) where characters[i] == first {
      if characters[i..<(i + part.count)].elementsEqual(part) { return true }
    }
    return false
  }

  /// Whether ASCII `name` contains ASCII `filter`, ignoring ASCII case;
  /// `nil` when either holds a non-ASCII byte (the caller then lowercases).
  static func asciiContains(_ name: String, _ filter: String) -> Bool? {
    @inline(__always) func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
    var name = name
    var filter = filter
    return name.withUTF8 { n -> Bool? in
      filter.withUTF8 { f -> Bool? in
        guard f.allSatisfy({ $0 < 0x80 }) else { return nil }
        if f.count > n.count { return n.allSatisfy({ $0 < 0x80 }) ? false : nil }
        guard n.allSatisfy({ $0 < 0x80 }) else { return nil }
        let first = lower(f[0])
        var i = 0
        while i + f.count <= n.count {
          if lower(n[i]) == first {
            var j = 1
            while j < f.count && lower(n[i + j]) == lower(f[j]) { j += 1 }
            if j == f.count { return true }
          }
          i += 1
        }
        return false
      }
    }
  }

  /// The artefacts of `snapshot` passing `filter`, in snapshot order.
  public static func artefacts(_ snapshot: DashboardSnapshot, filter: String) -> [ArtefactSummary] {
    snapshot.artefacts.filter { matches($0.name, filter: filter) }
  }

  /// The canary comparisons of `snapshot` passing `filter`, incident-first:
  /// artefacts with a live canary leg first, by canary error rate descending
  /// (the worst canary on top, so an incident is visible without scrolling);
  /// then those without a canary (e.g. stable + shadow only); ties keep
  /// snapshot order (by name). The sort is stable.
  public static func canaries(_ snapshot: DashboardSnapshot, filter: String) -> [CanaryComparison] {
    let kept = snapshot.canaries.filter { matches($0.artefact, filter: filter) }
    func rank(_ c: CanaryComparison) -> Double {
      guard let canary = c.canary else { return -1 }
      return canary.errorRate.isFinite ? canary.errorRate : 0
    }
    return kept.enumerated().sorted { a, b in
      let ra = rank(a.element)
      let rb = rank(b.element)
      return ra != rb ? ra > rb : a.offset < b.offset
    }.map(\.element)
  }

  /// The ingest errors, newest first.
  public static func errors(_ snapshot: DashboardSnapshot) -> [IngestError] {
    snapshot.ingest.recentErrors.reversed()
  }

  /// The overview's artefacts passing `filter`, in overview order (by name).
  public static func overviewArtefacts(_ overview: RegistryOverview, filter: String) -> [OverviewArtefact] {
    overview.artefacts.filter { matches($0.name, filter: filter) }
  }

  /// The row identities of `pane`, top to bottom; empty for panes without rows.
  ///
  /// Alert rows are ``alerts(_:filter:)``; incident rows are
  /// ``incidents(_:)`` of `incidents` (no snapshot needed).
  ///
  /// Registry rows are the version rows of ``RegistryOverview`` (the
  /// `registry` merged with the telemetry `snapshot`), so they exist with
  /// either one alone. With `drillDown`, the Registry rows are only that
  /// artefact's versions (the detail view's selectable rows; the filter
  /// does not apply there).
  public static func keys(
    for pane: PaneID, snapshot: DashboardSnapshot?, registry: RegistrySnapshot? = nil, filter: String,
    drillDown: String? = nil, incidents: [Incident]? = nil
  ) -> [RowKey] {
    if pane == .incidents {
      return AppRows.incidents(incidents ?? []).map { RowKey.incident($0.id) }
    }
    if pane == .registry {
      guard snapshot != nil || registry != nil else { return [] }
      let overview = RegistryOverview.merge(registry: registry, telemetry: snapshot)
      let shown =
        drillDown.map { name in overview.artefacts.filter { $0.name == name } }
        ?? overviewArtefacts(overview, filter: filter)
      return shown.flatMap { a in
        a.versions.map { RowKey.version(artefact: a.name, version: $0.label) }
      }
    }
    guard let snapshot else { return [] }
    switch pane {
    case .canary:
      return canaries(snapshot, filter: filter).map { RowKey.artefact($0.artefact) }
    case .errors:
      return errors(snapshot).map { RowKey.ingestError(path: $0.path, line: $0.line) }
    case .alerts:
      return alerts(snapshot, filter: filter).map { RowKey.alert(fingerprint: $0.fingerprint) }
    case .registry, .charts, .incidents:
      return []
    }
  }
}

import FlightDeckCore

/// The Canary pane's rows for one snapshot and filter, worked out once when
/// one of them changes (``AppState`` keeps it up to date), so that a key
/// press or a frame does not filter and sort every canary comparison again.
///
/// The same comparisons in the same order as ``AppRows/canaries(_:filter:)``:
/// the snapshot's comparisons ranked once per snapshot (O(C log C) for C
/// comparisons), then filtered in rank order through an
/// ``IncrementalFilter`` (a filter that only grew filters the last result).
public struct CanaryRows: Sendable {
  /// The snapshot's canary comparisons (shared storage, not a copy).
  public let comparisons: [CanaryComparison]
  /// Positions in ``comparisons``, incident-first (``AppRows/canaries(_:filter:)``'s order).
  let ranked: [Int]
  /// The filter results kept, over positions in ``ranked``.
  let filtered: IncrementalFilter
  /// The filter the rows were worked out for.
  public var filter: String { filtered.filter }
  /// Per shown row, top to bottom: its position in ``comparisons``.
  public let shown: [Int]

  /// Rows of nothing.
  public static let empty = CanaryRows(snapshot: nil, filter: "")

  /// Ranks `snapshot`'s comparisons and filters them by `filter`.
  public init(snapshot: DashboardSnapshot?, filter: String) {
    let comparisons = snapshot?.canaries ?? []
    let rank = comparisons.map { c -> Double in
      guard let canary = c.canary else { return -1 }
      return canary.errorRate.isFinite ? canary.errorRate : 0
    }
    let ranked = comparisons.indices.sorted { a, b in rank[a] != rank[b] ? rank[a] > rank[b] : a < b }
    self.init(
      comparisons: comparisons, ranked: ranked, filtered: IncrementalFilter(count: ranked.count),
      filter: filter)
  }

  private init(comparisons: [CanaryComparison], ranked: [Int], filtered: IncrementalFilter, filter: String) {
    self.comparisons = comparisons
    self.ranked = ranked
    let f = filtered.refiltered(to: filter, count: ranked.count) { comparisons[ranked[$0]].artefact }
    self.filtered = f
    self.shown = f.positions.map { $0.map { ranked[$0] } } ?? ranked
  }

  /// The same comparisons for `filter`: see ``IncrementalFilter``.
  public func refiltered(filter: String) -> CanaryRows {
    if filter == self.filter { return self }
    return CanaryRows(comparisons: comparisons, ranked: ranked, filtered: filtered, filter: filter)
  }

  /// Rows shown.
  public var count: Int { shown.count }

  /// The comparison of row `n` (`0 ..< count`).
  public subscript(n: Int) -> CanaryComparison { comparisons[shown[n]] }

  /// The row identities, top to bottom.
  public var keys: [RowKey] { shown.map { RowKey.artefact(comparisons[$0].artefact) } }

  /// The identity of row `n` (`0 ..< count`).
  public func key(at n: Int) -> RowKey { .artefact(comparisons[shown[n]].artefact) }

  /// The row of identity `key`, if shown: O(S) name comparisons for the S rows shown.
  public func row(of key: RowKey) -> Int? {
    guard case .artefact(let name) = key else { return nil }
    return shown.firstIndex { comparisons[$0].artefact == name }
  }

  /// Whether two comparison lists share one storage (the same snapshot's
  /// list, copied): then rows ranked from one hold for the other. O(1).
  static func sameStorage(_ a: [CanaryComparison]?, _ b: [CanaryComparison]?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress }
    }
  }

  /// The comparisons shown, top to bottom (copies; for tests and small lists).
  public var rows: [CanaryComparison] { shown.map { comparisons[$0] } }
}

extension CanaryRows: PaneRowSource {
  /// Rows shown, ``count``.
  public var rowCount: Int { count }
  /// The identity of row `n`, ``key(at:)``.
  public func rowKey(at n: Int) -> RowKey { key(at: n) }
  /// The row of `key`, ``row(of:)``.
  public func rowIndex(of key: RowKey) -> Int? { row(of: key) }
}

/// The selected row of one list pane (the pane's own list state, ratatui's
/// `ListState`): its index and its identity.
///
/// When a new snapshot reorders rows, the selection follows ``key``; when
/// the row is gone, ``index`` is clamped to the new row count. The view
/// scrolls so the selected row is shown (``PaneTable/scrollOffset(selected:count:visible:)``),
/// so no scroll offset is kept here.
public struct PaneSelection: Sendable, Hashable {
  /// 0-based row index in the pane's current rows.
  public var index: Int
  /// Identity of the selected row, `nil` when the pane has no rows.
  public var key: RowKey?

  /// Creates a selection.
  public init(index: Int = 0, key: RowKey? = nil) {
    self.index = index
    self.key = key
  }

  /// The selection `delta` rows further down `rows` (negative: up),
  /// clamped to the first and last row (a delta past either end, such as
  /// Home/End's, stops there); no selection when `rows` is empty.
  public func moved(by delta: Int, in rows: some PaneRowSource) -> PaneSelection {
    guard rows.rowCount > 0 else { return PaneSelection() }
    // Saturating: a sum past Int's range stops at its end, not wrapped round.
    let (sum, overflow) = index.addingReportingOverflow(delta)
    let target = overflow ? (delta > 0 ? Int.max : Int.min) : sum
    let index = min(max(target, 0), rows.rowCount - 1)
    return PaneSelection(index: index, key: rows.rowKey(at: index))
  }

  /// The selection after the rows changed to `rows`: on the same row
  /// identity if it is still shown, else the same index clamped to the rows
  /// (`nil` index and key when `rows` is empty).
  public func reconciled(in rows: some PaneRowSource) -> PaneSelection {
    guard rows.rowCount > 0 else { return PaneSelection() }
    if let key, let found = rows.rowIndex(of: key) { return PaneSelection(index: found, key: key) }
    let index = min(max(index, 0), rows.rowCount - 1)
    return PaneSelection(index: index, key: rows.rowKey(at: index))
  }
}

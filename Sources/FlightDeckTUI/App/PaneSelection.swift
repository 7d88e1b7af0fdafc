/// The selected row of one pane: its index and its identity.
///
/// When a new snapshot reorders rows, the selection follows ``key``; when
/// the row is gone, ``index`` is clamped to the new row count.
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
}

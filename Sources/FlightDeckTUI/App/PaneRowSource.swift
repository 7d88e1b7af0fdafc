/// The rows a list pane's selection moves over, as the selection needs
/// them: how many, the identity of one, and the row of an identity.
///
/// The Registry (``RegistryRowKeys``: each key made when read), the Canary
/// (``CanaryRows``: ranked once per snapshot) and the panes listed by
/// ``AppRows`` (an array of keys) conform, so a selection moves and follows
/// its row through one code path (``PaneSelection/moved(by:in:)``,
/// ``PaneSelection/reconciled(in:)``) whatever keeps the rows.
public protocol PaneRowSource {
  /// Rows shown.
  var rowCount: Int { get }
  /// The identity of row `n` (`0 ..< rowCount`).
  func rowKey(at n: Int) -> RowKey
  /// The row of identity `key`, if shown.
  func rowIndex(of key: RowKey) -> Int?
}

extension Array: PaneRowSource where Element == RowKey {
  /// Rows shown: the keys' count.
  public var rowCount: Int { count }
  /// Key `n`.
  public func rowKey(at n: Int) -> RowKey { self[n] }
  /// The first position of `key` (O(n) scan).
  public func rowIndex(of key: RowKey) -> Int? { firstIndex(of: key) }
}

/// The identities of the Registry pane's rows, top to bottom, as a view of
/// a ``RegistryRows``: no key is kept, each is made when read
/// (``RegistryRows/key(at:)``, O(log S) for the S artefacts shown), so that
/// a filter showing most of 100 000 artefacts costs the filter, not a key
/// per row. `count` and `isEmpty` are O(1).
public struct RegistryRowKeys: RandomAccessCollection, Equatable, Sendable {
  /// The rows viewed.
  let rows: RegistryRows

  /// The first row, `0`.
  public var startIndex: Int { 0 }
  /// One past the last row, ``RegistryRows/count``.
  public var endIndex: Int { rows.count }

  /// The identity of row `n` (`0 ..< count`).
  public subscript(n: Int) -> RowKey { rows.key(at: n) }

  /// The row of `key` (the first, should one repeat), if shown: O(log S),
  /// ``RegistryRows/rowIndex(of:)``, not a scan of the rows.
  public func firstIndex(of key: RowKey) -> Int? { rows.rowIndex(of: key) }

  /// Whether two views list the same keys in the same order: O(rows).
  public static func == (a: RegistryRowKeys, b: RegistryRowKeys) -> Bool { a.elementsEqual(b) }
}

extension RegistryRowKeys: PaneRowSource {
  /// Rows shown, O(1).
  public var rowCount: Int { count }
  /// The identity of row `n`, made when read (O(log S)).
  public func rowKey(at n: Int) -> RowKey { self[n] }
  /// The row of `key`, O(log S) (``RegistryRows/rowIndex(of:)``).
  public func rowIndex(of key: RowKey) -> Int? { firstIndex(of: key) }
}

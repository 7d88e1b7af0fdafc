/// One terminal cell: a grapheme cluster, its display width and a style.
///
/// A wide grapheme (CJK, emoji) occupies two cells: the first holds the
/// grapheme with `width == 2`; the second is a *continuation* cell with an
/// empty grapheme and `width == 0`, which backends skip when writing.
public struct Cell: Sendable, Hashable {
  /// The grapheme cluster shown in this cell; empty for a continuation cell.
  /// Always already sanitised (no control characters).
  public var grapheme: String
  /// Display width in columns: 1, 2 (wide lead cell) or 0 (continuation).
  public var width: UInt8
  /// Style of the cell.
  public var style: CellStyle

  /// Creates a cell. `grapheme` must be sanitised already; use
  /// ``Canvas/put(_:x:y:maxWidth:style:ellipsis:)`` to write untrusted text.
  public init(grapheme: String, width: UInt8, style: CellStyle) {
    self.grapheme = grapheme
    self.width = width
    self.style = style
  }

  /// A blank cell (one space) in plain style.
  public static let blank = Cell(grapheme: " ", width: 1, style: .plain)

  /// Whether this is the trailing half of a wide grapheme.
  public var isContinuation: Bool { width == 0 }
}

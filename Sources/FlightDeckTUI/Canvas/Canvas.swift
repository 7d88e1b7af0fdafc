/// An in-memory frame: `width × height` cells, row-major.
///
/// Invariant: `cells.count == width * height`. Widgets and panes draw into a
/// canvas; nothing here touches a terminal (ratatui's `Buffer`). Untrusted
/// text enters only through ``put(_:x:y:maxWidth:style:)``, which sanitises it.
public struct Canvas: Sendable, Hashable {
  /// Width in columns (≥ 0).
  public let width: Int
  /// Height in rows (≥ 0).
  public let height: Int
  /// The cells, row by row; `cells[y * width + x]`.
  public private(set) var cells: [Cell]
  /// The marker ``put(_:x:y:maxWidth:style:ellipsis:)`` uses for clipped
  /// text by default: `…`, or `~` for ASCII terminals (``Symbols/ellipsis``).
  public var ellipsis: Character = "…"

  /// Creates a canvas filled with blank cells. Negative sizes become 0.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = Array(repeating: .blank, count: self.width * self.height)
  }

  /// The whole canvas as a rectangle at the origin.
  public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  /// The cell at column `x`, row `y`. Out-of-range reads return a blank cell;
  /// out-of-range writes are ignored.
  public subscript(x: Int, y: Int) -> Cell {
    get {
      guard x >= 0, y >= 0, x < width, y < height else { return .blank }
      return cells[y * width + x]
    }
    set {
      guard x >= 0, y >= 0, x < width, y < height else { return }
      cells[y * width + x] = newValue
    }
  }
}

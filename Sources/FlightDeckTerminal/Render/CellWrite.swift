import FlightDeckTUI

/// One cell the backend must send to curses: position and (normalised) cell.
public struct CellWrite: Sendable, Hashable {
  /// Column (0-based).
  public var x: Int
  /// Row (0-based).
  public var y: Int
  /// The cell to draw; never a continuation cell, width 1 or 2.
  public var cell: Cell

  /// Creates a write.
  public init(x: Int, y: Int, cell: Cell) {
    self.x = x
    self.y = y
    self.cell = cell
  }
}

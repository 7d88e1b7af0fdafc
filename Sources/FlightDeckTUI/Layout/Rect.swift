/// A rectangle of cells: origin at the top-left, sizes in columns and rows.
public struct Rect: Sendable, Hashable, CustomStringConvertible {
  /// Left column.
  public var x: Int
  /// Top row.
  public var y: Int
  /// Width in columns (≥ 0).
  public var width: Int
  /// Height in rows (≥ 0).
  public var height: Int

  /// Creates a rectangle; negative sizes become 0.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// One past the right-most column.
  public var maxX: Int { x + width }
  /// One past the bottom row.
  public var maxY: Int { y + height }
  /// Whether the rectangle has no cells.
  public var isEmpty: Bool { width == 0 || height == 0 }

  /// The rectangle shrunk by `n` cells on every side (never negative).
  public func inset(by n: Int) -> Rect {
    Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n)
  }

  /// `x,y wxh`.
  public var description: String { "\(x),\(y) \(width)x\(height)" }
}

/// One column of a pane table: title, width, alignment and how dispensable it is.
public struct PaneColumn: Sendable, Hashable {
  /// Header text.
  public var title: String
  /// Width in columns (the minimum, for flexible columns).
  public var width: Int
  /// Whether the column takes a share of spare width.
  public var flexible: Bool
  /// Left for names, right for figures.
  public var alignment: TextClip.Alignment
  /// Drop order when the table is too wide: higher numbers go first; 0 never goes.
  public var dropPriority: Int
  /// Whether the column is also dropped (by ``dropPriority``) to let
  /// flexible name columns show in full (see ``PaneTable/place(_:in:contentWidths:)``).
  public var yieldsToNames: Bool

  /// Creates a column.
  public init(
    _ title: String, width: Int, flexible: Bool = false, alignment: TextClip.Alignment = .left,
    dropPriority: Int = 0, yieldsToNames: Bool = false
  ) {
    self.title = title
    self.width = width
    self.flexible = flexible
    self.alignment = alignment
    self.dropPriority = dropPriority
    self.yieldsToNames = yieldsToNames
  }
}

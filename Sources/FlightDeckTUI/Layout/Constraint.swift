/// How much of a split one segment wants (ratatui's `Constraint`).
///
/// Sizes are in cells along the split direction. Priority when space is
/// short (highest first): `min`, `max`, `length`, `percentage`, `ratio`,
/// `fill`. See ``Layout/split(_:direction:constraints:spacing:)``.
public enum Constraint: Sendable, Hashable {
  /// Exactly `n` cells.
  case length(Int)
  /// At least `n` cells; grows into leftover space when there is no `fill`.
  case min(Int)
  /// At most `n` cells; takes up to `n` when space allows.
  case max(Int)
  /// `p` % of the space (after spacing), rounded down.
  case percentage(Int)
  /// `numerator / denominator` of the space, rounded down; a zero
  /// denominator means 0.
  case ratio(Int, Int)
  /// A share of the leftover space proportional to the weight (ratatui
  /// `Fill`); `fill(0)` gets nothing.
  case fill(Int)
}

/// The axis a ``Layout`` splits along.
public enum Direction: Sendable, Hashable {
  /// Side by side: splits the width, each part has the full height.
  case horizontal
  /// Stacked: splits the height, each part has the full width.
  case vertical
}

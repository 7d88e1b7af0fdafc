/// Something the terminal reported to the run loop.
public enum InputEvent: Sendable, Hashable {
  /// A key press.
  case key(Key)
  /// The terminal changed size to `width` × `height` cells.
  case resize(width: Int, height: Int)
}

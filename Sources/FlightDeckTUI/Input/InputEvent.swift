/// Something the terminal reported to the run loop.
public enum InputEvent: Sendable, Hashable {
  /// A key press.
  case key(Key)
  /// A mouse button or wheel event (SGR 1006 reports).
  case mouse(MouseEvent)
  /// The terminal changed size to `width` × `height` cells.
  case resize(width: Int, height: Int)
}

import FlightDeckCore

/// A backend that can be told to repaint everything on the next draw
/// (Ctrl-R, resize, theme change).
public protocol FullRedrawing: AnyObject {
  /// Forget the previous frame, so the next draw repaints every cell.
  func invalidate()
}

/// Where frames go and keys come from.
///
/// `NcursesBackend` (in `FlightDeckTerminal`) is the only implementation that
/// touches a real terminal; `TestBackend` (in `FlightDeckTestSupport`) keeps
/// frames in memory for tests. All calls come from the run loop's one thread.
public protocol TerminalBackend: AnyObject {
  /// Current size in cells.
  var size: (width: Int, height: Int) { get }
  /// Writes `canvas` to the screen, sending only the cells that changed
  /// since the previous frame, and flushes.
  /// - Throws: a backend-specific error when the terminal cannot be written.
  func draw(_ canvas: Canvas, theme: Theme) throws
  /// Waits up to `timeoutMs` milliseconds for input; returns `nil` on time-out
  /// or when woken by a signal.
  func readEvent(timeoutMs: Int) -> InputEvent?
}

import FlightDeckTUI

/// An in-memory ``TerminalBackend`` for tests: keeps the last frame, serves
/// queued input events, and has a size the test sets. Never touches a terminal.
public final class TestBackend: TerminalBackend {
  /// Current size in cells; set it, or call ``resize(width:height:)`` to
  /// also queue the resize event a terminal would send.
  public var size: (width: Int, height: Int)
  /// The last frame drawn, `nil` before the first.
  public private(set) var lastFrame: Canvas?
  /// The theme the last frame was drawn with.
  public private(set) var lastTheme: Theme?
  /// Frames drawn so far.
  public private(set) var frameCount = 0
  /// Events waiting to be read, oldest first.
  public private(set) var pendingEvents: [InputEvent] = []

  /// Creates a backend of `width` × `height` cells.
  public init(width: Int = 80, height: Int = 24) { size = (width, height) }

  /// Keeps `canvas` as the last frame.
  public func draw(_ canvas: Canvas, theme: Theme) throws {
    lastFrame = canvas
    lastTheme = theme
    frameCount += 1
  }

  /// The oldest queued event, or `nil` at once when none is queued (the
  /// time-out is not waited for: tests never sleep).
  public func readEvent(timeoutMs: Int) -> InputEvent? {
    pendingEvents.isEmpty ? nil : pendingEvents.removeFirst()
  }

  /// Queues `event` for ``readEvent(timeoutMs:)``.
  public func enqueue(_ event: InputEvent) { pendingEvents.append(event) }

  /// Changes the size and queues the matching resize event.
  public func resize(width: Int, height: Int) {
    size = (width, height)
    pendingEvents.append(.resize(width: width, height: height))
  }

  /// The last frame as text rows (empty before the first frame).
  public var frameText: [String] { lastFrame?.textRows() ?? [] }
}

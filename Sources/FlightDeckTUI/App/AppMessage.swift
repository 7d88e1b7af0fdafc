import FlightDeckCore

/// Everything that can happen to the dashboard (bubbletea's `Msg`).
public enum AppMessage: Sendable {
  /// A key press from the terminal.
  case key(Key)
  /// The terminal is now `width` × `height` cells.
  case resize(width: Int, height: Int)
  /// The run loop's periodic tick, with the clock's time (expires status messages).
  case tick(Timestamp)
  /// The engine produced a new snapshot.
  case newSnapshot(DashboardSnapshot)
  /// The themes available (names, in cycle order) and the one in use.
  case themeList([String], current: String)
  /// Show `text` in the status line until `until` (or until replaced when `nil`).
  case status(String, until: Timestamp?)
}

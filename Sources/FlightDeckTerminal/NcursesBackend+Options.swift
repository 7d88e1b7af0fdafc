import Foundation

extension NcursesBackend {
  /// How the terminal reads keys.
  public enum InputMode: Sendable, Hashable {
    /// `cbreak()`: keys arrive one at a time, but Ctrl-C, Ctrl-Z and Ctrl-\
    /// still raise SIGINT, SIGTSTP and SIGQUIT (Ctrl-C quits through
    /// ``NcursesBackend/pendingSignal``; Ctrl-Z suspends; `fg` redraws).
    case cbreak
    /// `raw()`: every key, including Ctrl-C (as `.ctrl("c")`) and Ctrl-Z,
    /// reaches the app; no job control from the keyboard.
    case raw
  }

  /// Start-up options for ``NcursesBackend/start(_:)``.
  public struct Options: Sendable {
    /// Keyboard mode; default ``InputMode/cbreak``.
    public var inputMode: InputMode
    /// Wait after a lone ESC before it counts as the Esc key, in ms
    /// (ncurses' default is 1000 ms, which makes Esc feel dead). Default 25.
    public var escapeDelayMs: Int
    /// The environment to read `TERM` and `NO_COLOR` from (default: the
    /// process environment). `TERM` is passed to `newterm` explicitly.
    public var environment: [String: String]
    /// Called (on the run-loop thread) with one-line diagnostics, e.g. when
    /// colour pairs run out. Must not write to stdout/stderr while the
    /// screen is up; log to a file.
    public var diagnostic: (@Sendable (String) -> Void)?
    /// When set, standard error (fd 2) is appended to this file while the
    /// screen is up, so stray `stderr` writes (swift-log's default handler,
    /// Swift's `Fatal error:` message) cannot corrupt the frame or vanish
    /// with the alternate screen. It is pointed back at the terminal by
    /// ``NcursesBackend/stop()`` and by the crash handler *before* Swift's
    /// backtracer prints, so crash reports still reach the terminal. If the
    /// file cannot be opened, stderr is left alone.
    public var stderrLogPath: String?
    /// Whether to ask the terminal for mouse reports (``MouseReporting``);
    /// default `false`. Off, the terminal keeps the mouse for selecting text.
    public var mouse: Bool = false

    /// Creates options.
    public init(
      inputMode: InputMode = .cbreak, escapeDelayMs: Int = 25,
      environment: [String: String] = ProcessInfo.processInfo.environment,
      diagnostic: (@Sendable (String) -> Void)? = nil, stderrLogPath: String? = nil
    ) {
      self.stderrLogPath = stderrLogPath
      self.inputMode = inputMode
      self.escapeDelayMs = escapeDelayMs
      self.environment = environment
      self.diagnostic = diagnostic
    }
  }
}

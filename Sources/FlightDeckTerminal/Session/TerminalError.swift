import FlightDeckTUI

/// Why the terminal could not be started or written.
///
/// A public struct around a ``Code`` (as NIO's `IOError`, GRDB's
/// `DatabaseError`), so new cases can be added without breaking callers.
/// `description` is the text to show the user after the screen is gone.
public struct TerminalError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: Sendable, Hashable {
    /// `newterm` returned NULL: terminfo has no entry for `TERM`.
    case unknownTerminal(term: String)
    /// terminfo knows `TERM` but it cannot address the cursor (no `cup`
    /// or no `clear` capability, e.g. `dumb`): a full-screen view is impossible.
    case cannotPositionCursor(term: String)
    /// Standard input or output is not a terminal (piped or redirected).
    case notATerminal(stream: String)
    /// Another ``NcursesBackend`` is already running in this process.
    case alreadyActive
    /// A system call failed while setting up (`pipe`, `sigaction`, …); `errno` value.
    case systemCall(name: String, errno: Int32)
    /// `doupdate` reported an error while writing a frame.
    case writeFailed
  }

  /// What went wrong.
  public let code: Code

  /// Creates an error.
  public init(_ code: Code) {
    self.code = code
  }

  /// One line for the user, with a hint what to do. It quotes `TERM`,
  /// which is untrusted: print it through ``Sanitizer/sanitize(_:)`` once
  /// (the command line's error printer does), never raw.
  public var description: String {
    switch code {
    case .unknownTerminal(let term):
      let shown = term.isEmpty ? "(unset)" : term
      return "unknown terminal type '\(shown)' (TERM); try TERM=xterm-256color"
    case .cannotPositionCursor(let term):
      return "terminal '\(term)' cannot position the cursor; try TERM=xterm-256color"
    case .notATerminal(let stream):
      return "standard \(stream) is not a terminal; run flightdeck in an interactive terminal"
    case .alreadyActive:
      return "the terminal is already in use by another screen in this process"
    case .systemCall(let name, let errno):
      return "terminal setup failed: \(name) returned errno \(errno)"
    case .writeFailed:
      return "writing to the terminal failed (doupdate returned ERR)"
    }
  }
}

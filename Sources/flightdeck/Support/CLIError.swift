import ArgumentParser
import FlightDeckTUI

/// A failure reported to the user as one clear line on stderr, exit code 1.
struct CLIError: Error, CustomStringConvertible {
  /// The message (names the file, line and field where known). It may quote
  /// file contents: it is kept as is and sanitised once, where it is
  /// printed (`FlightDeckCommand.exitSanitized(withError:)`); sanitising is
  /// not idempotent (``FlightDeckCore/TerminalText/sanitize(_:)``).
  var description: String
  init(_ description: String) { self.description = description }

  /// Runs `body`, turning any error it throws into a `CLIError` with the
  /// error's own description (which names the file, line and key).
  static func wrapping<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch {
      throw CLIError("\(error)")
    }
  }
}

import ArgumentParser
import FlightDeckTUI

/// A failure reported to the user as one clear line on stderr, exit code 1.
struct CLIError: Error, CustomStringConvertible {
  /// The message (names the file, line and field where known), sanitised:
  /// it may quote file contents, and only our own bytes reach the terminal.
  var description: String
  init(_ description: String) { self.description = Sanitizer.sanitize(description) }

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

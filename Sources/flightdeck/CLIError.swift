import ArgumentParser

/// A failure reported to the user as one clear line on stderr, exit code 1.
struct CLIError: Error, CustomStringConvertible {
  /// The message (names the file, line and field where known).
  var description: String
  init(_ description: String) { self.description = description }
}

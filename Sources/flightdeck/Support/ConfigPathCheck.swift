import ArgumentParser
import FlightDeckCore
import FlightDeckTUI

/// Checks the path of a file-taking option (`--config`, `--theme`,
/// `--scenario`, `--rules`, `--results`, `--template`, an import file)
/// before the file is read, by ``InputFileCheck`` (FlightDeckCore): a
/// missing file, a dangling link, a directory, a FIFO or device ("not a
/// regular file (a FIFO)", never opened, so never a blocking read) and an
/// unreadable file ("cannot be read: permission denied" only for `EACCES`/
/// `EPERM`) each get their own plain message rather than Foundation's
/// `NSCocoaErrorDomain error 256`.
enum ConfigPathCheck {
  /// Refuses `path` unless it names a regular file (a symbolic link to one is
  /// fine) that opens for reading.
  /// - Parameter option: the option for the message (`--config` by default;
  ///   `nil` for a positional argument).
  /// - Throws: `ValidationError` (exit 64) naming the option, the path and what is wrong.
  static func validate(_ path: String, option: String? = "--config") throws {
    do {
      try InputFileCheck.check(path, option: option)
    } catch let problem as InputFileCheck.Problem {
      throw ValidationError(problem.description)
    }
  }
}

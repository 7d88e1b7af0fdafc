import ArgumentParser
import Foundation

/// Checks a `--config` path before the configuration is loaded, so a
/// directory, a missing or an unreadable file gets a plain message rather
/// than Foundation's `NSCocoaErrorDomain error 256`.
enum ConfigPathCheck {
  /// Refuses `path` unless it names an existing, readable regular file (a
  /// symbolic link to one is fine).
  /// - Throws: `ValidationError` (exit 64) naming the path and what is wrong.
  static func validate(_ path: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ValidationError("--config: '\(path)' does not exist")
    }
    guard !isDirectory.boolValue else {
      throw ValidationError("--config: '\(path)' is a directory; give a TOML file")
    }
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw ValidationError("--config: '\(path)' is not readable (permission denied)")
    }
  }
}

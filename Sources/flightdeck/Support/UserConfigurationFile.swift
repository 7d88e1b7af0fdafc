import FlightDeckCore
import Foundation

/// The operator's own configuration file, `config.toml` in the
/// configuration folder ``UserDirectories`` finds (`$FLIGHTDECK_CONFIG_DIR`,
/// `$XDG_CONFIG_HOME/flightdeck`, `~/.config/flightdeck`): the same keys as
/// `flightdeck.toml`, read when no `--config` is given, so `workspace` and
/// `store` set there are found from any folder.
enum UserConfigurationFile {
  /// The file's configuration, or `nil` when there is no such file.
  /// - Throws: ``ConfigurationError`` (file, line and key) for a file that is there but bad.
  static func load(directories: UserDirectories = .current) throws -> FlightDeckConfiguration? {
    let path = directories.configurationFile
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    return try FlightDeckConfiguration.load(path: path)
  }
}

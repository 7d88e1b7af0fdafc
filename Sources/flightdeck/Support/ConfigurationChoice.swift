import FlightDeckCore
import Foundation

/// The configuration a command runs with and the workspace folder it
/// names, chosen one way for every command (the registry commands,
/// `dashboard`, `render`, `serve`, `receive`, `replay`, `alerts eval`):
/// - `--config FILE`: that file alone; the workspace is `--workspace`, else
///   the file's `workspace`, else the command's default.
/// - Without `--config`: the operator's `config.toml`
///   (``UserConfigurationFile``) names the workspace (unless `--workspace`
///   does); the workspace's own `flightdeck.toml`, when it has one, is the
///   configuration, with the operator's keys of `config.toml` under it
///   (``FlightDeckCore/FlightDeckConfiguration/layered(over:)``); else
///   `config.toml`; else the defaults.
struct ConfigurationChoice {
  /// The configuration.
  let configuration: FlightDeckConfiguration
  /// The workspace folder: `--workspace`, else the configuration's, else the default given.
  let workspaceDirectory: String

  /// Chooses.
  /// - Parameters:
  ///   - config: `--config`, if given.
  ///   - workspace: `--workspace`, if given.
  ///   - defaultWorkspace: the folder when nothing names one (`./.flightdeck`;
  ///     `serve --demo`'s `./.flightdeck-demo`).
  ///   - directories: where the operator's `config.toml` is.
  /// - Throws: ``FlightDeckCore/ConfigurationError`` (file, line, key) for a bad file.
  static func choose(
    config: String?, workspace: String?, defaultWorkspace: String = RegistryWorkspace.defaultDirectory,
    directories: UserDirectories = .current
  ) throws -> ConfigurationChoice {
    if let config {
      let loaded = try FlightDeckConfiguration.load(path: config)
      return ConfigurationChoice(
        configuration: loaded, workspaceDirectory: workspace ?? loaded.workspace ?? defaultWorkspace)
    }
    let user = try UserConfigurationFile.load(directories: directories)
    let directory = workspace ?? user?.workspace ?? defaultWorkspace
    let own = RegistryWorkspace(directory: directory).configurationPath
    var configuration = user ?? FlightDeckConfiguration()
    if FileManager.default.fileExists(atPath: own) {
      let loaded = try FlightDeckConfiguration.load(path: own)
      configuration = user.map { loaded.layered(over: $0) } ?? loaded
    }
    return ConfigurationChoice(configuration: configuration, workspaceDirectory: directory)
  }
}

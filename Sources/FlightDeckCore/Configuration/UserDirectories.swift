import Foundation

/// Where an operator's own FlightDeck files live, found as the XDG Base
/// Directory Specification says
/// (<https://specifications.freedesktop.org/basedir-spec/latest/>), as k9s
/// (`internal/config/files.go`) and lazygit do:
///
/// - configuration folder: `$FLIGHTDECK_CONFIG_DIR`, else
///   `$XDG_CONFIG_HOME/flightdeck`, else `$HOME/.config/flightdeck`; it
///   holds `config.toml` (the same keys as `flightdeck.toml`), `themes/`
///   (the operator's own `*.toml` themes, beside the shipped ones) and
///   `keymap.toml`;
/// - state folder (logs): `$XDG_STATE_HOME/flightdeck`, else
///   `$HOME/.local/state/flightdeck`; the log is `flightdeck.log` there
///   unless `$FLIGHTDECK_LOG` names another file.
///
/// As the specification requires, a relative `XDG_*` path is ignored (as if
/// unset), and so is an empty one. Pure: the environment and the home folder
/// are given, nothing is read from the disk.
public struct UserDirectories: Sendable, Hashable {
  /// Which rule chose a folder.
  public enum Source: String, Sendable, Hashable {
    /// `$FLIGHTDECK_CONFIG_DIR` or `$FLIGHTDECK_LOG`.
    case flightdeck = "FLIGHTDECK_*"
    /// `$XDG_CONFIG_HOME` or `$XDG_STATE_HOME`.
    case xdg = "XDG_*"
    /// The default under `$HOME`.
    case home = "HOME"
  }

  /// The configuration folder (absolute unless `$FLIGHTDECK_CONFIG_DIR` is relative).
  public var configDirectory: String
  /// Which rule chose ``configDirectory``.
  public var configSource: Source
  /// The state folder, where the log goes.
  public var stateDirectory: String
  /// Which rule chose ``stateDirectory``.
  public var stateSource: Source
  /// The log file: `$FLIGHTDECK_LOG`, else `flightdeck.log` in ``stateDirectory``.
  public var logFile: String

  /// `config.toml` in the configuration folder.
  public var configurationFile: String { configDirectory + "/config.toml" }
  /// `themes/` in the configuration folder.
  public var themesDirectory: String { configDirectory + "/themes" }
  /// `keymap.toml` in the configuration folder.
  public var keymapFile: String { configDirectory + "/keymap.toml" }

  /// The folders for `environment` and `home`.
  /// - Parameters:
  ///   - environment: the process environment (`FLIGHTDECK_CONFIG_DIR`,
  ///     `XDG_CONFIG_HOME`, `XDG_STATE_HOME`, `FLIGHTDECK_LOG`, `HOME`).
  ///   - home: the home folder when `HOME` is unset or empty (the password
  ///     database's, ``NSHomeDirectory()`` by default).
  public static func resolve(environment: [String: String], home: String = NSHomeDirectory())
    -> UserDirectories
  {
    func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
    func absolute(_ name: String) -> String? { value(name).flatMap { $0.hasPrefix("/") ? $0 : nil } }
    let homeFolder = value("HOME") ?? home
    let config: (String, Source)
    if let own = value("FLIGHTDECK_CONFIG_DIR") {
      config = (own, .flightdeck)
    } else if let xdg = absolute("XDG_CONFIG_HOME") {
      config = (xdg + "/flightdeck", .xdg)
    } else {
      config = (homeFolder + "/.config/flightdeck", .home)
    }
    let state: (String, Source) =
      absolute("XDG_STATE_HOME").map { ($0 + "/flightdeck", .xdg) } ?? (
        homeFolder + "/.local/state/flightdeck", .home
      )
    return UserDirectories(
      configDirectory: Self.trimmed(config.0), configSource: config.1, stateDirectory: Self.trimmed(state.0),
      stateSource: state.1, logFile: value("FLIGHTDECK_LOG") ?? Self.trimmed(state.0) + "/flightdeck.log")
  }

  /// The directories of this process (its environment and home folder).
  public static var current: UserDirectories { resolve(environment: ProcessInfo.processInfo.environment) }

  /// `path` without trailing slashes (`/` stays `/`).
  static func trimmed(_ path: String) -> String {
    var p = path
    while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
    return p.replacingOccurrences(of: "//", with: "/")
  }
}

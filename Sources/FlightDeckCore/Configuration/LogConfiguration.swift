import Logging

/// Where FlightDeck logs and how much: `[log]` in the configuration file.
///
/// ```toml
/// [log]
/// level = "debug"   # trace | debug | info | notice | warning | error | critical
/// file = "/var/log/flightdeck/flightdeck.log"
/// ```
///
/// The level in force is the first of `--log-level`, `$FLIGHTDECK_LOG_LEVEL`,
/// `[log] level` and `info` (``resolveLevel(option:environment:)``); the
/// file is `$FLIGHTDECK_LOG`, else `[log] file`, else `flightdeck.log` in the
/// XDG state folder (``UserDirectories``). The level names are swift-log's
/// (`Logger.Level`), which are syslog's (RFC 5424) less `alert` and
/// `emergency`, plus `trace`.
public struct LogConfiguration: Sendable, Hashable {
  /// `[log] level`, if set.
  public var level: Logger.Level?
  /// `[log] file`, if set.
  public var file: String?

  /// A configuration (no file: neither is set).
  public init(level: Logger.Level? = nil, file: String? = nil) {
    self.level = level
    self.file = file
  }

  /// The level names, least to most severe: `trace`, `debug`, `info`,
  /// `notice`, `warning`, `error`, `critical`.
  public static let levelNames: [String] = Logger.Level.allCases.map(\.rawValue)

  /// The level a name means, case-insensitively, with `warn` for `warning`
  /// (as many loggers write it); `nil` for any other text.
  public static func level(named name: String) -> Logger.Level? {
    let lowered = name.lowercased()
    return Logger.Level(rawValue: lowered == "warn" ? "warning" : lowered)
  }

  /// Where a level in force came from.
  public enum Source: String, Sendable, Hashable {
    /// `--log-level`.
    case option = "--log-level"
    /// `$FLIGHTDECK_LOG_LEVEL`.
    case environment = "FLIGHTDECK_LOG_LEVEL"
    /// `[log] level` in the configuration file.
    case configuration = "[log] level"
    /// Nothing chose it: `info`.
    case `default` = "default"
  }

  /// The level in force: `option` (`--log-level`), else
  /// `$FLIGHTDECK_LOG_LEVEL` when set and not empty, else ``level``, else `info`.
  /// - Throws: ``ConfigurationError`` (key `--log-level` or
  ///   `FLIGHTDECK_LOG_LEVEL`) naming the known levels when the option or the
  ///   variable is not one of them.
  public func resolveLevel(option: String?, environment: [String: String]) throws -> (Logger.Level, Source) {
    let known = Self.levelNames.joined(separator: ", ")
    if let option {
      guard let l = Self.level(named: option) else {
        throw ConfigurationError(
          file: "command line", key: "--log-level",
          reason: "'\(TerminalText.sanitize(option))' is not a log level (expected one of \(known))")
      }
      return (l, .option)
    }
    if let text = environment["FLIGHTDECK_LOG_LEVEL"], !text.isEmpty {
      guard let l = Self.level(named: text) else {
        throw ConfigurationError(
          file: "environment", key: "FLIGHTDECK_LOG_LEVEL",
          reason: "'\(TerminalText.sanitize(text))' is not a log level (expected one of \(known))")
      }
      return (l, .environment)
    }
    if let level { return (level, .configuration) }
    return (.info, .default)
  }
}

import ArgumentParser
import FlightDeckCore
import Foundation
import Logging

/// `--log-level`, and setting up swift-log for a command that runs for a
/// while (`dashboard`, `demo`, `serve`, `receive`).
///
/// The level is the first of `--log-level`, `$FLIGHTDECK_LOG_LEVEL`, the
/// configuration's `[log] level` and `info`
/// (``LogConfiguration/resolveLevel(option:environment:)``).
struct LogOptions: ParsableArguments {
  @Option(
    name: .customLong("log-level"),
    help: ArgumentHelp(
      "How much to log: trace, debug, info, notice, warning, error or critical (default: $FLIGHTDECK_LOG_LEVEL, else the config's [log] level, else info).",
      valueName: "level"))
  var logLevel: String?

  func validate() throws {
    if let logLevel, LogConfiguration.level(named: logLevel) == nil {
      throw ValidationError(
        "--log-level: '\(logLevel)' is not a log level (expected one of \(LogConfiguration.levelNames.joined(separator: ", ")))"
      )
    }
  }

  /// Where log lines go.
  enum Destination {
    /// A file (``FileLogHandler``): the screen belongs to the dashboard.
    case file
    /// Standard error, each line sanitised (``SanitizingLogHandler``): a
    /// server's log for systemd or a container runtime.
    case standardError
  }

  /// Bootstraps swift-log (once per process) at the level in force, to the
  /// log file the configuration chooses (``FileLogHandler/defaultPath(configured:)``)
  /// or to standard error.
  /// - Returns: the level and where it came from, and the file (`nil` for standard error).
  /// - Throws: ``CLIError`` when `$FLIGHTDECK_LOG_LEVEL` names no level.
  @discardableResult
  func bootstrap(_ configuration: LogConfiguration, to destination: Destination) throws -> (
    level: Logger.Level, source: LogConfiguration.Source, file: String?
  ) {
    let (level, source) = try CLIError.wrapping {
      try configuration.resolveLevel(option: logLevel, environment: ProcessInfo.processInfo.environment)
    }
    switch destination {
    case .file:
      let path = FileLogHandler.defaultPath(configured: configuration.file)
      LoggingSystem.bootstrap { label in
        var handler = FileLogHandler(label: label, path: path)
        handler.logLevel = level
        return handler
      }
      return (level, source, path)
    case .standardError:
      LoggingSystem.bootstrap { label in
        var handler = SanitizingLogHandler(wrapped: StreamLogHandler.standardError(label: label))
        handler.logLevel = level
        return handler
      }
      return (level, source, nil)
    }
  }
}

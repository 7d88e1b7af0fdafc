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

  /// Bootstraps swift-log (once per process) at the level in force, to the
  /// log file the configuration chooses (``FileLogHandler/defaultPath(configured:)``):
  /// the screen belongs to the dashboard.
  /// - Returns: the log file.
  /// - Throws: ``CLIError`` when `$FLIGHTDECK_LOG_LEVEL` names no level.
  func bootstrapFile(_ configuration: LogConfiguration) throws -> String {
    let level = try self.level(configuration)
    let path = FileLogHandler.defaultPath(configured: configuration.file)
    LoggingSystem.bootstrap { label in
      var handler = FileLogHandler(label: label, path: path)
      handler.logLevel = level
      return handler
    }
    return path
  }

  /// Bootstraps swift-log (once per process) at the level in force, to
  /// standard error with each line sanitised (``SanitizingLogHandler``): a
  /// server's log for systemd or a container runtime.
  /// - Throws: ``CLIError`` when `$FLIGHTDECK_LOG_LEVEL` names no level.
  func bootstrapStandardError(_ configuration: LogConfiguration) throws {
    let level = try self.level(configuration)
    LoggingSystem.bootstrap { label in
      var handler = SanitizingLogHandler(wrapped: StreamLogHandler.standardError(label: label))
      handler.logLevel = level
      return handler
    }
  }

  /// The level in force (``LogConfiguration/resolveLevel(option:environment:)``).
  private func level(_ configuration: LogConfiguration) throws -> Logger.Level {
    try CLIError.wrapping {
      try configuration.resolveLevel(option: logLevel, environment: ProcessInfo.processInfo.environment).0
    }
  }
}

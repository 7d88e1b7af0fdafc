import ArgumentParser
import FlightDeckCore

/// Options shared by the commands that read telemetry live.
struct TelemetryInputOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "History to read at start-up, e.g. 90s, 15m, 1h (at most 366 days).",
      discussion: "Files whose records are all older are shown as of their newest record."))
  var since: String?

  @Option(
    help: "A configuration file (TOML); see the Configuration article.",
    completion: .file(extensions: ["toml"]))
  var config: String?

  @Option(
    help: ArgumentHelp(
      "Length of the metrics window, e.g. 5m, 15m, 1h (10s to 31 days).",
      discussion:
        "Above 1h the bucket width grows (at most 360 buckets) unless the configuration sets [metrics] bucket."
    ))
  var window: String?

  /// Checks `--config` by ``ConfigPathCheck``.
  func validate() throws {
    if let config { try ConfigPathCheck.validate(config) }
  }

  /// Loads the configuration (when given) and applies the command-line
  /// overrides on top, then fits the metrics buckets and retention to the
  /// window (``EngineOptions/fitMetricsToWindow()``).
  /// - Throws: `ValidationError` for a bad duration or format, or a window
  ///   over 31 days (exit 64);
  ///   `ConfigurationError` (file, line, key) for a bad config file.
  func engineOptions(format: String?) throws -> (EngineOptions, FlightDeckConfiguration) {
    let (options, choice) = try engineOptions(format: format, workspace: nil)
    return (options, choice.configuration)
  }

  /// ``engineOptions(format:)`` for a command that names a workspace: the
  /// configuration is chosen as ``ConfigurationChoice`` says (with
  /// `--workspace` given as `workspace`, the folder when nothing names one as
  /// `defaultWorkspace`), and the choice says which workspace folder it is.
  /// - Throws: as ``engineOptions(format:)``.
  func engineOptions(
    format: String?, workspace: String?, defaultWorkspace: String = RegistryWorkspace.defaultDirectory
  ) throws -> (EngineOptions, ConfigurationChoice) {
    let choice = try ConfigurationChoice.choose(
      config: config, workspace: workspace, defaultWorkspace: defaultWorkspace)
    var options = choice.configuration.engineOptions
    if let since {
      options.sinceMs = try OptionValue.duration(since, "--since", OptionBounds.history)
    }
    if let window {
      options.windowMs = try OptionValue.duration(window, "--window", OptionBounds.metricsWindow)
    }
    if let format {
      guard let f = TelemetryFormat(rawValue: format) else {
        throw ValidationError(
          "--format: '\(RegistryNames.excerpt(format))' is not one of \(TelemetryFormat.names)")
      }
      options.format = f
    }
    // Read at least the history the window shows, unless --since says otherwise.
    if since == nil { options.sinceMs = max(options.sinceMs, options.windowMs) }
    options.fitMetricsToWindow()
    if options.bucketsPerWindow > EngineOptions.maximumBucketsPerWindow {
      throw ValidationError(
        "--window: a window of \(DurationText.format(options.windowMs)) would span \(options.bucketsPerWindow) "
          + "buckets of the configured \(DurationText.format(options.metrics.bucketWidthMs)); at most "
          + "\(EngineOptions.maximumBucketsPerWindow) are allowed: widen [metrics] bucket in the config")
    }
    return (options, choice)
  }
}

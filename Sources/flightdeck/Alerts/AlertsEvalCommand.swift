import ArgumentParser
import FlightDeckCore
import Foundation

/// `flightdeck alerts eval --rules FILE PATH…`: replay telemetry through rules.
struct AlertsEvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Replay telemetry files through alert rules on their own timestamps and print the transitions.",
    discussion: """
      Records are read, sorted by time, and the rules evaluated every --interval of data time \
      (default: the config's evaluation_interval, else 15s). SLOs come from --config. Nothing is \
      written to a workspace. Prints one line per transition: `TIME  FROM → TO  ALERT{labels}  value`.
      --json: {"transitions":[{"at","from":str|null,"to","alert":{…as alerts list --json}}],\
      "records","rules","firing_at_end"}.
      Exit codes: 0 replayed; 1 bad rules file, unreadable telemetry or bad config; 64 bad arguments.
      """)

  @Option(help: "The rules file (YAML).", completion: .file())
  var rules: String?

  @Option(
    help: "A configuration file (TOML) with [alerts] and [[slo]].", completion: .file(extensions: ["toml"]))
  var config: String?

  @Option(help: "Evaluation interval in data time, e.g. 15s (1s to 1h, as [alerts] evaluation_interval).")
  var interval: String?

  @Argument(help: "Telemetry files (FlightDeck JSON Lines or OTLP/JSON).", completion: .file())
  var paths: [String]

  @Flag(help: "Print one JSON document instead of text.")
  var json = false

  func validate() throws {
    if paths.isEmpty { throw ValidationError("give at least one telemetry file") }
    if let interval { _ = try OptionValue.duration(interval, "--interval", OptionBounds.evaluationInterval) }
    if let rules { try ConfigPathCheck.validate(rules, option: "--rules") }
    if let config { try ConfigPathCheck.validate(config) }
  }

  func run() throws {
    try RegistryCLI.run {
      let configuration = try ConfigurationChoice.choose(config: config, workspace: nil).configuration
      var alerts = configuration.alerts
      if let interval, let ms = DurationText.milliseconds(interval) { alerts.evaluationIntervalMs = ms }
      var groups: [AlertRuleGroup] = []
      if let path = rules ?? alerts.rulesPath {
        do {
          groups = try AlertRulesLoader.load(path: path)
        } catch let e as AlertRulesFileError {
          throw CLIError(
            "alert rules refused (\(e.errors.count) error\(e.errors.count == 1 ? "" : "s"), every one as `flightdeck rules check` prints them): "
              + e.errors.map(\.description).joined(separator: "; "))
        }
      }
      let engine = AlertEngine(configuration: alerts, groups: groups)
      let (transitions, final, scan) = try CLIError.wrapping {
        try AlertReplay.run(
          paths: try TelemetryPaths.expand(paths), options: configuration.engineOptions, alerts: engine,
          metrics: configuration.engineOptions.metrics)
      }
      UnreadableTelemetryFiles.warn(scan.unreadableFiles)
      let firing = final.instances.filter { $0.state == .firing }.count
      if json {
        RegistryCLI.printJSON(
          .object([
            "transitions": .array(
              transitions.map { t in
                .object([
                  "at": .string(t.at.rfc3339), "from": .optional(t.from?.rawValue),
                  "to": .string(t.to.rawValue),
                  "alert": AlertsListCommand.json(t.instance),
                ])
              }),
            "records": .integer(Int64(scan.records)), "rules": .integer(Int64(final.evaluator.rules.count)),
            "firing_at_end": .integer(Int64(firing)),
          ]))
        try UnreadableTelemetryFiles.failIfAny(scan.unreadableFiles)
        return
      }
      for t in transitions {
        let value = t.instance.value.map { String(format: "%.4g", $0) } ?? "no data"
        RegistryCLI.say(
          "\(t.at.rfc3339)  \(t.from?.rawValue ?? "new") → \(t.to.rawValue)  \(t.instance.displayName)  \(value)"
        )
      }
      RegistryCLI.say(
        "\(scan.records) records, \(final.evaluator.rules.count) rules, \(transitions.count) transitions, "
          + "\(firing) firing at the end")
      try UnreadableTelemetryFiles.failIfAny(scan.unreadableFiles)
    }
  }
}

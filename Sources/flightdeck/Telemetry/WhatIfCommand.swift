import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import Foundation

/// `flightdeck whatif`: project an artefact's figures for a new canary weight.
struct WhatIfCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "whatif",
    abstract: "Project requests/s, p95, error rate and cost for a new canary weight, before changing it.",
    discussion: """
      Reads the telemetry to the end (like replay and render) and takes the artefact's window ending at \
      --at, or at the newest record. From each leg's recorded figures it projects, for the canary weight \
      given: requests/s (unchanged: a split moves traffic, it does not create it), the error rate \
      (1-w)*e_stable + w*e_canary, the p95 of the mixture of the two latency distributions (not an \
      average of p95s), the cost per request and the cost per hour (shadow cost added unchanged). \
      Current figures use the same formulas at the observed split. Each figure shows the sample sizes \
      behind it; a leg with fewer than --min-requests requests gets a warning. Nothing is changed. \
      Exit codes: 0 ok; 1 unknown artefact, no data in the window or unreadable input; 64 bad arguments.
      """)

  /// Output formats.
  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  @Argument(help: "The artefact to project.")
  var artefact: String

  @Option(
    help: "The proposed canary weight in percent, 0 to 100 (a plain decimal such as 25 or 12.5).",
    transform: OptionValue.decimal(OptionBounds.weight))
  var weight: Double

  @Argument(help: "Telemetry files, globs or directories; - reads standard input.", completion: .file())
  var paths: [String]

  @Option(help: "The instant the window ends (RFC 3339). Default: the newest record.")
  var at: String?

  @Option(help: "Output: table or json.")
  var format: OutputFormat = .table

  @Flag(help: "Print JSON: the same as --format json.")
  var json = false

  /// The output asked for: `--json` is `--format json`.
  var output: OutputFormat { json ? .json : format }

  @Option(
    name: .customLong("input-format"), help: "Telemetry format: auto, flightdeck, otlp, litellm or langfuse.",
    completion: .list(["auto", "flightdeck", "otlp", "litellm", "langfuse"]))
  var inputFormat: String?

  @Option(
    name: .customLong("min-requests"),
    help:
      "Requests per leg below which the projection is flagged unreliable (1 to 1000000000, default \(WhatIfProjection.defaultMinimumRequests)).",
    transform: OptionValue.count(OptionBounds.minimumRequests))
  var minRequests: Int = WhatIfProjection.defaultMinimumRequests

  @OptionGroup var input: TelemetryInputOptions

  func validate() throws {
    if let at, RFC3339Parser.parse(at) == nil {
      throw ValidationError(
        "--at: '\(RegistryNames.excerpt(at))' is not an RFC 3339 time (e.g. 2025-06-01T00:10:00Z)")
    }
    if let config = input.config { try ConfigPathCheck.validate(config) }
  }

  func run() throws {
    let options: EngineOptions
    do {
      (options, _) = try input.engineOptions(format: inputFormat)
    } catch let e as ValidationError {
      throw e
    } catch {
      throw CLIError("\(error)")
    }
    let until = at.flatMap(RFC3339Parser.parse)
    let loaded = try CLIError.wrapping {
      try WhatIfTelemetryLoader.load(paths: paths, options: options, until: until)
    }
    if !loaded.errors.isEmpty {
      var report = ""
      for e in loaded.errors { report += "flightdeck whatif: \(Sanitizer.sanitize(e.description))\n" }
      let unlisted = loaded.malformedLines + loaded.oversizedLines - loaded.errors.count
      if unlisted > 0 { report += "flightdeck whatif: … and \(unlisted) more malformed or oversized lines\n" }
      FileHandle.standardError.write(Data(report.utf8))
    }
    // The window ends at --at, else just after the newest record (as the
    // dashboard anchors a historic file).
    guard let end = until ?? loaded.store.newest?.adding(milliseconds: 1) else {
      throw CLIError("no records in \(paths.joined(separator: " "))")
    }
    guard
      let projectionInput = WhatIfInput(
        store: loaded.store, artefact: artefact, windowMs: options.windowMs, end: end)
    else {
      let known = Set(loaded.store.seriesKeys.map(\.artefact)).sorted()
      let list = known.isEmpty ? "none" : known.joined(separator: ", ")
      throw CLIError(
        "no data for artefact '\(artefact)' in the \(DurationText.format(options.windowMs)) window ending "
          + "\(end.rfc3339) (artefacts seen: \(list))")
    }
    let report = WhatIfProjection.project(
      projectionInput, canaryWeightPercent: weight, minimumRequests: minRequests)
    let text = output == .json ? report.json() : report.table(sanitize: Sanitizer.sanitize)
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}

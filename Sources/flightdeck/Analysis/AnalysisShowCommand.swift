import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import Foundation

/// `flightdeck analysis show ARTEFACT PATH…`: the canary judge's verdict on
/// telemetry files, with its reasons.
struct AnalysisShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Judge an artefact's canary (or shadow) against its stable version and print the reasons.",
    discussion: """
      Reads the telemetry files, keeps the artefact's requests in the analysis window (default the \
      last 15m up to the newest record, or up to --at), and runs the canary judge (Mann-Whitney U on \
      per-request latency, TTFT, cost and score; two-proportion or Fisher's exact test on error, \
      timeout and guardrail-failure rates; see the Judge article). The baseline is the version with the \
      most stable-route requests; the canary the one with the most canary-route requests, else the \
      shadow. Every metric prints its two sample sizes, values, effect, p-value and classification.
      Exit codes: 0 judged (whatever the verdict); 1 unreadable file, unknown artefact or nothing to \
      compare; 64 bad arguments.
      """)

  @Argument(help: "The artefact to judge.")
  var artefact: String

  @Argument(
    help:
      "Telemetry files or folders (every file in a folder, by name; FlightDeck JSON Lines or OTLP/JSON; - for standard input).",
    completion: .file())
  var paths: [String]

  @Option(help: "Analysis window length (e.g. 5m, 15m, 1h; 1s to 31 days).")
  var window: String = "15m"

  @Option(help: "End of the window (RFC 3339; default: just after the newest record of the artefact).")
  var at: String?

  @Option(help: "Baseline version (default: the stable route's busiest).")
  var baseline: String?

  @Option(help: "Canary version (default: the canary route's busiest, else the shadow's).")
  var canary: String?

  @Flag(help: "Print the verdict as JSON.")
  var json = false

  func validate() throws {
    _ = try OptionValue.duration(window, "--window", OptionBounds.analysisWindow)
    if let at, RFC3339Parser.parse(at) == nil {
      throw ValidationError(
        "--at: '\(RegistryNames.excerpt(at))' is not an RFC 3339 time (e.g. 2025-06-01T00:10:00Z)")
    }
  }

  func run() throws {
    let windowMs = DurationText.milliseconds(window) ?? 900_000
    let collected: (collector: AnalysisSampleCollector?, scan: TelemetryFileScan.Summary)
    do {
      collected = try AnalysisSampleCollector.collect(
        paths: try TelemetryPaths.expand(paths), artefact: artefact, windowMs: windowMs,
        end: at.flatMap(RFC3339Parser.parse))
    } catch {
      throw CLIError("\(error)")
    }
    UnreadableTelemetryFiles.warn(collected.scan.unreadableFiles)
    guard let collector = collected.collector else {
      throw CLIError(
        "no requests of artefact '\(artefact)' in \(collected.scan.records) records "
          + "(\(collected.scan.malformedLines) malformed lines)")
    }
    let from = collector.from
    let end = collector.to
    func busiest(_ route: Route) -> String? {
      collector.series.filter { $0.route == route }.max {
        collector.requests(version: $0.version, route: route)
          < collector.requests(version: $1.version, route: route)
      }?.version
    }
    guard let base = baseline ?? busiest(.stable) else {
      throw CLIError(
        "no stable-route requests of '\(artefact)' in the window to compare with")
    }
    let canaryRoute: Route =
      canary.map { c in
        collector.requests(version: c, route: .canary) > 0 ? .canary : .shadow
      } ?? (busiest(.canary) != nil ? .canary : .shadow)
    guard let cand = canary ?? busiest(canaryRoute) else {
      throw CLIError(
        "no canary or shadow requests of '\(artefact)' in the window: nothing to judge")
    }
    // A named version must have served its route in the window: a typo is an
    // error, not an "inconclusive" that a script would take for a verdict.
    let seen = collector.series.map { "\($0.version) (\($0.route.rawValue))" }.joined(separator: ", ")
    for (version, route) in [(base, Route.stable), (cand, canaryRoute)]
    where collector.requests(version: version, route: route) == 0 {
      throw CLIError(
        "'\(version)' has no \(route.rawValue) requests of '\(artefact)' "
          + "in the window; seen: \(seen)")
    }
    guard base != cand || canaryRoute != .stable else {
      throw CLIError("the baseline and the canary are the same version")
    }
    let verdict: CanaryVerdict
    do {
      verdict = try CanaryJudge.judge(
        baseline: collector.samples(version: base, route: .stable),
        canary: collector.samples(version: cand, route: canaryRoute), config: .standard)
    } catch {
      throw CLIError("\(error)")
    }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      // snake_case, as every other command's --json (`baseline_version`, `p_value`).
      encoder.keyEncodingStrategy = .convertToSnakeCase
      FileHandle.standardOutput.write(
        Data(JSONText.terminalSafe(String(decoding: try encoder.encode(verdict), as: UTF8.self)).utf8))
      FileHandle.standardOutput.write(Data("\n".utf8))
      try UnreadableTelemetryFiles.failIfAny(collected.scan.unreadableFiles)
      return
    }
    print(
      Sanitizer.sanitize(
        "\(artefact): \(canaryRoute.rawValue) \(cand) against stable \(base), window \(from.rfc3339) – \(end.rfc3339)"
      ))
    // Line by line: the sanitiser would show the newlines themselves as \x0A.
    for line in verdict.description.split(separator: "\n", omittingEmptySubsequences: false) {
      print(Sanitizer.sanitize(String(line)))
    }
    try UnreadableTelemetryFiles.failIfAny(collected.scan.unreadableFiles)
  }
}

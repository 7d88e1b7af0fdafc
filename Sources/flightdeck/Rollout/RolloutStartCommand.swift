import ArgumentParser
import FlightDeckCore
import Foundation

/// `flightdeck rollout start ARTEFACT VERSION --steps 5,25,50,100 --pause 10m`.
struct RolloutStartCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "start",
    abstract: "Start rolling VERSION out as the canary of ARTEFACT.",
    discussion: """
      The plan is: for each weight in --steps, set the canary weight, pause for --pause and (with \
      --analysis-interval) run an analysis; a list ending below 100 then waits for \
      `flightdeck rollout promote`. Reaching 100 % asks for a production promotion first, through the \
      usual gates and approvals; while it waits for approvals the rollout holds at its weight, and it \
      completes when production moves. The canary pointer moves to VERSION when the first weight is set.
      --json: the outcome {"message","changed","request","moves","audit_sequences","warnings",\
      "rollout":rollout,"effects":[…]} (see `rollout status --json` for the rollout).
      Exit codes: 0 started; 1 refused (unknown artefact or version, a rollout already running, VERSION \
      is in production); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The artefact.")
  var artefact: String

  @Argument(help: "The version to roll out as the canary.")
  var version: String

  @Option(help: "Canary weights in percent, increasing, 1–100 (e.g. 5,25,50,100).")
  var steps: String = "5,25,50,100"

  @Option(help: "The pause after each weight below 100 (e.g. 10m, 90s; 1s to 31 days).")
  var pause: String = "10m"

  @Option(help: "Run an analysis after each pause, one measurement per this interval (e.g. 1m; 1s to 24h).")
  var analysisInterval: String?

  @Option(
    help: "Measurements per analysis (1 to 10000; default: until stopped).",
    transform: OptionValue.count(OptionBounds.analysisCount))
  var analysisCount: Int?

  @Option(
    help: "Failed measurements tolerated per analysis (0 to 10000, default 0).",
    transform: OptionValue.count(OptionBounds.measurementLimit))
  var failureLimit: Int = 0

  @Option(
    help: "Inconclusive measurements tolerated per analysis (0 to 10000, default 0).",
    transform: OptionValue.count(OptionBounds.measurementLimit))
  var inconclusiveLimit: Int = 0

  @Option(
    help: "Mirror this fraction (0–1) of traffic to the canary as shadow traffic.",
    transform: OptionValue.decimal(OptionBounds.mirrorFraction))
  var mirror: Double?

  @Option(help: "The routing key for sticky assignment: session or request.")
  var routing: String = "session"

  /// The plan the options describe.
  /// - Throws: `ValidationError` (exit 64) for a bad weight list, duration, limit or routing key.
  func plan() throws -> RolloutPlan {
    var weights: [Int] = []
    for part in steps.split(separator: ",", omittingEmptySubsequences: false) {
      weights.append(
        try OptionValue.check {
          try OptionBounds.wholeNumber(String(part), option: "--steps", range: OptionBounds.stepWeight)
        })
    }
    let pauseMs = try OptionValue.duration(pause, "--pause", OptionBounds.rolloutPause)
    guard let key = RolloutPlan.RoutingKey(rawValue: routing) else {
      throw ValidationError("--routing: '\(RegistryNames.excerpt(routing))' is not session or request")
    }
    var analysis: (intervalMs: Int64, policy: AnalysisPolicy)?
    if let text = analysisInterval {
      let ms = try OptionValue.duration(text, "--analysis-interval", OptionBounds.analysisInterval)
      analysis = (
        ms,
        AnalysisPolicy(count: analysisCount, failureLimit: failureLimit, inconclusiveLimit: inconclusiveLimit)
      )
    } else if analysisCount != nil || failureLimit != 0 || inconclusiveLimit != 0 {
      throw ValidationError("--analysis-count and the limits need --analysis-interval")
    }
    do {
      return try RolloutPlan(
        artefact: artefact, canaryVersion: version,
        steps: RolloutPlan.steps(weights: weights, pauseMs: pauseMs, analysis: analysis),
        shadowMirror: mirror,
        routingKey: key)
    } catch let e as RolloutError {
      throw ValidationError(e.message)
    }
  }

  func validate() throws { _ = try plan() }

  func run() throws {
    let plan = try plan()
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.open()
      RolloutCLI.report(try context.perform(.startRollout(plan), on: store), json: context.json)
    }
  }
}

import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import Foundation

/// `flightdeck kpi [--since 30d] [--json] [--telemetry PATH…]`: lifecycle KPIs.
struct KPICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kpi",
    abstract: "Lifecycle KPIs over a period: promotion speed, rollbacks, gates, escapes, cost, MTTA/MTTR, …",
    discussion: """
      Computed from the workspace's registry (pointer history, requests, gate checks, incidents, audit \
      log) over the last --since, and from --telemetry files for cost and latency attainment \
      (--latency-threshold-ms). Every definition is in the KPIs article. A ratio with nothing to count \
      reads n/a, never 0. Percentiles are nearest-rank.
      --json: {"from","to","releases","time_to_promote":{"count","median_ms","p90_ms","mean_ms"},\
      "time_to_approve":…,"mtta":…,"mttr":…,"rollback_frequency":{"numerator","denominator","value"},\
      "gate_pass_rate","defect_escape_rate","postmortem_completion","recurrence","audit_completeness",\
      "latency_attainment":ratio|null,"latency_threshold_ms","cost_by_artefact":[{"artefact","requests",\
      "unknown_cost_requests","cost_usd","tokens","cost_per_request_usd","cost_per_1k_tokens_usd"}]} \
      (values as numbers-as-strings with 6 decimals, or null).
      Exit codes: 0 computed; 1 no workspace or unreadable telemetry; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Option(help: "The period: the last so long (e.g. 7d, 30d; 1m to 366d).")
  var since = "30d"

  @Option(
    parsing: .upToNextOption,
    help: "Telemetry files or folders for cost and latency attainment.", completion: .file())
  var telemetry: [String] = []

  @Option(
    help:
      "Latency threshold in ms for latency-SLO attainment (with --telemetry; more than 0, at most 86400000).",
    transform: OptionValue.decimal(OptionBounds.latencyThreshold))
  var latencyThresholdMs: Double?

  func validate() throws {
    _ = try OptionValue.duration(since, "--since", OptionBounds.kpiPeriod)
  }

  func run() throws {
    let sinceMs = DurationText.milliseconds(since) ?? 30 * 86_400_000
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.openForReading()
      let to = context.clock.now().adding(milliseconds: 1)
      let from = to.adding(milliseconds: -sinceMs)
      let inputs = try KPIInputs.load(store: store, from: from, to: to)
      var telemetryTally: KPITelemetry?
      var unreadable: [ReplayResult.UnreadableFile] = []
      if !telemetry.isEmpty {
        do {
          let read = try KPITelemetry.read(
            paths: try TelemetryPaths.expand(telemetry), options: context.configuration.engineOptions,
            from: from,
            to: to, latencyThresholdMs: latencyThresholdMs
          )
          telemetryTally = read.telemetry
          unreadable = read.scan.unreadableFiles
        } catch {
          throw CLIError("\(error)")
        }
        UnreadableTelemetryFiles.warn(unreadable)
      }

      let k = KPICalculator.compute(inputs, telemetry: telemetryTally)
      if context.json {
        RegistryCLI.printJSON(Self.json(k))
        try UnreadableTelemetryFiles.failIfAny(unreadable)
        return
      }
      func d(_ x: KPIDurations) -> String {
        "median \(KPIText.duration(x.median)), p90 \(KPIText.duration(x.p90)), mean \(KPIText.duration(x.mean)) (n=\(x.count))"
      }
      RegistryCLI.say(
        "KPIs \(k.from.rfc3339) → \(k.to.rfc3339) (\(PaneFormat.count(k.releases, "production release")))")
      RegistryCLI.say("time to promote (request → production): \(d(k.timeToPromote))")
      RegistryCLI.say("time to approve (request → approved):    \(d(k.timeToApprove))")
      RegistryCLI.say("rollback frequency (per release):       \(k.rollbackFrequency.percentText)")
      RegistryCLI.say("gate pass rate:                         \(k.gatePassRate.percentText)")
      RegistryCLI.say("defect escape rate (per release):       \(k.defectEscapeRate.percentText)")
      RegistryCLI.say("MTTA:                                   \(d(k.timeToAcknowledge))")
      RegistryCLI.say("MTTR:                                   \(d(k.timeToResolve))")
      RegistryCLI.say("postmortem completion:                  \(k.postmortemCompletion.percentText)")
      RegistryCLI.say("recurrence (30 d):                      \(k.recurrence.percentText)")
      RegistryCLI.say("audit completeness (production moves):  \(k.auditCompleteness.percentText)")
      if let a = k.latencyAttainment, let t = k.latencyThresholdMs {
        RegistryCLI.say("latency ≤ \(String(format: "%g", t)) ms:                    \(a.percentText)")
      } else {
        RegistryCLI.say(
          "latency SLO attainment:                 n/a (give --telemetry and --latency-threshold-ms)")
      }
      if k.costByArtefact.isEmpty {
        RegistryCLI.say("cost by artefact:                       n/a (give --telemetry)")
      }
      for c in k.costByArtefact {
        let unknown = c.unknownCostRequests > 0 ? ", \(c.unknownCostRequests) without a known cost" : ""
        RegistryCLI.say(
          "cost \(c.artefact): \(KPIText.unitUSD(c.costPerRequest))/request, \(KPIText.unitUSD(c.costPer1kTokens))/1k tokens "
            + "(\(c.requests) priced requests, \(c.requests > 0 ? KPIText.usd(c.costUSD) : "n/a")\(unknown))")
      }
      try UnreadableTelemetryFiles.failIfAny(unreadable)
    }
  }

  static func number(_ x: Double?) -> CanonicalJSON.Value {
    x.map { .string(String(format: "%.6f", $0)) } ?? .null
  }

  static func ratio(_ r: KPIRatio) -> CanonicalJSON.Value {
    .object([
      "numerator": .integer(Int64(r.numerator)), "denominator": .integer(Int64(r.denominator)),
      "value": number(r.value),
    ])
  }

  static func durations(_ d: KPIDurations) -> CanonicalJSON.Value {
    func ms(_ v: Int64?) -> CanonicalJSON.Value { v.map { .integer($0) } ?? .null }
    return .object([
      "count": .integer(Int64(d.count)), "median_ms": ms(d.median), "p90_ms": ms(d.p90),
      "mean_ms": ms(d.mean),
    ])
  }

  static func json(_ k: KPIReport) -> CanonicalJSON.Value {
    .object([
      "from": RegistryJSON.time(k.from), "to": RegistryJSON.time(k.to),
      "releases": .integer(Int64(k.releases)),
      "time_to_promote": durations(k.timeToPromote), "time_to_approve": durations(k.timeToApprove),
      "mtta": durations(k.timeToAcknowledge), "mttr": durations(k.timeToResolve),
      "rollback_frequency": ratio(k.rollbackFrequency), "gate_pass_rate": ratio(k.gatePassRate),
      "defect_escape_rate": ratio(k.defectEscapeRate), "postmortem_completion": ratio(k.postmortemCompletion),
      "recurrence": ratio(k.recurrence), "audit_completeness": ratio(k.auditCompleteness),
      "latency_attainment": k.latencyAttainment.map(ratio) ?? .null,
      "latency_threshold_ms": number(k.latencyThresholdMs),
      "cost_by_artefact": .array(
        k.costByArtefact.map {
          .object([
            "artefact": .string($0.artefact), "requests": .integer(Int64($0.requests)),
            "unknown_cost_requests": .integer(Int64($0.unknownCostRequests)), "cost_usd": number($0.costUSD),
            "tokens": .integer(Int64($0.tokens)), "cost_per_request_usd": number($0.costPerRequest),
            "cost_per_1k_tokens_usd": number($0.costPer1kTokens),
          ])
        }),
    ])
  }
}

import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import Foundation

/// `flightdeck retro INC-n [--out FILE] [--telemetry PATH…]`: the Markdown postmortem.
struct RetroCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "retro",
    abstract: "Write an incident's retrospective (postmortem) as Markdown.",
    discussion: """
      Facts from the registry (severity, state, commander, duration, detection and TTA/TTM/TTR, the \
      timeline, the changes in the window, incidents on the same artefacts or alerts in the previous \
      30 days) and, with --telemetry, the impact: requests and errors of the linked artefacts from the \
      first alert (or the opening) to the resolution, against the --baseline before; error budget \
      burned with --slo-objective; extra cost above the baseline spend rate. Contributing factors and \
      action items are left for the team. Without --out the Markdown goes to stdout; with --out it is \
      written to FILE and recorded on the incident (incident.retro, with the file's SHA-256); an existing FILE \
      whose SHA-256 is not the one recorded (the team edited it) is refused unless --overwrite.
      --json without --out: {"incident":{…as incident show --json},"markdown"}; with --out: the outcome.
      Exit codes: 0 written; 1 unknown incident, unreadable telemetry or unwritable file; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The incident (INC-3 or 3).")
  var incident: String

  @Option(
    help: ArgumentHelp(
      "Write the Markdown to this file (and record it on the incident) instead of stdout.",
      discussion:
        "Replaced atomically; refused when the path is a directory, FIFO, socket, device, symbolic link "
        + "(unless --force) or the workspace's registry store."))
  var out: String?

  @Flag(help: "With --out: replace the file a symbolic link at the path points to.")
  var force = false

  @Flag(
    help: ArgumentHelp(
      "With --out: replace a file FlightDeck did not write as this incident's last retrospective.",
      discussion:
        "Without it, an existing file is replaced only when its SHA-256 is the one recorded on the incident "
        + "(the team has not edited it since): the template's sections are the team's to fill in."))
  var overwrite = false

  @Option(
    parsing: .upToNextOption,
    help: "Telemetry files or folders for the impact (FlightDeck JSON Lines or OTLP/JSON).",
    completion: .file())
  var telemetry: [String] = []

  @Option(help: "Baseline window before the impact window, for errors and cost (e.g. 1h; 1s to 31 days).")
  var baseline = "1h"

  @Option(
    help: ArgumentHelp(
      "Availability SLO objective in percent for the error budget, e.g. 99.5 (more than 0, less than 100).",
      discussion:
        "Default: the availability [[slo]] of the incident's artefact in --config, else in the workspace's "
        + "flightdeck.toml (the demo writes its SLOs there), if any."),
    transform: OptionValue.decimal(OptionBounds.sloObjective))
  var sloObjective: Double?

  @Option(help: "The SLO period (e.g. 30d; 1h to 365d).")
  var sloPeriod = "30d"

  @Option(
    help: "How far before the first alert or the opening the timeline starts (e.g. 30m; at most 31 days).")
  var lead = "30m"

  func validate() throws {
    _ = try IncidentCLI.id(incident)
    _ = try OptionValue.duration(baseline, "--baseline", OptionBounds.retroBaseline)
    _ = try OptionValue.duration(sloPeriod, "--slo-period", OptionBounds.sloPeriod)
    _ = try OptionValue.duration(lead, "--lead", OptionBounds.timelineLead)
  }

  func run() throws {
    let id = try IncidentCLI.id(incident)
    let baselineMs = DurationText.milliseconds(baseline) ?? 3_600_000
    let leadMs = DurationText.milliseconds(lead) ?? IncidentTimeline.defaultLeadMs
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let writer = SafeFileWriter(
        protectedPaths: context.workspace.storeFiles(backends: .cli), followSymbolicLinks: force)
      if let out { try writer.check(out) }
      // Without --out nothing is recorded: read-only.
      let store = try out == nil ? context.openForReading() : context.open()
      let now = context.clock.now()
      let i = try store.incident(id: id)
      // The flag, else the configuration's (the workspace's own, without
      // --config) availability SLO of the incident's artefact.
      let slo =
        sloObjective.flatMap {
          RetroSLO(objective: $0 / 100, periodMs: DurationText.milliseconds(sloPeriod) ?? 0)
        } ?? RetroSLO.configured(for: i, in: context.configuration.alerts.slos)
      let timeline = try store.incidentTimeline(id: id, leadMs: leadMs)
      let recurrences = IncidentRecurrence.previous(
        of: i, among: try store.incidents(states: nil, limit: Int.max))
      var impact: IncidentImpact?
      var unreadable: [ReplayResult.UnreadableFile] = []
      if !telemetry.isEmpty {
        do {
          let measured = try IncidentImpact.measure(
            incident: i, now: now, paths: try TelemetryPaths.expand(telemetry),
            options: context.configuration.engineOptions, baselineMs: baselineMs, slo: slo)
          impact = measured.impact
          if measured.scan.malformedLines > 0 {
            RegistryCLI.warn("\(measured.scan.malformedLines) malformed telemetry lines skipped")
          }
          UnreadableTelemetryFiles.warn(measured.scan.unreadableFiles)
          unreadable = measured.scan.unreadableFiles
        } catch let e as ValidationError {
          throw e
        } catch {
          throw CLIError("\(error)")
        }
      }
      let markdown = RetroWriter.markdown(
        incident: i, timeline: timeline, impact: impact, recurrences: recurrences, now: now)
      guard let out else {
        if context.json {
          RegistryCLI.printJSON(
            .object(["incident": IncidentCLI.incident(i), "markdown": .string(markdown)]))
          try UnreadableTelemetryFiles.failIfAny(unreadable)
          return
        }
        // The Markdown is terminal-safe already (RetroWriter sanitises every
        // outside text): sanitising it again would double the backslash of
        // its escapes (`\\u{202E}` → `\\\\u{202E}`), so stdout would differ
        // from the --out file. A line that is not safe is still sanitised.
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
          let text = String(line)
          print(TerminalText.isDisplaySafe(text) ? text : TerminalText.sanitize(text))
        }
        try UnreadableTelemetryFiles.failIfAny(unreadable)
        return
      }
      let data = Data(markdown.utf8)
      if !overwrite, let existing = FileManager.default.contents(atPath: out),
        SourceReference.sha256(of: existing).value != i.retroDigest
      {
        throw CLIError(
          "\(out) exists and is not the retrospective FlightDeck last wrote for \(i.displayID) "
            + "(its SHA-256 differs: edited since, or another file); nothing was written. "
            + "Write to another file, or give --overwrite to replace it")
      }
      try writer.write(data, to: out)
      let digest = SourceReference.sha256(of: data).value
      let outcome = try context.perform(.recordRetro(incident: id, path: out, digest: digest), on: store)
      IncidentCLI.report(outcome, json: context.json)
      try UnreadableTelemetryFiles.failIfAny(unreadable)
    }
  }
}

import ArgumentParser
import FlightDeckCore

/// `flightdeck incident show INC-n`: an incident with its timeline.
struct IncidentShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show an incident, its times (TTA/TTM/TTR) and its self-built timeline.",
    discussion: """
      The timeline holds what the audit log knows from --lead (default 30m) before the first alert or \
      the opening until the resolution (or now): alerts, rollout steps and the judge's measurements, \
      aborts, promotions, approvals, pointer moves, rollbacks, silences, configuration, and the \
      incident's own events and notes.
      --json: {"incident":incident,"timeline":[entry]} (see `flightdeck incident --help`).
      Exit codes: 0 shown; 1 unknown incident or no workspace; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The incident (INC-3 or 3).")
  var incident: String

  @Option(
    help: "How far before the first alert or the opening the timeline starts (e.g. 30m, 2h; at most 31 days)."
  )
  var lead = "30m"

  func validate() throws {
    _ = try IncidentCLI.id(incident)
    _ = try OptionValue.duration(lead, "--lead", OptionBounds.timelineLead)
  }

  func run() throws {
    let id = try IncidentCLI.id(incident)
    let leadMs = DurationText.milliseconds(lead) ?? IncidentTimeline.defaultLeadMs
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.openForReading()
      let i = try store.incident(id: id)
      let timeline = try store.incidentTimeline(id: id, leadMs: leadMs)
      if context.json {
        RegistryCLI.printJSON(
          .object(["incident": IncidentCLI.incident(i), "timeline": .array(timeline.map(IncidentCLI.entry))]))
        return
      }
      let now = context.clock.now()
      RegistryCLI.say("\(i.displayID) \(i.severity.rawValue) \(i.state.rawValue): \(i.title)")
      RegistryCLI.say(
        "opened \(i.openedAt.rfc3339) by \(i.openedBy) (\(i.source.rawValue)); commander \(i.commander ?? "none")"
      )
      RegistryCLI.say(
        "duration \(IncidentCLI.duration(i.durationMs(now: now))); TTA \(IncidentCLI.duration(i.timeToAcknowledgeMs)), "
          + "TTM \(IncidentCLI.duration(i.timeToMitigateMs)), TTR \(IncidentCLI.duration(i.timeToResolveMs))"
          + (i.timeToDetectMs.map { "; detected \(IncidentCLI.duration($0)) after the first alert" } ?? ""))
      let links = i.links
      var linked = links.allArtefacts
      linked += links.versions.map { "\($0.artefact)@\($0.label)" }
      linked += links.rollouts.map { "RO-\($0)" }
      // One entry per alert instance; a firing that joined the open incident counts again.
      var seen: [String] = []
      for a in links.alerts where !seen.contains(a.fingerprint) {
        seen.append(a.fingerprint)
        let times = links.alerts.filter { $0.fingerprint == a.fingerprint }.count
        linked.append("alert \(a.rule)" + (times > 1 ? " (fired \(times) times)" : ""))
      }
      if !linked.isEmpty { RegistryCLI.say("linked: " + linked.joined(separator: ", ")) }
      if let path = i.retroPath { RegistryCLI.say("retrospective: \(path)") }
      RegistryCLI.say("timeline:")
      for e in timeline {
        RegistryCLI.say(
          "  \(e.at.rfc3339)  \(e.kind.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)) \(e.actor): \(e.text)"
        )
      }
    }
  }
}

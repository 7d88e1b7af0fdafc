import ArgumentParser
import FlightDeckCore

/// `flightdeck incident list [--all] [--json]`: the incident queue.
struct IncidentListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "The incident queue: open incidents by severity and age (--all: resolved ones too).",
    discussion: """
      Columns: id, severity, state, age (opened → now or resolved), commander, title.
      --json: {"incidents":[incident]} in the same order (see `incident show --json`).
      Exit codes: 0 listed; 1 no workspace or unreadable; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Flag(help: "Include resolved incidents.")
  var all = false

  @Option(
    help: "At most this many incidents (1 to 100000, default 200).",
    transform: OptionValue.count(OptionBounds.listLimit))
  var limit = 200

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.openForReading()
      let states: Set<IncidentState>? = all ? nil : [.triggered, .acknowledged, .mitigated]
      let incidents = try store.incidents(states: states, limit: max(0, limit)).sorted(
        by: IncidentCLI.queueOrder)
      if context.json {
        RegistryCLI.printJSON(.object(["incidents": .array(incidents.map(IncidentCLI.incident))]))
        return
      }
      let now = context.clock.now()
      var table = CLITable(["INCIDENT", "SEV", "STATE", "AGE", "TTA", "COMMANDER", "TITLE"])
      for i in incidents {
        table.add([
          i.displayID, i.severity.rawValue, i.state.rawValue, IncidentCLI.duration(i.durationMs(now: now)),
          IncidentCLI.duration(i.timeToAcknowledgeMs), i.commander ?? "-", i.title,
        ])
      }
      RegistryCLI.print(
        table.render(empty: all ? "no incidents" : "no open incidents (--all shows resolved ones)"))
    }
  }
}

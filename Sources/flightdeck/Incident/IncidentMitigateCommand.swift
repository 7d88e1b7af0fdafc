import ArgumentParser
import FlightDeckCore

/// `flightdeck incident mitigate INC-n [--note TEXT]`.
struct IncidentMitigateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mitigate",
    abstract: "Mark an incident's impact stopped (rolled back, traffic shifted); the cause may remain.",
    discussion: """
      Mitigating a triggered incident also records its acknowledgement, by you, now.
      --json: the outcome with "incident". Exit codes: 0 mitigated; 1 refused (unknown incident, \
      already mitigated or resolved); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The incident (INC-3 or 3).")
  var incident: String

  @Option(help: "What stopped the impact (recorded in the audit log).")
  var note = ""

  func run() throws {
    try IncidentCLI.perform(options, incident: incident) { .mitigateIncident(id: $0, note: note) }
  }
}

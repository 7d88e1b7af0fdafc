import ArgumentParser
import FlightDeckCore

/// `flightdeck incident ack INC-n`.
struct IncidentAckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ack",
    abstract: "Acknowledge a triggered incident.",
    discussion: """
      --json: the outcome with "incident". Exit codes: 0 acknowledged; 1 refused (unknown incident, \
      already acknowledged, mitigated or resolved); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The incident (INC-3 or 3).")
  var incident: String

  func run() throws { try IncidentCLI.perform(options, incident: incident) { .acknowledgeIncident(id: $0) } }
}

import ArgumentParser
import FlightDeckCore

/// `flightdeck incident assign INC-n NAME`.
struct IncidentAssignCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assign",
    abstract: "Make someone the incident commander.",
    discussion: """
      --json: the outcome with "incident". Exit codes: 0 assigned (or already so); 1 refused (unknown \
      or resolved incident, bad name); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The incident (INC-3 or 3).")
  var incident: String

  @Argument(help: "The new commander.")
  var commander: String

  func run() throws {
    try IncidentCLI.perform(options, incident: incident) { .assignIncident(id: $0, commander: commander) }
  }
}

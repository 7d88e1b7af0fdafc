import ArgumentParser
import FlightDeckCore

/// `flightdeck incident resolve INC-n [--note TEXT]`.
struct IncidentResolveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resolve",
    abstract: "Resolve an incident (then write its retro: `flightdeck retro INC-n --out FILE`).",
    discussion: """
      Resolving also records the acknowledgement and mitigation when they were skipped, by you, now.
      --json: the outcome with "incident". Exit codes: 0 resolved; 1 refused (unknown incident, already \
      resolved); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The incident (INC-3 or 3).")
  var incident: String

  @Option(help: "How it ended (recorded in the audit log).")
  var note = ""

  func run() throws {
    try IncidentCLI.perform(options, incident: incident) { .resolveIncident(id: $0, note: note) }
  }
}

import ArgumentParser
import FlightDeckCore

/// `flightdeck incident severity INC-n SEV1`.
struct IncidentSeverityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "severity",
    abstract: "Change an open incident's severity.",
    discussion: """
      --json: the outcome with "incident". Exit codes: 0 changed (or already so); 1 refused (unknown or \
      resolved incident); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The incident (INC-3 or 3).")
  var incident: String

  @Argument(help: "SEV1 (most severe) … SEV4.")
  var severity: String

  func validate() throws { _ = try IncidentCLI.severity(severity) }

  func run() throws {
    let sev = try IncidentCLI.severity(severity)
    try IncidentCLI.perform(options, incident: incident) { .setIncidentSeverity(id: $0, severity: sev) }
  }
}

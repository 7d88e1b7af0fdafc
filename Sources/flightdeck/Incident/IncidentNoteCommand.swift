import ArgumentParser
import FlightDeckCore

/// `flightdeck incident note INC-n TEXT`.
struct IncidentNoteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "note",
    abstract: "Add a note to an incident's timeline (any state).",
    discussion: """
      --json: the outcome with "incident". Exit codes: 0 added; 1 refused (unknown incident, empty or \
      over 2000 characters); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The incident (INC-3 or 3).")
  var incident: String

  @Argument(help: "The note (one line).")
  var text: String

  func run() throws {
    try IncidentCLI.perform(options, incident: incident) { .addIncidentNote(id: $0, text: text) }
  }
}

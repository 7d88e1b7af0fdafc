import ArgumentParser

/// `flightdeck rules`: alert rules files.
struct RulesGroupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "Validate alert rules files (Prometheus rule groups over FlightDeck's metrics).",
    subcommands: [RulesCheckCommand.self])
}

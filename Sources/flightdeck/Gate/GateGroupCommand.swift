import ArgumentParser

/// `flightdeck gate`: evaluation gates a version must pass before production.
struct GateGroupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gate",
    abstract: "Check a version's evaluation results against the gate policy (a CI step).",
    subcommands: [GateCheckCommand.self])
}

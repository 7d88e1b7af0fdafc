import ArgumentParser

@main
struct FlightDeckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "flightdeck",
    abstract: "A terminal dashboard for the lifecycle of models, prompts and agents.")
}

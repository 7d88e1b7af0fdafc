import ArgumentParser
import FlightDeckCore

/// `flightdeck rollout pause ARTEFACT`.
struct RolloutPauseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pause",
    abstract: "Pause a rollout; its pause deadlines move by the time it is held.",
    discussion: """
      --json: the outcome as `rollout start --json`.
      Exit codes: 0 paused; 1 refused (no rollout, or not in a state that allows it); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The artefact.")
  var artefact: String

  func run() throws { try RolloutCLI.send(options, artefact: artefact, .pause) }
}

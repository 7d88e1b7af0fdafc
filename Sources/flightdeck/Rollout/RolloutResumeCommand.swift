import ArgumentParser
import FlightDeckCore

/// `flightdeck rollout resume ARTEFACT`.
struct RolloutResumeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resume",
    abstract: "Resume a rollout paused with `rollout pause`.",
    discussion: """
      --json: the outcome as `rollout start --json`.
      Exit codes: 0 resumed; 1 refused (no rollout, or not in a state that allows it); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The artefact.")
  var artefact: String

  func run() throws { try RolloutCLI.send(options, artefact: artefact, .resume) }
}

import ArgumentParser
import FlightDeckCore

/// `flightdeck rollout retry ARTEFACT`.
struct RolloutRetryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "retry",
    abstract: "Retry an aborted rollout from its first step, or an inconclusive analysis.",
    discussion: """
      --json: the outcome as `rollout start --json`.
      Exit codes: 0 retried; 1 refused (no rollout, or not in a state that allows it); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The artefact.")
  var artefact: String

  func run() throws { try RolloutCLI.send(options, artefact: artefact, .retry) }
}

import ArgumentParser
import FlightDeckCore
import Foundation

/// `flightdeck rollout abort ARTEFACT --reason TEXT`.
struct RolloutAbortCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "abort",
    abstract: "Abort a rollout: canary weight 0 and the version marked rolled back.",
    discussion: """
      --json: the outcome as `rollout start --json`.
      Exit codes: 0 aborted; 1 refused (no rollout, already finished); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The artefact.")
  var artefact: String

  @Option(help: "Why (required; recorded in the audit log).")
  var reason: String

  func validate() throws {
    guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw ValidationError("--reason: say why")
    }
  }

  func run() throws { try RolloutCLI.send(options, artefact: artefact, .abort(reason: reason)) }
}

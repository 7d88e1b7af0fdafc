import ArgumentParser
import FlightDeckCore

/// `flightdeck rollout promote ARTEFACT [--full]`.
struct RolloutPromoteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "promote",
    abstract: "Move a rollout on to its next step (--full: to 100 % and a production promotion).",
    discussion: """
      --full asks for the production promotion, subject to the version's evaluation gates and the \
      approvals its tier needs (`flightdeck approve`): applied at once, the canary goes to 100 % and the \
      rollout is promoted; waiting for approvals, the rollout holds at its weight and completes when \
      production moves. \
      --override REASON asks for it although the gates failed or never ran; the reason is kept on the \
      request and in the audit log (as `promote --override`).
      --json: the outcome as `rollout start --json`.
      Exit codes: 0 promoted; 1 refused (no rollout, already finished, gates not passed); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The artefact.")
  var artefact: String

  @Flag(help: "Finish the rollout: 100 % and a production promotion request.")
  var full = false

  @Option(help: "Why the production promotion may go ahead although the version's gates failed or never ran.")
  var override: String?

  func validate() throws {
    if let override, override.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      throw ValidationError("--override needs a reason")
    }
  }

  func run() throws {
    try RolloutCLI.send(options, artefact: artefact, .promote(full: full, gateOverride: override))
  }
}

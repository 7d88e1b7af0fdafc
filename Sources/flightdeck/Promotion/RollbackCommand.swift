import ArgumentParser
import FlightDeckCore

/// `flightdeck rollback ARTEFACT`: move production back in one step.
struct RollbackCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rollback",
    abstract: "Move production back to the previous production version (or --to VERSION) at once.",
    discussion: """
      Skips approvals by design (incident fast-track), records who, when and why, marks the version it \
      leaves as rolled back and sets the artefact's canary weight to 0.
      --json: the outcome {"message","changed","request":null,"moves":[move],"audit_sequences","warnings"}.
      Exit codes: 0 rolled back; 1 refused (unknown artefact or version, nothing to roll back to, no \
      reason, production changed since you looked); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The artefact.")
  var artefact: String

  @Option(help: "The version to put back in production (default: the previous production version).")
  var to: String?

  @Option(help: "Why (required; recorded in the audit log).")
  var reason: String

  @Option(
    help: ArgumentHelp(
      "Refuse unless production is at this version now (`none`: unset).",
      discussion: "For scripts and runbooks: the rollback applies only to the state you looked at."))
  var expect: String?

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.open()
      let outcome = try context.perform(
        .rollback(
          artefact: artefact, to: to, reason: reason,
          expectedProduction: expect.map { (seen: String) -> String? in seen == "none" ? nil : seen }),
        on: store)
      RegistryCLI.report(outcome, json: context.json)
    }
  }
}

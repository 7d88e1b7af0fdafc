import ArgumentParser
import FlightDeckCore

/// `flightdeck promote ARTEFACT VERSION`: request a pointer move.
struct PromoteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "promote",
    abstract: "Request moving a pointer (default production) of an artefact to a version.",
    discussion: """
      The risk policy decides the approvals a move of production needs (by the artefact's tier); other \
      pointers, and tiers needing none, move at once. Otherwise the request waits for \
      `flightdeck approve REQ-N` by other operators (four-eyes from medium up). The operator is \
      $FLIGHTDECK_USER, else the OS user: attribution, not authentication.
      A move of production also needs passed evaluation gates (`flightdeck gate check`) under the gate \
      policy in force for the artefact's tier; otherwise it is refused with the blockers, unless \
      --override gives a reason (recorded with the blockers in the audit log and on the request).
      --json: the outcome {"message","changed","request":request,"moves":[move],"audit_sequences",\
      "warnings"} (request and move as in `requests --json` and `history --json`).
      Exit codes: 0 requested or applied; 1 refused (unknown artefact or version, bad pointer, \
      no reason, pointer changed since you looked, gates not passed); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The artefact.")
  var artefact: String

  @Argument(help: "The version to promote.")
  var version: String

  @Option(help: "The pointer to move (production, canary, staging, any alias).")
  var to: String = "production"

  @Option(help: "Why (required; recorded in the audit log).")
  var reason: String

  @Option(
    help: ArgumentHelp(
      "Promote production despite failed or missing evaluation gates, giving why.",
      discussion: "Recorded in the audit log with the blockers it overrides, and shown on the request."))
  var override: String?

  @Option(
    help: ArgumentHelp(
      "Refuse unless the pointer is at this version now (`none`: unset).",
      discussion: "For scripts and runbooks: the request applies only to the state you looked at."))
  var expect: String?

  func validate() throws {
    guard PointerName.isValid(to) else {
      throw ValidationError(
        "--to: '\(RegistryNames.excerpt(to))' is not a pointer name (lower-case letters, digits, - or _)")
    }
  }

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.open()
      let outcome = try context.perform(
        .requestPromotion(
          artefact: artefact, version: version, target: try PointerName(to), reason: reason,
          expectedFrom: expect.map { (seen: String) -> String? in seen == "none" ? nil : seen },
          override: override),
        on: store)
      RegistryCLI.report(outcome, json: context.json)
    }
  }
}

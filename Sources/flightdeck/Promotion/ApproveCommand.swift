import ArgumentParser
import FlightDeckCore

/// `flightdeck approve REQ`: Approve a pending promotion request; the pointer moves when it has the approvals it needs.
struct ApproveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "approve",
    abstract: "Approve a pending promotion request; the pointer moves when it has the approvals it needs.",
    discussion: """
      REQ is REQ-12, req-12 or 12 (see `flightdeck requests`). The operator is $FLIGHTDECK_USER, else \
      the OS user, with the roles of the workspace's [roles] table in force.
      --json: the outcome {"message","changed","request":request,"moves":[move],"audit_sequences",\
      "warnings"}.
      Exit codes: 0 done; 1 refused (not found, your own request (four-eyes), already decided by you, missing role, closed; the request changed since you looked); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The request: REQ-12 or 12.")
  var request: String

  @Option(help: "A comment (recorded).")
  var comment: String = ""

  func validate() throws { _ = try RegistryCLI.requestID(request) }

  func run() throws {
    try RegistryCLI.decide(options, request: request) { .approve(requestID: $0, comment: comment) }
  }
}

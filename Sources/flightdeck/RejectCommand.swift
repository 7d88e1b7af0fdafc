import ArgumentParser
import FlightDeckCore

/// `flightdeck reject REQ`: Reject a pending promotion request.
struct RejectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reject",
    abstract: "Reject a pending promotion request.",
    discussion: """
      REQ is REQ-12, req-12 or 12 (see `flightdeck requests`). The operator is $FLIGHTDECK_USER, else \
      the OS user, with roles from the configuration's [roles].
      --json: the outcome {"message","changed","request":request,"moves":[move],"audit_sequences",\
      "warnings"}.
      Exit codes: 0 done; 1 refused (not found, already decided by you, closed; the request changed since you looked); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The request: REQ-12 or 12.")
  var request: String

  @Option(help: "Why (required; recorded).")
  var comment: String

  func validate() throws { _ = try RegistryCLI.requestID(request) }

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let id = try RegistryCLI.requestID(request)
      let store = try context.open()
      RegistryCLI.report(
        try context.perform(.reject(requestID: id, comment: comment), on: store), json: context.json)
    }
  }
}

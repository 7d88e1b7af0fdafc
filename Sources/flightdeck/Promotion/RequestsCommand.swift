import ArgumentParser
import FlightDeckCore

/// `flightdeck requests`: promotion requests, open ones by default.
struct RequestsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "requests",
    abstract: "List promotion requests waiting for approval (--all: every state).",
    discussion: """
      APPROVALS is approvals so far / needed, with `+role` when an approver needs that role.
      --json: {"requests":[{"id":12,"display_id":"REQ-12","artefact","version","target","from_version",\
      "requester","reason","state","created_at","expires_at","state_changed_at","approvals":1,\
      "approvals_needed":2,"required_role","self_approval","decisions":[{"actor","roles","verdict","at",\
      "comment"}]}]}, newest first.
      Exit codes: 0 ok; 1 no workspace or a storage failure; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Flag(help: "Every request (applied, rejected, expired, cancelled too), not only open ones.")
  var all = false

  @Option(help: "Only requests for this artefact.")
  var artefact: String?

  @Option(
    help: "At most this many requests (1 to 100000, default 200).",
    transform: OptionValue.count(OptionBounds.listLimit))
  var limit = 200

  /// `1/2`, or `1/2+release-manager` when the rule needs a role.
  static func approvals(_ r: PromotionRequest) -> String {
    r.approvalText + (r.rule.requiredRole.map { "+\($0)" } ?? "")
  }

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let states: Set<RequestState>? = all ? nil : [.pending, .approved]
      let list = try context.openForReading().requests(artefact: artefact, states: states, limit: limit)
      if context.json {
        RegistryCLI.printJSON(.object(["requests": .array(list.map(RegistryJSON.request))]))
        return
      }
      var table = CLITable([
        "REQUEST", "ARTEFACT", "VERSION", "TARGET", "FROM", "STATE", "APPROVALS", "REQUESTER", "CREATED",
        "REASON",
      ])
      for r in list {
        table.add([
          r.displayID, r.artefact, r.version, r.target.rawValue, r.fromVersion ?? "-", r.state.rawValue,
          Self.approvals(r), r.requester, r.createdAt.rfc3339,
          r.reason + (r.gateOverride.map { " [gates overridden: \($0)]" } ?? ""),
        ])
      }
      RegistryCLI.print(table.render(empty: all ? "no requests" : "no open requests"))
    }
  }
}

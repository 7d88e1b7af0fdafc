import ArgumentParser
import FlightDeckCore

/// `flightdeck silence list`.
struct SilenceListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List silences that have not ended (--all: every silence).",
    discussion: """
      --json: {"silences":[{"id","matchers","starts_at","ends_at","created_by","comment","active"}]}.
      Exit codes: 0 listed; 1 no workspace or storage failure; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Flag(help: "Include silences that ended.")
  var all = false

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.openForReading()
      let now = context.clock.now()
      let silences = try store.silences(includeExpired: all)
      if context.json {
        RegistryCLI.printJSON(
          .object([
            "silences": .array(
              silences.map { s in
                .object([
                  "id": .string(s.displayID), "matchers": .array(s.matchers.map { .string($0.description) }),
                  "starts_at": .string(s.startsAt.rfc3339), "ends_at": .string(s.endsAt.rfc3339),
                  "created_by": .string(s.createdBy), "comment": .string(s.comment),
                  "active": .bool(s.isActive(at: now)),
                ])
              })
          ]))
        return
      }
      var table = CLITable(["ID", "MATCHERS", "ENDS", "BY", "COMMENT"])
      for s in silences {
        table.add([
          s.displayID, s.matchers.map(\.description).joined(separator: ","), s.endsAt.rfc3339, s.createdBy,
          s.comment,
        ])
      }
      RegistryCLI.print(table.render(empty: "no silences"))
    }
  }
}

import ArgumentParser
import FlightDeckCore

/// `flightdeck history ARTEFACT`: every pointer move, or where each pointer was at a time.
struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Show every move of an artefact's pointers, or (--at) which version each pointed to then.",
    discussion: """
      Answers "who moved production, when, from which version to which, why, through which request" and, \
      with --at TS, "which version was in production at time TS" (a move at exactly TS counts).
      TS is RFC 3339 (2025-06-01T12:00:00Z) or integer ms since the epoch. Times are printed in UTC.
      --json: without --at {"artefact","moves":[{"id","artefact","pointer","from_version","to_version",\
      "actor","at","reason","request_id","cause"}]} oldest first; with --at {"artefact","at",\
      "pointers":{"production":{"version":str|null,"since":time|null,"by":str|null,"move_id":N|null},…}}.
      Exit codes: 0 ok; 1 unknown artefact, no workspace or a storage failure; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The artefact.")
  var artefact: String

  @Option(help: "Only this pointer (production, canary, …).")
  var pointer: String?

  @Option(help: "A time (RFC 3339 or epoch ms): print which version each pointer pointed to then.")
  var at: String?

  func validate() throws {
    if let pointer, !PointerName.isValid(pointer) {
      throw ValidationError(
        "--pointer: '\(pointer)' is not a pointer name (lower-case letters, digits, - or _)")
    }
    if let at, RegistryCLI.parseTime(at) == nil {
      throw ValidationError(
        "--at: '\(RegistryNames.excerpt(at))' is not an RFC 3339 time (2025-06-01T12:00:00Z) or epoch ms")
    }
  }

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.openForReading()
      let filter = try pointer.map { try PointerName($0) }
      let moves = try store.pointerHistory(artefact: artefact, pointer: filter)
      if let at, let time = RegistryCLI.parseTime(at) {
        var names = Set(moves.map(\.pointer)).sorted()
        if let filter, names.isEmpty { names = [filter] }
        var table = CLITable(["POINTER", "VERSION", "SINCE", "BY", "CAUSE", "REASON"])
        var json: [String: CanonicalJSON.Value] = [:]
        for name in names {
          let timeline = PointerTimeline(moves: moves.filter { $0.pointer == name })
          let move = timeline.move(at: time)
          let version = timeline.version(at: time)
          json[name.rawValue] = .object([
            "version": .optional(version), "since": RegistryJSON.time(move?.at), "by": .optional(move?.actor),
            "move_id": move.map { .integer($0.id) } ?? .null,
          ])
          table.add([
            name.rawValue, version ?? "(none)", move?.at.rfc3339 ?? "-", move?.actor ?? "-",
            move?.cause.rawValue ?? "-", move?.reason ?? "",
          ])
        }
        if context.json {
          RegistryCLI.printJSON(
            .object(["artefact": .string(artefact), "at": .string(time.rfc3339), "pointers": .object(json)]))
        } else {
          RegistryCLI.say("\(artefact) at \(time.rfc3339)")
          RegistryCLI.print(table.render(empty: "no pointer had been set"))
        }
        return
      }
      if context.json {
        RegistryCLI.printJSON(
          .object(["artefact": .string(artefact), "moves": .array(moves.map(RegistryJSON.move))]))
        return
      }
      var table = CLITable(["MOVE", "AT", "POINTER", "FROM", "TO", "BY", "CAUSE", "REQUEST", "REASON"])
      for m in moves {
        table.add([
          String(m.id), m.at.rfc3339, m.pointer.rawValue, m.fromVersion ?? "-", m.toVersion ?? "-", m.actor,
          m.cause.rawValue, m.requestID.map { "REQ-\($0)" } ?? "-", m.reason,
        ])
      }
      RegistryCLI.print(table.render(empty: "no pointer moves for \(artefact)"))
    }
  }
}

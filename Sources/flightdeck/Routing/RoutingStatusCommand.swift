import ArgumentParser
import FlightDeckCore

/// `flightdeck routing status`.
struct RoutingStatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "List every routing target with its state: in sync, out of date, drifted, failing.",
    discussion: """
      Columns: TARGET, TYPE, STATE, PATH, DIGEST (the first 12 hex digits of the sha256 last published), \
      DETAIL (why it is not in sync). --check reads every file back first (recording drift in the audit \
      log) instead of showing the last read-back.
      --json: {"targets":[{"name","type","path","state","digest","detail"}],"outbox":[{"artefact",\
      "generation","published_generation","state","attempts","next_attempt_at","last_error"}]}.
      Exit codes: 0 every target in sync; 1 no workspace, bad configuration or storage failure; 2 a target \
      is not in sync; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Flag(help: "Read every target back now (records drift in the audit log).")
  var check = false

  func run() throws {
    var notInSync = false
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let routing = context.configuration.routing
      let store = try RoutingOutboxOf.of(check ? try context.open() : try context.openForReading())
      if check {
        _ = try RoutingPublisher(store: store, configuration: routing, clock: context.clock).check()
      }
      let outbox = try store.routingOutbox()
      let lines = RoutingStatus.of(routing, records: try store.routingTargets(), outbox: outbox)
      notInSync = lines.contains { $0.condition != .inSync }
      if context.json {
        RegistryCLI.printJSON(
          .object([
            "targets": .array(
              lines.map { s in
                .object([
                  "name": .string(s.target.name), "type": .string(s.target.kind.rawValue),
                  "path": .string(s.target.path), "state": .string(s.condition.rawValue),
                  "digest": .optional(s.digest), "detail": .optional(s.detail),
                ])
              }),
            "outbox": .array(
              outbox.map { e in
                .object([
                  "artefact": .string(e.artefact), "generation": .integer(e.generation),
                  "published_generation": .integer(e.publishedGeneration), "state": .string(e.state.rawValue),
                  "attempts": .integer(Int64(e.attempts)),
                  "next_attempt_at": e.isOutOfDate ? .string(e.nextAttemptAt.rfc3339) : .null,
                  "last_error": .optional(e.lastError),
                ])
              }),
          ]))
        return
      }
      var table = CLITable(["TARGET", "TYPE", "STATE", "PATH", "DIGEST", "DETAIL"])
      for s in lines {
        table.add([
          s.target.name, s.target.kind.rawValue, s.condition.rawValue, s.target.path,
          s.digest.map { String($0.prefix(12)) } ?? "-", s.detail ?? "",
        ])
      }
      RegistryCLI.print(
        table.render(empty: "no routing targets: add [[routing.targets]] to the configuration"))
    }
    if notInSync { throw ExitCode(2) }
  }
}

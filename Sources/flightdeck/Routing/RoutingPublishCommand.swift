import ArgumentParser
import FlightDeckCore

/// `flightdeck routing publish ARTEFACT`.
struct RoutingPublishCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "publish",
    abstract: "Republish an artefact's routing to every target that carries it.",
    discussion: """
      Makes the artefact due in the routing outbox, then publishes what is due (this artefact and any \
      other owed a publish) to the targets of the configuration's [routing], each file written atomically \
      and its sha256 recorded in a routing.publish audit entry. Prints one line per target; --json: \
      {"artefact","targets":[{"name","type","path","state","digest","detail"}],"failed"}.
      Exit codes: 0 published; 1 no workspace, bad configuration, unknown artefact, storage failure or a \
      target that failed (retried later by `flightdeck serve`); 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The artefact.")
  var artefact: String

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let routing = context.configuration.routing
      guard !routing.targets(carrying: artefact).isEmpty else {
        throw CLIError("no routing target carries \(artefact): add [[routing.targets]] to the configuration")
      }
      let store = try RoutingOutboxOf.of(try context.open())
      try store.requestRoutingPublish(artefact: artefact, at: context.clock.now())
      let report = RoutingPublisher(store: store, configuration: routing, clock: context.clock).step()
      if let error = report.storeErrors.first { throw CLIError(error) }
      let records = try store.routingTargets()
      if context.json {
        RegistryCLI.printJSON(
          .object([
            "artefact": .string(artefact), "failed": .integer(Int64(report.failed)),
            "targets": .array(
              routing.targets(carrying: artefact).map { target in
                let r = records.first { $0.name == target.name }
                return .object([
                  "name": .string(target.name), "type": .string(target.kind.rawValue),
                  "path": .string(target.path),
                  "state": .string(r?.condition.rawValue ?? "out of date"), "digest": .optional(r?.digest),
                  "detail": .optional(r?.detail),
                ])
              }),
          ]))
        if report.failed > 0 { throw ExitCode(1) }
        return
      }
      for target in routing.targets(carrying: artefact) {
        let r = records.first { $0.name == target.name }
        RegistryCLI.print(
          "\(target.name) \(r?.condition.rawValue ?? "out of date") \(target.path)"
            + (r?.digest.map { " sha256:\($0)" } ?? "")
            + (r?.detail.map { ": \(TerminalText.sanitize($0))" } ?? ""))
      }
      if report.failed > 0 { throw CLIError("a target failed; `flightdeck serve` retries it") }
    }
  }
}

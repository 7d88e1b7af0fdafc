import ArgumentParser
import FlightDeckCore

/// `flightdeck rollout tick [ARTEFACT]`: advance timed steps now.
struct RolloutTickCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tick",
    abstract: "Advance rollouts whose pauses have ended (ARTEFACT, or every running rollout).",
    discussion: """
      Prints what each tick did (weights set, a promotion requested, `measurement due`). A tick that \
      changes nothing is not audited. Measurements are taken by the live driver, which is not wired yet.
      --json: {"outcomes":[outcome]} (each as `rollout start --json`).
      Exit codes: 0 ok; 1 refused (no rollout for ARTEFACT, a promotion refused for its gates) or a \
      storage failure; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "Only this artefact.")
  var artefact: String?

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.open()
      let names =
        try artefact.map { [$0] }
        ?? store.snapshot().artefacts.compactMap { $0.rollout == nil ? nil : $0.artefact.name }
      var outcomes: [RegistryOutcome] = []
      for name in names {
        outcomes.append(try context.perform(.rolloutEvent(artefact: name, event: .tick), on: store))
      }
      if context.json {
        RegistryCLI.printJSON(.object(["outcomes": .array(outcomes.map(RolloutCLI.json))]))
        return
      }
      if outcomes.isEmpty { RegistryCLI.print("no running rollouts") }
      for o in outcomes { RolloutCLI.report(o, json: false) }
    }
  }
}

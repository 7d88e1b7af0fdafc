import ArgumentParser
import FlightDeckCore

/// `flightdeck rollout tick [ARTEFACT]`: advance timed steps now.
struct RolloutTickCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tick",
    abstract: "Advance rollouts whose pauses have ended (ARTEFACT, or every running rollout).",
    discussion: """
      Prints what each tick did (weights set, a promotion requested, `measurement due`). A tick that \
      changes nothing is not audited. Measurements are taken by `flightdeck rollout drive`.
      --json: {"outcomes":[outcome]} (each as `rollout start --json`).
      Exit codes: 0 ok; 1 refused (no rollout for ARTEFACT, a promotion refused for its gates; without \
      ARTEFACT the other rollouts are still ticked) or a storage failure; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "Only this artefact.")
  var artefact: String?

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.open()
      if let artefact {
        // One artefact: a refusal is the command's error (exit 1).
        let outcome = try context.perform(.rolloutEvent(artefact: artefact, event: .tick), on: store)
        if context.json {
          RegistryCLI.printJSON(.object(["outcomes": .array([RolloutCLI.json(outcome)])]))
        } else {
          RolloutCLI.report(outcome, json: false)
        }
        return
      }
      // Every running rollout: one refused tick (e.g. a promotion whose gates
      // have not passed) does not hold up the others; it is reported and the
      // command exits 1 at the end.
      let names = try store.snapshot().artefacts.compactMap { $0.rollout == nil ? nil : $0.artefact.name }
      var outcomes: [RegistryOutcome] = []
      var refused: [String] = []
      for name in names {
        do {
          outcomes.append(try context.perform(.rolloutEvent(artefact: name, event: .tick), on: store))
        } catch let e as RegistryError {
          refused.append(e.message)
        }
      }
      if context.json {
        RegistryCLI.printJSON(.object(["outcomes": .array(outcomes.map(RolloutCLI.json))]))
      } else {
        if outcomes.isEmpty && refused.isEmpty { RegistryCLI.print("no running rollouts") }
        for o in outcomes { RolloutCLI.report(o, json: false) }
      }
      if !refused.isEmpty { RegistryCLI.fail(refused.joined(separator: "; ")) }
    }
  }
}

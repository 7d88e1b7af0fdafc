import ArgumentParser
import FlightDeckCore

/// `flightdeck rollout status [ARTEFACT | RO-n]`: where each rollout stands.
struct RolloutStatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract:
      "Show the newest rollout of each artefact (or of ARTEFACT, or the rollout RO-n; --all: every rollout).",
    discussion: """
      STEP is the current step i/n with what it does; WEIGHT the canary weight the rollout set.
      --json: {"rollouts":[{"id","display_id","artefact","version","phase","step","steps",\
      "step_summary","weight","message","started_at","started_by","updated_at","paused_at","plan",\
      "shadow_mirror","routing_key","last_verdict"}]}, newest first; last_verdict is the last \
      analysis measurement with the judge's per-metric reasons (null: none taken), see RolloutCLI+Verdict.
      The table is followed by each rollout's last verdict: summary, group scores and one line per \
      metric (sample sizes, values, effect, p-value, classification).
      Exit codes: 0 ok; 1 unknown artefact, no workspace or a storage failure; 64 bad arguments.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "Only this artefact, or only this rollout (RO-3, as messages and the audit log name it).")
  var artefact: String?

  @Flag(help: "Every rollout, not only the newest per artefact.")
  var all = false

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.openForReading()
      // An artefact of that name wins over a rollout id (names are free text).
      var rolloutID: Int64?
      if let artefact, try store.snapshot().artefact(artefact) == nil {
        guard artefact.uppercased().hasPrefix("RO-"), let id = RolloutRecord.parseID(artefact) else {
          throw RegistryError(.notFound, "no artefact named \(artefact) is registered")
        }
        rolloutID = id
      }
      var list = try store.rollouts(artefact: rolloutID == nil ? artefact : nil)
      if let rolloutID {
        list = list.filter { $0.id == rolloutID }
        if list.isEmpty { throw RegistryError(.notFound, "no rollout RO-\(rolloutID)") }
      } else if !all {
        var seen: Set<String> = []
        list = list.filter { seen.insert($0.artefact).inserted }
      }
      if context.json {
        RegistryCLI.printJSON(
          .object([
            "rollouts": .array(
              list.map { r in
                guard case .object(var members) = RolloutCLI.rollout(r) else { return RolloutCLI.rollout(r) }
                members["last_verdict"] = r.state.lastVerdict.map(RolloutCLI.verdict) ?? .null
                return .object(members)
              })
          ]))
        return
      }
      var table = CLITable([
        "ROLLOUT", "ARTEFACT", "VERSION", "PHASE", "STEP", "WEIGHT", "MESSAGE", "UPDATED",
      ])
      table.maxCellWidth = 80
      for r in list {
        table.add([
          r.displayID, r.artefact, r.plan.canaryVersion, r.state.phase.rawValue, RolloutCLI.stepText(r),
          "\(r.state.canaryWeight)%", r.state.message, r.updatedAt.rfc3339,
        ])
      }
      RegistryCLI.print(table.render(empty: "no rollouts"))
      for r in list {
        for line in RolloutCLI.verdictLines(r) { RegistryCLI.say(line) }
      }
    }
  }
}

import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import FlightDeckTerminal
import Foundation

/// `flightdeck rollout status [ARTEFACT | RO-n]`: where each rollout stands.
struct RolloutStatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract:
      "Show the newest rollout of each artefact (or of ARTEFACT, or the rollout RO-n; --all: every rollout).",
    discussion: """
      STEP is the current step i/n with what it does; WEIGHT the canary weight the rollout set (100% once promoted: the canary version is production).
      --json: {"rollouts":[{"id","display_id","artefact","version","phase","step","steps",\
      "step_summary","weight","message","started_at","started_by","updated_at","paused_at","plan",\
      "shadow_mirror","routing_key","last_verdict"}]}, newest first; last_verdict is the last \
      analysis measurement with the judge's per-metric reasons (null: none taken), see RolloutCLI+Verdict.
      The table is followed by each rollout's last verdict: summary, group scores and one line per \
      metric (sample sizes, values, effect, p-value, classification).
      --watch keeps reading the store every --interval and prints the status again whenever it \
      changes (as `kubectl argo rollouts get rollout -w`), until Ctrl-C: on a terminal the screen is \
      cleared and the status redrawn in place; piped, each change follows the previous one after a \
      blank line, without escape codes; with --json, one document per line, one per change.
      Exit codes: 0 ok; 1 unknown artefact, no workspace or a storage failure; 64 bad arguments; \
      130/143 after Ctrl-C/SIGTERM with --watch.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "Only this artefact, or only this rollout (RO-3, as messages and the audit log name it).")
  var artefact: String?

  @Flag(help: "Every rollout, not only the newest per artefact.")
  var all = false

  @Flag(name: [.customShort("w"), .long], help: "Print the status again whenever it changes, until Ctrl-C.")
  var watch = false

  @Option(help: "With --watch: how often the store is read (100ms to 1m).")
  var interval = "1s"

  func validate() throws {
    _ = try OptionValue.duration(interval, "--interval", OptionBounds.Duration(100...60_000))
  }

  func run() throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.openForReading()
      guard watch else {
        FileHandle.standardOutput.write(Data(try status(store, context: context).utf8))
        return
      }
      StopSignals.install()
      let intervalMs = DurationText.milliseconds(interval) ?? 1_000
      // On a terminal each change redraws the table in place; piped (and
      // with --json), each change follows the previous one.
      var redraw = WatchRedraw(
        inPlace: !context.json
          && WatchRedraw.standardOutputIsTerminal(term: ProcessInfo.processInfo.environment["TERM"]),
        separator: context.json ? "" : "\n")
      while StopSignals.received == 0 {
        if let bytes = redraw.frame(try status(store, context: context)) {
          FileHandle.standardOutput.write(Data(bytes.utf8))
        }
        var slept: Int64 = 0
        while slept < intervalMs && StopSignals.received == 0 {
          usleep(UInt32(min(100, intervalMs - slept)) * 1000)
          slept += 100
        }
      }
      throw ExitCode(128 + StopSignals.received)
    }
  }

  /// The status as printed: the table and the verdicts, or one JSON document (a line).
  /// - Throws: ``RegistryError`` for an unknown artefact or rollout, or a storage failure.
  private func status(_ store: any RegistryStore, context: RegistryContext) throws -> String {
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
      return JSONText.terminalSafe(
        CanonicalJSON.encode(
          .object([
            "rollouts": .array(
              list.map { r in
                guard case .object(var members) = RolloutCLI.rollout(r) else {
                  return RolloutCLI.rollout(r)
                }
                members["last_verdict"] = r.state.lastVerdict.map(RolloutCLI.verdict) ?? .null
                return .object(members)
              })
          ]))) + "\n"
    }
    var table = CLITable([
      "ROLLOUT", "ARTEFACT", "VERSION", "PHASE", "STEP", "WEIGHT", "MESSAGE", "UPDATED",
    ])
    table.maxCellWidth = 80
    for r in list {
      table.add([
        r.displayID, r.artefact, r.plan.canaryVersion, r.state.phase.rawValue, RolloutCLI.stepText(r),
        "\(r.state.servingWeight)%", r.state.message, r.updatedAt.rfc3339,
      ])
    }
    var out = table.render(empty: "no rollouts")
    for r in list {
      for line in RolloutCLI.verdictLines(r) { out += Sanitizer.sanitize(line) + "\n" }
    }
    return out
  }
}

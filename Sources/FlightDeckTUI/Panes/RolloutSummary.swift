import FlightDeckCore

/// The one-line description of a rollout the Canary pane and the rollout
/// dialogs show: `RO-1 v13: analysing step 3/10 at 10 % — <message>`.
///
/// The step is 1-based and capped at the plan's step count (a finished
/// rollout's index is one past the last step); the weight is the canary
/// traffic weight in percent. Phase styles follow the status levels: `ok`
/// for progressing and promoted, `warn` for paused, analysing and
/// inconclusive (someone may need to act), `critical` for aborted.
public enum RolloutSummary {
  /// `RO-1 v13: ` — the part before the phase.
  public static func head(_ r: RolloutRecord) -> String { "\(r.displayID) \(r.plan.canaryVersion): " }

  /// `step 3/10 at 10 % — <message>` — the part after the phase. The
  /// message is the state machine's own sentence (sanitised when drawn); its
  /// leading `step 3/10: `, which would repeat the step, is left out.
  public static func tail(_ r: RolloutRecord) -> String {
    let steps = r.state.plan.steps.count
    let step = min(r.state.stepIndex + 1, steps)
    var message = Substring(r.state.message)
    let repeated = "step \(step)/\(steps): "
    if message.hasPrefix(repeated) { message = message.dropFirst(repeated.count) }
    return " step \(step)/\(steps) at \(r.state.canaryWeight) % — \(message)"
  }

  /// The whole line: head, phase and tail.
  public static func text(_ r: RolloutRecord) -> String { head(r) + r.state.phase.rawValue + tail(r) }

  /// The style of `phase`: ok, warn or critical (see the type's summary).
  public static func style(_ phase: RolloutPhase) -> CellStyle {
    switch phase {
    case .progressing, .promoted: return CellStyle(.ok, bold: true)
    case .paused, .analysing, .inconclusive: return CellStyle(.warn, bold: true)
    case .aborted: return CellStyle(.critical, bold: true)
    }
  }
}

import FlightDeckCore

/// The one-line description of a rollout the Canary pane and the rollout
/// dialogs show: `RO-1 v13: analysing step 3/10 at 10 % — <message>`, or for
/// a finished one `RO-1 v13: aborted at 50 % — error rate 0.6% → 6.1%,
/// p=3e-09 · analysis failed: …` (``finishedTail(_:)``).
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
  /// leading `step 3/10: `, which would repeat the step, is left out, and so
  /// is a following `<phase> at <weight> % ` (`analysing step 3/10 at 5 %
  /// (running: …)`, `paused step 2/10 at 5 % until …`) or `at <weight> %, `.
  public static func tail(_ r: RolloutRecord) -> String {
    if r.isFinished { return finishedTail(r) }
    let steps = r.state.plan.steps.count
    let step = min(r.state.stepIndex + 1, steps)
    var message = Substring(r.state.message)
    let repeated = "step \(step)/\(steps): "
    if message.hasPrefix(repeated) { message = message.dropFirst(repeated.count) }
    // `analysing at 5 % (running: …)` would say the phase and weight twice:
    // the rest follows the weight (`analysing step 3/10 at 5 % (running: …)`).
    let weight = " step \(step)/\(steps) at \(r.state.canaryWeight) %"
    let again = "\(r.state.phase.rawValue) at \(r.state.canaryWeight) % "
    if message.hasPrefix(again) { return weight + " " + message.dropFirst(again.count) }
    // `at 10 %, waiting for a human to promote`: the weight is said already.
    let atWeight = "at \(r.state.canaryWeight) %, "
    if message.hasPrefix(atWeight) { message = message.dropFirst(atWeight.count) }
    return weight + " — " + message
  }

  /// ` at 50 % — error rate 0.6% → 6.1%, p=3e-09 · analysis failed: …`: the
  /// tail of a finished rollout. An abort by the analysis names the weight
  /// the last measurement was taken at (the abort set it to 0) and, first so
  /// it survives clipping, the metric that failed it (critical first, see
  /// ``VerdictFormat/culprit(_:)``); a manual abort names the weight its
  /// plan had reached (``reachedWeight(_:)``), a promotion 100 %
  /// (``FlightDeckCore/RolloutState/servingWeight``), with its message.
  public static func finishedTail(_ r: RolloutRecord) -> String {
    var message = Substring(r.state.message)
    let prefix = r.state.phase.rawValue + ": "
    if message.hasPrefix(prefix) { message = message.dropFirst(prefix.count) }
    let byAnalysis = r.state.phase == .aborted && message.hasPrefix("analysis failed")
    let weight =
      byAnalysis
      ? (r.state.lastVerdict?.canaryWeight ?? r.state.canaryWeight)
      : r.state.phase == .aborted ? reachedWeight(r) : r.state.servingWeight
    if byAnalysis, let verdict = r.state.lastVerdict?.verdict, let culprit = VerdictFormat.culprit(verdict) {
      return " at \(weight) % — \(VerdictFormat.brief(culprit)) · \(message)"
    }
    return " at \(weight) % — \(message)"
  }

  /// The weight a rollout had reached at its current step: the last
  /// `setWeight` of its plan at or before the step (an abort sets the
  /// weight to 0, so the pane names the one it left instead), else 0.
  static func reachedWeight(_ r: RolloutRecord) -> Int {
    let steps = r.plan.steps
    guard !steps.isEmpty else { return r.state.canaryWeight }
    let last = min(r.state.stepIndex, steps.count - 1)
    for step in steps[...last].reversed() {
      if case .setWeight(let percent) = step { return percent }
    }
    return 0
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

  /// Draws `rollout RO-1 v13: <phase> step 3/10 at 10 % — <message>` from
  /// `x` on row `y`, clipped before column `maxX` (with the canvas's
  /// ellipsis); the phase in its ``style(_:)``, every part sanitised by
  /// ``Canvas/put(_:x:y:maxWidth:style:ellipsis:)``.
  public static func draw(_ r: RolloutRecord, x start: Int, y: Int, maxX: Int, in canvas: inout Canvas) {
    var x = start
    let parts: [(String, CellStyle)] = [
      ("rollout ", CellStyle(.dim)), (head(r), CellStyle(.text)),
      (r.state.phase.rawValue, style(r.state.phase)), (tail(r), CellStyle(.text)),
    ]
    for (text, style) in parts where x < maxX {
      x += canvas.put(text, x: x, y: y, maxWidth: maxX - x, style: style)
    }
  }
}

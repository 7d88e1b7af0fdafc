/// A rollout in progress: the state machine of Argo Rollouts' canary strategy,
/// driven by an injected clock and by measurements, with no I/O.
///
/// ``start(_:at:)`` and ``handle(_:at:)`` return the ``RolloutEffect``s the
/// caller must carry out (set the canary weight through the registry, take a
/// measurement with the judge, promote, mark rolled back), so every rule is
/// testable without sleeping and the whole state can be stored (it is
/// `Codable`) and resumed after a restart at the same step with the same clocks:
/// every deadline is kept as an absolute instant.
///
/// Steps: `setWeight` applies at once; `pause(d)` holds until `stepStartedAt +
/// d`; `pauseUntilPromoted` holds until ``RolloutEvent/promote(full:)``;
/// `analysis` asks for a measurement every interval and feeds it to an
/// ``AnalysisRun`` — successful → next step, failed → abort, inconclusive →
/// hold for a human (promote skips it, retry runs it again, abort aborts).
/// After the last step the rollout is `promoted` and asks for
/// ``RolloutEffect/promoteCanary``.
public struct RolloutState: Sendable, Hashable, Codable {
  /// The plan.
  public let plan: RolloutPlan
  /// Where the rollout is.
  public private(set) var phase: RolloutPhase = .progressing
  /// The current step's index in `plan.steps` (`steps.count` once past the last).
  public private(set) var stepIndex = 0
  /// When the current step started (a timed pause ends at this + its duration).
  public private(set) var stepStartedAt: Timestamp
  /// The canary weight in force, percent.
  public private(set) var canaryWeight = 0
  /// The canary version's share of user-facing traffic, percent:
  /// ``canaryWeight``, except 100 once the rollout is promoted — the canary
  /// version is production then and serves every request, as Argo Rollouts
  /// shows a completed rollout at weight 100 (the store keeps the canary
  /// pointer on it at the weight the last step set).
  public var servingWeight: Int { phase == .promoted ? 100 : canaryWeight }
  /// The current analysis step's run, if one is under way (or held inconclusive).
  public private(set) var analysis: AnalysisRun?
  /// When the next measurement falls due.
  public private(set) var nextMeasurementAt: Timestamp?
  /// Whether a measurement was asked for and has not come back.
  public private(set) var awaitingMeasurement = false
  /// When a human paused it (`nil`: not paused by a human).
  public private(set) var pausedAt: Timestamp?
  /// Why the rollout is where it is, one sentence for the screen.
  public private(set) var message = "starting"
  /// The last analysis measurement with the judge's verdict and reasons
  /// (`nil`: none taken yet). Kept after the analysis ends, an abort or a
  /// retry, so "why did it fail" still has an answer; absent in rows stored
  /// before it existed (decoded as `nil`).
  public private(set) var lastVerdict: RolloutVerdict?
  /// When the rollout started.
  public let startedAt: Timestamp

  /// The current step, if any remains.
  public var currentStep: RolloutStep? {
    plan.steps.indices.contains(stepIndex) ? plan.steps[stepIndex] : nil
  }

  /// Starts `plan` at `now`.
  /// - Returns: the state and the effects of its first steps (usually a weight).
  public static func start(_ plan: RolloutPlan, at now: Timestamp) -> (RolloutState, [RolloutEffect]) {
    var state = RolloutState(plan: plan, stepStartedAt: now, startedAt: now)
    let effects = state.advance(now)
    return (state, effects)
  }

  private init(plan: RolloutPlan, stepStartedAt: Timestamp, startedAt: Timestamp) {
    self.plan = plan
    self.stepStartedAt = stepStartedAt
    self.startedAt = startedAt
  }

  /// Applies `event` at `now`.
  /// - Returns: the effects to carry out, in order.
  /// - Throws: ``RolloutError`` for a command that does not apply (promote or
  ///   pause a finished rollout, resume one that is not paused, retry one
  ///   that is neither aborted nor inconclusive, a measurement nobody asked for).
  public mutating func handle(_ event: RolloutEvent, at now: Timestamp) throws -> [RolloutEffect] {
    switch event {
    case .tick:
      guard pausedAt == nil, !phase.isFinished, phase != .inconclusive else { return [] }
      return advance(now)
    case .measurement(let m, let verdict):
      guard awaitingMeasurement, var run = analysis else {
        throw RolloutError("no measurement was asked for; this one is ignored")
      }
      awaitingMeasurement = false
      lastVerdict = RolloutVerdict(
        measurement: m, verdict: verdict, takenAt: now, stepIndex: stepIndex, canaryWeight: canaryWeight)
      run.record(m)
      analysis = run
      if case .analysis(let interval, _)? = currentStep {
        nextMeasurementAt = (nextMeasurementAt ?? now).adding(milliseconds: interval)
      }
      let result = run.result
      switch result.phase {
      case .running:
        message = "analysing: \(result)"
        return pausedAt == nil ? advance(now) : []
      case .successful:
        analysis = nil
        nextMeasurementAt = nil
        nextStep(now)
        return pausedAt == nil ? advance(now) : []
      case .failed:
        return abort(now, reason: "analysis \(result)")
      case .inconclusive:
        phase = .inconclusive
        message = "inconclusive: \(result) — promote, retry or abort"
        return []
      }
    case .promote(let full, _):
      guard !phase.isFinished else { throw RolloutError("the rollout is already \(phase.rawValue)") }
      pausedAt = nil
      if full {
        stepIndex = plan.steps.count
        analysis = nil
        awaitingMeasurement = false
        var effects: [RolloutEffect] = []
        if canaryWeight != 100 {
          canaryWeight = 100
          effects.append(.setCanaryWeight(100))
        }
        return effects + finish(now, message: "in full by a human")
      }
      analysis = nil
      awaitingMeasurement = false
      nextMeasurementAt = nil
      nextStep(now)
      return advance(now)
    case .abort(let reason):
      guard !phase.isFinished else { throw RolloutError("the rollout is already \(phase.rawValue)") }
      return abort(now, reason: reason)
    case .pause:
      guard !phase.isFinished else { throw RolloutError("the rollout is already \(phase.rawValue)") }
      guard pausedAt == nil else { throw RolloutError("the rollout is already paused") }
      pausedAt = now
      phase = .paused
      message = "paused by a human at step \(stepIndex + 1) (\(currentStep?.summary ?? "end"))"
      return []
    case .completed(let reason):
      guard !phase.isFinished else { throw RolloutError("the rollout is already \(phase.rawValue)") }
      stepIndex = plan.steps.count
      analysis = nil
      awaitingMeasurement = false
      nextMeasurementAt = nil
      pausedAt = nil
      phase = .promoted
      message = "promoted: \(reason)"
      return []
    case .hold(let reason):
      guard !phase.isFinished else { throw RolloutError("the rollout is already \(phase.rawValue)") }
      pausedAt = pausedAt ?? now
      phase = .paused
      message = reason
      return []
    case .resume:
      guard let since = pausedAt else { throw RolloutError("the rollout is not paused by a human") }
      // Deadlines move by the time spent paused, so a 10-minute pause still lasts 10 minutes.
      let held = now.milliseconds(since: since)
      stepStartedAt = stepStartedAt.adding(milliseconds: held)
      nextMeasurementAt = nextMeasurementAt?.adding(milliseconds: held)
      pausedAt = nil
      phase = .progressing
      return advance(now)
    case .retry:
      switch phase {
      case .aborted:
        stepIndex = 0
        canaryWeight = 0
        analysis = nil
        nextMeasurementAt = nil
        awaitingMeasurement = false
        stepStartedAt = now
        phase = .progressing
        return advance(now)
      case .inconclusive:
        analysis = nil
        nextMeasurementAt = nil
        awaitingMeasurement = false
        stepStartedAt = now
        phase = .progressing
        return advance(now)
      default:
        throw RolloutError(
          "only an aborted rollout or an inconclusive analysis can be retried (this one is \(phase.rawValue))"
        )
      }
    }
  }

  /// Runs steps from the current one for as long as they complete at `now`.
  private mutating func advance(_ now: Timestamp) -> [RolloutEffect] {
    var effects: [RolloutEffect] = []
    while let step = currentStep {
      switch step {
      case .setWeight(let p):
        if canaryWeight != p {
          canaryWeight = p
          effects.append(.setCanaryWeight(p))
        }
        phase = .progressing
        message = "step \(stepIndex + 1)/\(plan.steps.count): weight \(p) %"
        // Instantaneous: the next step starts when this one did, so deadlines
        // do not drift with late ticks (or a restart).
        nextStep(stepStartedAt)
      case .pause(let d):
        let end = stepStartedAt.adding(milliseconds: d)
        guard now >= end else {
          phase = .paused
          message =
            "step \(stepIndex + 1)/\(plan.steps.count): paused at \(canaryWeight) % until \(end.rfc3339)"
          return effects
        }
        nextStep(end)
      case .pauseUntilPromoted:
        phase = .paused
        message =
          "step \(stepIndex + 1)/\(plan.steps.count): at \(canaryWeight) %, waiting for a human to promote"
        return effects
      case .analysis(let interval, let policy):
        phase = .analysing
        if analysis == nil {
          analysis = AnalysisRun(policy: policy)
          nextMeasurementAt = stepStartedAt.adding(milliseconds: interval)
        }
        if !awaitingMeasurement, let due = nextMeasurementAt, now >= due {
          awaitingMeasurement = true
          effects.append(.measure)
        }
        message =
          "step \(stepIndex + 1)/\(plan.steps.count): analysing at \(canaryWeight) % (\(analysis?.result.description ?? ""))"
        return effects
      }
    }
    return effects + finish(now, message: "every step passed")
  }

  private mutating func nextStep(_ at: Timestamp) {
    stepIndex += 1
    stepStartedAt = at
  }

  private mutating func finish(_ now: Timestamp, message text: String) -> [RolloutEffect] {
    phase = .promoted
    message = "promoted: \(text)"
    return [.promoteCanary]
  }

  private mutating func abort(_ now: Timestamp, reason: String) -> [RolloutEffect] {
    phase = .aborted
    pausedAt = nil
    analysis = nil
    awaitingMeasurement = false
    nextMeasurementAt = nil
    message = "aborted: \(reason)"
    canaryWeight = 0
    return [.setCanaryWeight(0), .markRolledBack(reason: reason)]
  }

  /// This rollout as it stood at an earlier instant, rebuilt from what the
  /// audit log records of each change (``AuditAction/rolloutTick`` and the
  /// other `rollout.*` entries carry phase, step, weight and the message as
  /// their reason), for a replay's as-of view (``RegistryAsOf``).
  ///
  /// The plan and start time are this state's; the analysis run in progress
  /// and the next measurement's due time are not audited, so they are
  /// dropped (`nil`); ``lastVerdict`` is kept only when it was taken at or
  /// before `asOf`.
  /// - Parameters:
  ///   - phase: the phase then.
  ///   - step: the step then, 1-based as audited (clamped to the plan).
  ///   - canaryWeight: the canary weight then, percent.
  ///   - message: the state's sentence then.
  ///   - stepStartedAt: when that step started.
  ///   - changedAt: when that state was reached (a pause's time).
  ///   - asOf: the instant rebuilt.
  /// - Returns: the state at `asOf`.
  public func rewound(
    phase: RolloutPhase, step: Int, canaryWeight: Int, message: String, stepStartedAt: Timestamp,
    changedAt: Timestamp, asOf: Timestamp
  ) -> RolloutState {
    var s = RolloutState(plan: plan, stepStartedAt: stepStartedAt, startedAt: startedAt)
    s.phase = phase
    s.stepIndex = phase == .promoted ? plan.steps.count : max(0, min(step - 1, plan.steps.count))
    s.canaryWeight = canaryWeight
    s.message = message
    s.pausedAt = phase == .paused ? changedAt : nil
    s.lastVerdict = lastVerdict.flatMap { $0.takenAt <= asOf ? $0 : nil }
    return s
  }
}

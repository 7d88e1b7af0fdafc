import ArgumentParser
import FlightDeckCore

/// What the `flightdeck rollout …` commands share: sending an event to an
/// artefact's rollout, and the text and `--json` forms of rollouts and
/// their effects.
///
/// - rollout JSON: `{"id":3,"display_id":"RO-3","artefact","version","phase",
///   "step":2,"steps":7,"step_summary":"pause 10m","weight":5,"message",
///   "started_at","started_by","updated_at","paused_at":time|null,
///   "plan":["weight 5 %",…],"shadow_mirror":number-as-string|null,"routing_key"}`
/// - outcome JSON: the registry outcome (`flightdeck promote --json`) plus
///   `"rollout":rollout|null` and `"effects":["set canary weight 25%",…]`.
enum RolloutCLI {
  typealias Value = CanonicalJSON.Value

  /// Opens the workspace, sends `event` to `artefact`'s rollout as the
  /// operator and reports the outcome.
  /// - Throws: `ExitCode` through ``RegistryCLI/run(_:)`` when refused or failed.
  static func send(_ options: RegistryOptions, artefact: String, _ event: RolloutEvent) throws {
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.open()
      report(
        try context.perform(.rolloutEvent(artefact: artefact, event: event), on: store), json: context.json)
    }
  }

  /// The outcome's message and effects (stdout), warnings (stderr); or its JSON.
  static func report(_ outcome: RegistryOutcome, json: Bool) {
    if json {
      RegistryCLI.printJSON(self.json(outcome))
      return
    }
    RegistryCLI.say(outcome.message)
    if outcome.measurementDue {
      RegistryCLI.say(
        "measurement due: `flightdeck rollout drive ARTEFACT PATH…` takes it with the judge on telemetry files"
      )
    }
    for w in outcome.warnings { RegistryCLI.warn(w) }
  }

  /// The outcome JSON with the rollout and its effects.
  static func json(_ outcome: RegistryOutcome) -> Value {
    var members: [String: Value] = [:]
    if case .object(let base) = RegistryJSON.outcome(outcome) { members = base }
    members["rollout"] = outcome.rollout.map(rollout) ?? .null
    members["effects"] = .array(outcome.rolloutEffects.map { .string(effect($0)) })
    return .object(members)
  }

  /// One effect in words: `set canary weight 25%`, `measurement due`,
  /// `promote canary to production`, `mark rolled back: REASON`.
  static func effect(_ e: RolloutEffect) -> String {
    switch e {
    case .setCanaryWeight(let p): return "set canary weight \(p)%"
    case .measure: return "measurement due"
    case .promoteCanary: return "promote canary to production"
    case .markRolledBack(let reason): return "mark rolled back: \(reason)"
    }
  }

  /// `2/7 pause 10m` (or `7/7 done` past the last step).
  static func stepText(_ r: RolloutRecord) -> String {
    let n = r.plan.steps.count
    let i = min(r.state.stepIndex + 1, n)
    return "\(i)/\(n) " + (r.state.currentStep?.summary ?? "done")
  }

  /// A rollout as JSON (see the type's documentation).
  static func rollout(_ r: RolloutRecord) -> Value {
    let n = r.plan.steps.count
    return .object([
      "id": .integer(r.id),
      "display_id": .string(r.displayID),
      "artefact": .string(r.artefact),
      "version": .string(r.plan.canaryVersion),
      "phase": .string(r.state.phase.rawValue),
      "step": .integer(Int64(min(r.state.stepIndex + 1, n))),
      "steps": .integer(Int64(n)),
      "step_summary": r.state.currentStep.map { .string($0.summary) } ?? .null,
      "weight": .integer(Int64(r.state.servingWeight)),
      "message": .string(r.state.message),
      "started_at": RegistryJSON.time(r.startedAt),
      "started_by": .string(r.startedBy),
      "updated_at": RegistryJSON.time(r.updatedAt),
      "paused_at": RegistryJSON.time(r.state.pausedAt),
      "plan": .array(r.plan.steps.map { .string($0.summary) }),
      "shadow_mirror": r.plan.shadowMirror.map { .string(String($0)) } ?? .null,
      "routing_key": .string(r.plan.routingKey.rawValue),
    ])
  }
}

/// Rollouts as of an instant, rebuilt from their `rollout.*` audit entries.
extension RegistryAsOf {
  /// The rollouts started at or before `t` as they stood then, newest first
  /// (as ``RegistryStore/rollouts(artefact:)`` reads them now).
  ///
  /// A rollout whose last audited change is at or before `t` is the stored
  /// record, whole. Otherwise its phase, step and weight come from the last
  /// `rollout.*` entry at or before `t` (`after.phase`, `after.step`,
  /// `after.weight`), its message from that entry's reason, and its step's
  /// start from the first entry of the run of entries at that step.
  public func rollouts(at t: Timestamp) -> [RolloutRecord] {
    allRollouts.filter { $0.startedAt <= t }.compactMap { rollout(asOf: $0, at: t) }
      .sorted { $0.id > $1.id }
  }

  /// `record` as it stood at `t` (`nil` when no entry tells: not started yet).
  func rollout(asOf record: RolloutRecord, at t: Timestamp) -> RolloutRecord? {
    let (upTo, later) = entries("\(record.artefact):\(record.displayID)", at: t)
    guard !later.isEmpty else { return record }
    guard let last = upTo.last else { return nil }
    let after = Self.json(last.after)
    guard let phase = (after["phase"] as? String).flatMap(RolloutPhase.init(rawValue:)),
      let step = Self.int(after["step"]), let weight = Self.int(after["weight"])
    else { return nil }
    var stepStartedAt = last.at
    for e in upTo.reversed() {
      guard Self.int(Self.json(e.after)["step"]) == step else { break }
      stepStartedAt = e.at
    }
    var r = record
    r.state = record.state.rewound(
      phase: phase, step: step, canaryWeight: weight,
      message: Self.rolloutMessage(last, step: step, weight: weight),
      stepStartedAt: stepStartedAt, changedAt: last.at, asOf: t)
    r.updatedAt = last.at
    return r
  }

  /// The state's sentence an entry records: its reason without the prefix
  /// the store adds for measurements and promotions; for the start (whose
  /// reason is the plan), where it stands.
  static func rolloutMessage(_ e: AuditEntry, step: Int, weight: Int) -> String {
    switch e.action {
    case .rolloutStart:
      return "started: step \(step), canary at \(weight) %"
    case .rolloutMeasurement:
      guard e.reason.hasPrefix("measurement "), let colon = e.reason.range(of: ": ") else { return e.reason }
      return String(e.reason[colon.upperBound...])
    case .rolloutPromote:
      for prefix in ["promote in full: ", "promote: "] where e.reason.hasPrefix(prefix) {
        return String(e.reason.dropFirst(prefix.count))
      }
      return e.reason
    default:
      return e.reason
    }
  }
}

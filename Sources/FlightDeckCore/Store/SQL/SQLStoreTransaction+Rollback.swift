extension SQLStoreTransaction {
  /// Moves production back at once, without approvals, to `to` or the previous production version.
  func rollback(artefact: String, to: String?, reason: String, expected: String??) throws -> RegistryOutcome {
    try RegistryNames.validateText(reason, field: "reason", required: true)
    let (_, weight) = try requireArtefact(artefact)
    let current = try pointer(artefact, .production)
    try check(expected: expected, artefact: artefact, pointer: .production, current: current)
    guard let current else {
      throw RegistryError(.notApplicable, "\(artefact) has no production version to roll back")
    }
    let target: String
    if let to {
      _ = try requireVersion(artefact, to)
      guard to != current.version else {
        throw RegistryError(.notApplicable, "\(artefact) production is already \(to)")
      }
      // A rollback goes back: to a version that served production before.
      // Anything else is a promotion, with its gates and approvals.
      let served = try SQLStoreRows.moves(session, artefact, .production).contains { $0.toVersion == to }
      guard served else {
        throw RegistryError(
          .notApplicable,
          "\(artefact) \(to) was never in production, so moving production to it is a promotion, not a rollback: use `flightdeck promote \(artefact) \(to)`"
        )
      }
      target = to
    } else {
      guard let found = try previousProductionVersion(artefact, current: current.version) else {
        throw RegistryError(
          .notApplicable, "\(artefact) has no earlier production version to roll back to")
      }
      target = found
    }
    let move = try movePointer(
      artefact, .production, to: target, reason: reason, requestID: nil, cause: .rollback,
      auditAction: .rollback, extraAfter: ["rolledBack": .string(current.version)])
    try session.execute(
      "UPDATE version SET rolled_back_at = ? WHERE artefact = ? AND label = ?",
      binding: [now.millisecondsSinceEpoch, artefact, current.version])
    var canary = ""
    if weight > 0 {
      try writeCanaryWeight(artefact: artefact, from: weight, to: 0, reason: reason)
      canary = "; canary weight \(weight)% → 0%"
    }
    return RegistryOutcome(message: "rolled back \(Self.moveText(move))\(canary)")
  }

  /// The version production pointed at before `current`: walking production's
  /// moves newest first (each move's `toVersion`, then its `fromVersion`), the
  /// first that is not `current` and was never rolled back.
  func previousProductionVersion(_ artefact: String, current: String) throws -> String? {
    let moves = try SQLStoreRows.moves(session, artefact, .production)
    var rejected: Set<String> = [current]
    for move in moves.reversed() {
      for candidate in [move.toVersion, move.fromVersion].compactMap({ $0 })
      where !rejected.contains(candidate) {
        if let v = try SQLStoreRows.version(session, artefact, candidate), v.rolledBackAt == nil {
          return candidate
        }
        rejected.insert(candidate)
      }
    }
    return nil
  }
}

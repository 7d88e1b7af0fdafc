/// The registry snapshot, requests and pointer history as of an instant.
extension RegistryAsOf {
  /// The registry as a ``RegistrySnapshot`` at `t`: the artefacts and
  /// versions registered by then, their pointers, canary weights, gate
  /// results and rollouts then, and the requests open then plus the 50 most
  /// recently closed, newest first (as ``RegistryStore/snapshot()`` reads the store now).
  public func snapshot(at t: Timestamp) -> RegistrySnapshot {
    let rollouts = rollouts(at: t)
    var artefacts: [RegisteredArtefact] = []
    for a in current where a.artefact.createdAt <= t {
      let name = a.artefact.name
      var versions = a.versions.filter { $0.createdAt <= t }
      for i in versions.indices {
        if let back = versions[i].rolledBackAt, back > t { versions[i].rolledBackAt = nil }
        versions[i].gates = gateRecords["\(name)@\(versions[i].label)"]?.first { $0.evaluatedAt <= t }
          .map(GateStatus.init)
      }
      var pointers: [PointerName: String] = [:]
      var lastMoves: [PointerName: PointerMove] = [:]
      for move in pointerHistory(artefact: name, at: t) {
        lastMoves[move.pointer] = move
        pointers[move.pointer] = move.toVersion
      }
      lastMoves = lastMoves.filter { pointers[$0.key] != nil }
      let weight = Self.int(field("weight", of: name, actions: [.canaryWeight], at: t) ?? nil)
      let latest = rollouts.first { $0.artefact == name }
      artefacts.append(
        RegisteredArtefact(
          artefact: a.artefact, versions: versions, pointers: pointers, lastMoves: lastMoves,
          canaryWeightPercent: weight ?? a.canaryWeightPercent,
          rollout: latest?.isFinished == false ? latest : nil, latestRollout: latest))
    }
    let requests = requests(at: t)
    let open = requests.filter(\.state.isOpen)
    let closed = requests.filter { !$0.state.isOpen }.prefix(50)
    return RegistrySnapshot(
      artefacts: artefacts.sorted { $0.artefact.name < $1.artefact.name },
      requests: (open + closed).sorted { $0.id > $1.id }, changeToken: changeToken(at: t),
      auditCount: Int64(auditEntries(at: t).count))
  }

  /// The moves of `artefact`'s pointers made at or before `t`, oldest first.
  public func pointerHistory(artefact: String, at t: Timestamp) -> [PointerMove] {
    (moves[artefact] ?? []).filter { $0.at <= t }
  }

  /// Every request made at or before `t` as it stood then, newest first:
  /// the decisions taken by `t`; the stored state when it changed by `t`,
  /// else pending; an open request past its expiry reads as expired.
  public func requests(at t: Timestamp) -> [PromotionRequest] {
    allRequests.filter { $0.createdAt <= t }.map { stored in
      var r = stored
      r.decisions = stored.decisions.filter { $0.at <= t }
      if stored.stateChangedAt > t {
        r.state = .pending
        r.stateChangedAt = stored.createdAt
      }
      if r.state.isOpen, r.expiresAt <= t {
        r.state = .expired
        r.stateChangedAt = r.expiresAt
      }
      return r
    }
    .sorted { $0.id > $1.id }
  }
}

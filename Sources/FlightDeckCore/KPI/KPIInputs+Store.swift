extension KPIInputs {
  /// Reads the inputs for `[from, to)` from `store`: every artefact's
  /// production moves, every request, the whole audit log, every incident,
  /// and the gate records of every version an incident links.
  /// - Throws: ``RegistryError`` on a storage failure.
  public static func load(store: any RegistryStore, from: Timestamp, to: Timestamp) throws -> KPIInputs {
    let snapshot = try store.snapshot()
    var moves: [PointerMove] = []
    for a in snapshot.artefacts {
      moves += try store.pointerHistory(artefact: a.artefact.name, pointer: .production)
    }
    let incidents = try store.incidents(states: nil, limit: Int.max)
    var passed: Set<String> = []
    for v in Set(incidents.flatMap(\.links.versions)) {
      let records = (try? store.gateResults(artefact: v.artefact, version: v.label)) ?? []
      if records.contains(where: \.passed) { passed.insert("\(v.artefact)@\(v.label)") }
    }
    return KPIInputs(
      from: from, to: to, productionMoves: moves,
      requests: try store.requests(artefact: nil, states: nil, limit: Int.max),
      audit: try store.auditEntries(since: nil), incidents: incidents, passedGateVersions: passed)
  }
}

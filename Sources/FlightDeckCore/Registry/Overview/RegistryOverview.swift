/// The Registry pane's model: the registry (versions, pointers, requests)
/// merged with the telemetry window (routes, share, figures), per artefact
/// and per version. A pure value built by ``merge(registry:telemetry:)``.
///
/// Artefacts: those seen in telemetry, in the telemetry snapshot's order
/// (by name), then registered ones not seen, by name.
/// Versions of a registered artefact, registration order (oldest first),
/// showing those that matter now: with a pointer, seen in telemetry, with
/// an open request, or the newest registered (the next one to promote);
/// then versions seen in telemetry but not registered, in telemetry order,
/// flagged ``OverviewVersion/Flags/unregistered``. Artefacts seen only in
/// telemetry list their seen versions, all flagged.
///
/// With no registry (`registry == nil`: no workspace), nothing is flagged:
/// the rows are telemetry's alone.
public struct RegistryOverview: Sendable, Hashable {
  /// The artefacts, by name.
  public var artefacts: [OverviewArtefact]
  /// Whether a registry was merged (flags mean something only then).
  public var hasRegistry: Bool

  /// Creates an overview.
  public init(artefacts: [OverviewArtefact], hasRegistry: Bool) {
    self.artefacts = artefacts
    self.hasRegistry = hasRegistry
  }

  /// Every version row, artefact by artefact.
  public var rows: [OverviewVersion] { artefacts.flatMap(\.versions) }

  /// Whether any row is flagged unregistered.
  public var hasUnregistered: Bool { rows.contains { $0.isUnregistered } }

  /// Merges `registry` and `telemetry` (either may be absent).
  ///
  /// Cost: O(A + V + R·log R + Q) for A telemetry artefacts with V legs in
  /// all, R registered artefacts and Q requests — linear in what telemetry
  /// names (hash lookups, no list searches), so thousands of distinct
  /// artefact names cost a proportional merge, not a quadratic one.
  public static func merge(registry: RegistrySnapshot?, telemetry: DashboardSnapshot?) -> RegistryOverview {
    let seen = telemetry?.artefacts ?? []
    var seenByName: [String: ArtefactSummary] = [:]
    seenByName.reserveCapacity(seen.count)
    var names: [String] = []
    names.reserveCapacity(seen.count)
    for a in seen where seenByName[a.name] == nil {
      seenByName[a.name] = a
      names.append(a.name)
    }
    var registered: [String: RegisteredArtefact] = [:]
    for r in registry?.artefacts ?? [] { registered[r.artefact.name] = r }
    names += registered.keys.filter { seenByName[$0] == nil }.sorted()
    let flagging = registry != nil
    let requests = openRequestsByVersion(registry)
    var result: [OverviewArtefact] = []
    result.reserveCapacity(names.count)
    for name in names {
      let summary = seenByName[name]
      if let entry = registered[name], registry != nil {
        result.append(merged(entry, summary: summary, requests: requests))
      } else if let summary {
        let rows = legsByLabel(summary).map { label, legs in
          OverviewVersion(
            artefact: name, label: label, pointers: [], legs: legs, openRequest: nil,
            rolledBackAt: nil, flags: flagging ? .unregistered : [])
        }
        result.append(
          OverviewArtefact(
            name: name, kind: summary.kind, record: nil, versions: rows, productionVersion: nil,
            canaryWeightPercent: 0))
      }
    }
    return RegistryOverview(artefacts: result, hasRegistry: flagging)
  }

  /// A version's place in ``openRequestsByVersion(_:)``.
  struct VersionRef: Hashable {
    var artefact: String
    var version: String
  }

  /// The oldest open request per (artefact, version) of `registry`
  /// (``RegistrySnapshot/openRequests(artefact:version:)``'s first), in one pass.
  static func openRequestsByVersion(_ registry: RegistrySnapshot?) -> [VersionRef: PromotionRequest] {
    var out: [VersionRef: PromotionRequest] = [:]
    for r in registry?.requests ?? [] where r.state.isOpen {
      let ref = VersionRef(artefact: r.artefact, version: r.version)
      if let held = out[ref], held.id <= r.id { continue }
      out[ref] = r
    }
    return out
  }

  /// A registered artefact's entry.
  static func merged(
    _ entry: RegisteredArtefact, summary: ArtefactSummary?, requests: [VersionRef: PromotionRequest]
  ) -> OverviewArtefact {
    let name = entry.artefact.name
    let labels = Set(entry.versions.map(\.label))
    let newest = entry.versions.last?.label
    let seen = summary.map(legsByLabel) ?? []
    var seenByLabel: [String: [VersionSummary]] = [:]
    for (label, legs) in seen { seenByLabel[label] = legs }
    var rows: [OverviewVersion] = []
    for v in entry.versions {
      let pointers = entry.pointers(on: v.label)
      let seenLegs = seenByLabel[v.label] ?? []
      let request = requests[VersionRef(artefact: name, version: v.label)]
      guard !pointers.isEmpty || !seenLegs.isEmpty || request != nil || v.label == newest else { continue }
      rows.append(
        OverviewVersion(
          artefact: name, label: v.label, pointers: pointers, legs: seenLegs, openRequest: request,
          rolledBackAt: v.rolledBackAt, flags: seenLegs.isEmpty ? .noTraffic : [], gates: v.gates))
    }
    for (label, legs) in seen where !labels.contains(label) {
      rows.append(
        OverviewVersion(
          artefact: name, label: label, pointers: [], legs: legs, openRequest: nil,
          rolledBackAt: nil, flags: .unregistered))
    }
    return OverviewArtefact(
      name: name, kind: entry.artefact.kind, record: entry.artefact, versions: rows,
      productionVersion: entry.pointers[.production], canaryWeightPercent: entry.canaryWeightPercent)
  }

  /// The legs of version `label` in `summary`, stable, canary, shadow order
  /// (a stable sort): the ``OverviewVersion/legs`` that
  /// ``merge(registry:telemetry:)`` gives that version's row, found again
  /// for one row (a view reading the figures of the rows on screen from a
  /// newer snapshot of the same ``SnapshotLayout``). O(V) for V legs of `summary`.
  public static func legs(ofVersion label: String, in summary: ArtefactSummary) -> [VersionSummary] {
    let legs = summary.versions.filter { $0.version == label }
    guard legs.count > 1 else { return legs }
    return legs.enumerated().sorted { a, b in
      a.element.route.displayOrder != b.element.route.displayOrder
        ? a.element.route.displayOrder < b.element.route.displayOrder : a.offset < b.offset
    }.map(\.element)
  }

  /// The distinct version labels of `summary`, first appearance first,
  /// each with its legs in stable, canary, shadow order (a stable sort, so
  /// legs of one route keep their order). One pass: O(V) for V legs.
  static func legsByLabel(_ summary: ArtefactSummary) -> [(label: String, legs: [VersionSummary])] {
    var position: [String: Int] = [:]
    var out: [(label: String, legs: [VersionSummary])] = []
    for v in summary.versions {
      if let i = position[v.version] {
        out[i].legs.append(v)
      } else {
        position[v.version] = out.count
        out.append((v.version, [v]))
      }
    }
    for i in out.indices where out[i].legs.count > 1 {
      out[i].legs = out[i].legs.enumerated().sorted { a, b in
        a.element.route.displayOrder != b.element.route.displayOrder
          ? a.element.route.displayOrder < b.element.route.displayOrder : a.offset < b.offset
      }.map(\.element)
    }
    return out
  }
}

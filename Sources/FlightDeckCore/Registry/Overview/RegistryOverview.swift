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
  public static func merge(registry: RegistrySnapshot?, telemetry: DashboardSnapshot?) -> RegistryOverview {
    let seen = telemetry?.artefacts ?? []
    var seenByName: [String: ArtefactSummary] = [:]
    for a in seen where seenByName[a.name] == nil { seenByName[a.name] = a }
    var registered: [String: RegisteredArtefact] = [:]
    for r in registry?.artefacts ?? [] { registered[r.artefact.name] = r }
    var names: [String] = []
    for a in seen where !names.contains(a.name) { names.append(a.name) }
    names += registered.keys.filter { seenByName[$0] == nil }.sorted()
    let flagging = registry != nil
    var result: [OverviewArtefact] = []
    for name in names {
      let summary = seenByName[name]
      if let entry = registered[name], let registry {
        result.append(merged(entry, summary: summary, registry: registry))
      } else if let summary {
        let rows = labelsInOrder(summary).map { label in
          OverviewVersion(
            artefact: name, label: label, pointers: [], legs: legs(summary, label), openRequest: nil,
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

  /// A registered artefact's entry.
  static func merged(
    _ entry: RegisteredArtefact, summary: ArtefactSummary?, registry: RegistrySnapshot
  ) -> OverviewArtefact {
    let name = entry.artefact.name
    let labels = Set(entry.versions.map(\.label))
    let newest = entry.versions.last?.label
    var rows: [OverviewVersion] = []
    for v in entry.versions {
      let pointers = entry.pointers(on: v.label)
      let seenLegs = summary.map { legs($0, v.label) } ?? []
      let request = registry.openRequests(artefact: name, version: v.label).first
      guard !pointers.isEmpty || !seenLegs.isEmpty || request != nil || v.label == newest else { continue }
      rows.append(
        OverviewVersion(
          artefact: name, label: v.label, pointers: pointers, legs: seenLegs, openRequest: request,
          rolledBackAt: v.rolledBackAt, flags: seenLegs.isEmpty ? .noTraffic : [], gates: v.gates))
    }
    if let summary {
      for label in labelsInOrder(summary) where !labels.contains(label) {
        rows.append(
          OverviewVersion(
            artefact: name, label: label, pointers: [], legs: legs(summary, label), openRequest: nil,
            rolledBackAt: nil, flags: .unregistered))
      }
    }
    return OverviewArtefact(
      name: name, kind: entry.artefact.kind, record: entry.artefact, versions: rows,
      productionVersion: entry.pointers[.production], canaryWeightPercent: entry.canaryWeightPercent)
  }

  /// The distinct version labels of `summary`, first appearance first.
  static func labelsInOrder(_ summary: ArtefactSummary) -> [String] {
    var out: [String] = []
    for v in summary.versions where !out.contains(v.version) { out.append(v.version) }
    return out
  }

  /// The legs of `label` in `summary`, stable, canary, shadow order.
  static func legs(_ summary: ArtefactSummary, _ label: String) -> [VersionSummary] {
    let order: [Route] = [.stable, .canary, .shadow]
    return summary.versions.filter { $0.version == label }.sorted {
      (order.firstIndex(of: $0.route) ?? 3) < (order.firstIndex(of: $1.route) ?? 3)
    }
  }
}

/// The availability SLO a retrospective measures error budget against: an
/// objective (share of good requests, e.g. 0.995) over a period in ms
/// (e.g. 30 days).
public struct RetroSLO: Sendable, Hashable {
  /// Share of non-error requests promised, in (0, 1).
  public var objective: Double
  /// The SLO period in ms (> 0).
  public var periodMs: Int64

  /// The SLO a retrospective of `incident` measures against: the first
  /// availability SLO in `slos` (the workspace's configured `[[slo]]`s)
  /// whose artefact the incident links, with its objective and period;
  /// `nil` when none does.
  public static func configured(for incident: Incident, in slos: [SLODefinition]) -> RetroSLO? {
    let artefacts = incident.links.allArtefacts
    return slos.first { $0.kind == .availability && artefacts.contains($0.artefact) }
      .flatMap { RetroSLO(objective: $0.objectivePercent / 100, periodMs: $0.periodMs) }
  }

  /// Creates an SLO; `nil` when `objective` is not in (0, 1) or `periodMs` ≤ 0.
  public init?(objective: Double, periodMs: Int64) {
    guard objective > 0, objective < 1, periodMs > 0 else { return nil }
    self.objective = objective
    self.periodMs = periodMs
  }
}

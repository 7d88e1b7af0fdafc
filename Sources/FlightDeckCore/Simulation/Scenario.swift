/// A traffic scenario for the routing simulator: which artefacts receive
/// requests, how their versions behave and what changes when.
///
/// Loaded from TOML (see `Scenario.init(toml:fileName:)` and the *Scenarios*
/// article of the DocC catalog for every key, unit and default).
public struct Scenario: Sendable, Hashable {
  /// Human-readable name (`name`), default `"scenario"`.
  public var name: String
  /// Total user-facing request rate in requests per second (`rate`), > 0;
  /// default 40. Mirrored shadow copies come on top of it.
  public var rate: Double
  /// Seed of the run (`seed`), optional; the CLI's `--seed` wins.
  public var seed: UInt64?
  /// The artefacts receiving traffic, in file order (`[[artefact]]`), ≥ 1.
  public var artefacts: [ScenarioArtefact]
  /// Timed changes (`[[event]]`), sorted by `atMs` (stable for equal times).
  public var events: [ScenarioEvent]
  /// Rollouts of the story (`[[rollout]]`), started by `flightdeck demo`
  /// when its screen opens; empty by default.
  public var rollouts: [ScenarioRollout]

  /// Creates a scenario. `events` are sorted by time here.
  public init(
    name: String = "scenario", rate: Double = 40, seed: UInt64? = nil,
    artefacts: [ScenarioArtefact], events: [ScenarioEvent] = [], rollouts: [ScenarioRollout] = []
  ) {
    self.name = name
    self.rate = rate
    self.seed = seed
    self.artefacts = artefacts
    self.rollouts = rollouts
    self.events = events.enumerated().sorted { a, b in
      a.element.atMs != b.element.atMs ? a.element.atMs < b.element.atMs : a.offset < b.offset
    }.map(\.element)
  }
}

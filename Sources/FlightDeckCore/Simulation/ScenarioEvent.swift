/// A timed change in a scenario (`[[event]]`).
///
/// At scenario start + `atMs` the named version's behaviour changes (e.g.
/// "the canary's error rate rises to 8 % and its latency doubles") and/or the
/// artefact's split changes (a rollout step). Fields left `nil` stay as they
/// are. Changes replace the current value; `latencyFactor` multiplies the
/// version's configured latency (not the previous factor).
public struct ScenarioEvent: Sendable, Hashable {
  /// Offset from scenario start in ms (`at`, a duration such as `"4m"`).
  public var atMs: Int64
  /// Artefact name (`artefact`).
  public var artefact: String
  /// Version label the behaviour changes apply to (`version`); required when
  /// any of `errorRate`, `timeoutRate`, `latencyFactor` is set.
  public var version: String?
  /// New error rate, 0…1 (`error_rate`).
  public var errorRate: Double?
  /// New timeout rate, 0…1 (`timeout_rate`).
  public var timeoutRate: Double?
  /// Multiplier on the version's configured latency and TTFT, > 0 (`latency_factor`).
  public var latencyFactor: Double?
  /// New canary weight in percent, 0…100 (`canary_weight`); needs a canary.
  public var canaryWeight: Double?
  /// New mirror fraction, 0…1 (`mirror_fraction`); needs a shadow.
  public var mirrorFraction: Double?

  /// Creates an event.
  public init(
    atMs: Int64, artefact: String, version: String? = nil, errorRate: Double? = nil,
    timeoutRate: Double? = nil, latencyFactor: Double? = nil, canaryWeight: Double? = nil,
    mirrorFraction: Double? = nil
  ) {
    self.atMs = atMs
    self.artefact = artefact
    self.version = version
    self.errorRate = errorRate
    self.timeoutRate = timeoutRate
    self.latencyFactor = latencyFactor
    self.canaryWeight = canaryWeight
    self.mirrorFraction = mirrorFraction
  }
}

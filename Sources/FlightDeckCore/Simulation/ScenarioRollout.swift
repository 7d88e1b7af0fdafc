/// A rollout a scenario's story includes (`[[rollout]]`): `flightdeck demo`
/// starts it through the registry when its screen opens (after the
/// backfilled history), and drives it like any other rollout, so the story
/// — weights stepping up, analyses passing, a scripted degradation, the
/// judge failing it, the abort — plays on screen by itself.
///
/// Keys (see the *Scenarios* article): `artefact`, `version` (the
/// artefact's canary version), `window` (the judge's look-back for each
/// measurement, a duration, default `"90s"`), and `steps`, an array of
/// inline tables with exactly one of `weight` (percent 0–100), `pause` (a
/// duration, or `"promote"` to wait for a human) or `analysis` (the
/// measurement interval, a duration) with the optional Argo limits
/// `count`, `failure_limit` and `inconclusive_limit` (an analysis without
/// `count` runs until it fails or a human promotes: Argo's background
/// analysis).
public struct ScenarioRollout: Sendable, Hashable {
  /// The plan (artefact, canary version, steps; sticky by session).
  public var plan: RolloutPlan
  /// The judge's look-back for each measurement, ms (> 0).
  public var windowMs: Int64

  /// Creates a scenario rollout.
  public init(plan: RolloutPlan, windowMs: Int64 = 90_000) {
    self.plan = plan
    self.windowMs = windowMs
  }
}

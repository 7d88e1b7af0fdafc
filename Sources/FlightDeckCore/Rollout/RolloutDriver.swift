/// Drives one artefact's rollout: ticks it on the clock and, when an analysis
/// step asks for a measurement, judges the canary against production on the
/// latest samples and reports the verdict — the loop Argo Rollouts' controller
/// and Kayenta run together.
///
/// Every change goes through ``RegistryStore/perform(_:as:)`` (so it is one
/// transaction and audited); the samples come from an injected provider, so
/// the driver works on live telemetry, on files, or on test data alike.
public struct RolloutDriver: Sendable {
  /// What one step did.
  public struct Step: Sendable, Hashable {
    /// The rollout after the step (`nil`: the artefact has none).
    public var rollout: RolloutRecord?
    /// The verdict of the measurement taken in this step, if one was due.
    public var verdict: CanaryVerdict?
    /// Whether the step changed the rollout (a weight, a phase, a measurement).
    public var changed: Bool
  }

  /// The samples of `artefact` over the analysis window ending now (the
  /// caller chooses the window), gathered once per measurement; `nil` when
  /// there are none (the judge then sees empty samples: nodata, never pass).
  public typealias SampleProvider = @Sendable (_ artefact: String) -> AnalysisSampleCollector?

  /// The artefact whose rollout is driven.
  public let artefact: String
  /// The store the rollout lives in.
  public let store: any RegistryStore
  /// Who the audit log names for the driver's ticks and measurements: the
  /// rollout controller (``SystemActor/rolloutController``) by default; the
  /// store adds the operator who started the rollout to each entry.
  public let actor: OperatorIdentity
  /// The judge's configuration.
  public let judge: JudgeConfiguration
  /// Where the samples come from.
  public let samples: SampleProvider

  /// Creates a driver.
  public init(
    artefact: String, store: any RegistryStore, actor: OperatorIdentity = .system(.rolloutController),
    judge: JudgeConfiguration = .standard,
    samples: @escaping SampleProvider
  ) {
    self.artefact = artefact
    self.store = store
    self.actor = actor
    self.judge = judge
    self.samples = samples
  }

  /// Ticks the rollout; if a measurement falls due, judges the plan's canary
  /// version (canary route) against the production version (stable route)
  /// and records the verdict as the measurement (a judge error records
  /// `error`, which Argo counts towards its consecutive-error limit).
  /// - Returns: What happened.
  /// - Throws: ``RegistryError`` when the store refuses (no rollout, gates not
  ///   passed at promotion…) or fails.
  public func step() throws -> Step {
    let tick = try store.perform(.rolloutEvent(artefact: artefact, event: .tick), as: actor)
    guard tick.measurementDue, let rollout = tick.rollout else {
      return Step(rollout: tick.rollout, verdict: nil, changed: tick.changed)
    }
    let production = try store.snapshot().artefact(artefact)?.pointers[.production]
    var verdict: CanaryVerdict?
    let measurement: MeasurementOutcome
    if let production {
      let collected = samples(artefact)
      let canaryVersion = rollout.plan.canaryVersion
      do {
        let v = try CanaryJudge.judge(
          baseline: collected?.samples(version: production, route: .stable)
            ?? VersionSamples(version: production),
          canary: collected?.samples(version: canaryVersion, route: canaryRoute(collected, canaryVersion))
            ?? VersionSamples(version: canaryVersion),
          config: judge)
        verdict = v
        measurement = MeasurementOutcome(v.outcome)
      } catch {
        measurement = .error
      }
    } else {
      measurement = .error
    }
    let out = try store.perform(
      .rolloutEvent(artefact: artefact, event: .measurement(measurement, verdict: verdict)), as: actor)
    return Step(rollout: out.rollout, verdict: verdict, changed: true)
  }

  /// The route the canary version's samples are judged on: `canary` when it
  /// served user-facing requests in the window, else `shadow` when it only
  /// received mirrored traffic (a plan with ``RolloutPlan/shadowMirror`` at
  /// weight 0: shadow against its primary), else `canary` (no data).
  func canaryRoute(_ collected: AnalysisSampleCollector?, _ version: String) -> Route {
    guard let collected, collected.requests(version: version, route: .canary) == 0,
      collected.requests(version: version, route: .shadow) > 0
    else { return .canary }
    return .shadow
  }
}

/// Plays a scenario's story in virtual time the way `flightdeck demo` plays
/// it in real time: the simulated traffic follows the registry
/// (``RegistryTrafficFollower``) and every running rollout is driven
/// (``RolloutDriver``: ticks, and measurements judged on the last
/// ``ScenarioRollout/windowMs`` of the traffic) — on a ``ManualClock``, so
/// `simulate --seed-registry --play-rollouts`, the screenshots and the
/// story's tests get the same telemetry and registry on every run.
///
/// With an ``AlertEngine`` and an ``AlertKeeper`` it also evaluates the
/// alert rules on the traffic (on the same manual clock) and keeps their
/// state in the registry — firing alerts audited, incidents opened for
/// paging severities — as the demo's dashboard does.
///
/// The caller seeds the registry and starts the story's rollouts
/// (``DemoRegistrySeed/seed(_:scenario:clock:now:)``,
/// ``DemoRegistrySeed/startRollouts(_:scenario:as:)``) at ``opensAt``, the
/// instant the demo's screen would open; before it the traffic is the
/// scenario's own (the demo's backfill), from it on it follows the registry.
public struct ScenarioStoryPlayer {
  /// One measurement the player took.
  public struct Measurement: Sendable {
    /// When, on the store's clock.
    public var at: Timestamp
    /// The artefact.
    public var artefact: String
    /// The judge's verdict (`nil` when the judge could not run).
    public var verdict: CanaryVerdict?
    /// The rollout after it.
    public var rollout: RolloutRecord?
  }

  /// The simulator (its ``TrafficSimulator/generatedUntil`` is how far the story got).
  public private(set) var simulator: TrafficSimulator
  /// The registry the traffic follows and the rollouts live in.
  public let store: any RegistryStore
  /// The store's clock, moved by the player.
  public let clock: ManualClock
  /// When the demo's screen would open: the registry is followed and the
  /// rollouts driven from here.
  public let opensAt: Timestamp
  /// Who the audit log names for the driver's ticks and measurements (the
  /// rollout controller by default, as in the demo's dashboard).
  public let actor: OperatorIdentity
  /// Slice of virtual time per step, ms (the demo's producer: 200 ms; 1 s is plenty here).
  public let sliceMs: Int64 = 1_000
  /// How often the rollouts are driven, ms (the demo's autopilot: 2 s).
  public let driveEveryMs: Int64 = 2_000

  private let windowMs: [String: Int64]
  private var follower: RegistryTrafficFollower
  private var alerts: AlertEngine?
  private let keeper: AlertKeeper?
  private var metrics: MetricsStore
  private var recent: [String: [TelemetryRecord]] = [:]
  private var lastDrive: Timestamp?

  /// Creates a player.
  /// - Parameters:
  ///   - scenario: The scenario (its ``Scenario/rollouts`` give each
  ///     artefact's look-back; other artefacts use 120 s, as the demo does).
  ///   - simulator: The scenario's simulator, at its start.
  ///   - store: The seeded registry, running on `clock`.
  ///   - clock: The store's clock.
  ///   - opensAt: When the demo's screen would open.
  ///   - actor: Who drives the rollouts.
  ///   - alerts: Alert rules to evaluate from `opensAt` on (`nil`: none).
  ///   - keeper: Where their transitions go (`nil`: evaluated, not kept).
  public init(
    scenario: Scenario, simulator: TrafficSimulator, store: any RegistryStore, clock: ManualClock,
    opensAt: Timestamp, actor: OperatorIdentity = .system(.rolloutController), alerts: AlertEngine? = nil,
    keeper: AlertKeeper? = nil
  ) {
    var options = EngineOptions()
    if let alerts { options.fitMetricsToAlerts(alerts) }
    self.metrics = MetricsStore(configuration: options.metrics)
    self.alerts = alerts
    self.keeper = keeper
    self.simulator = simulator
    self.store = store
    self.clock = clock
    self.opensAt = opensAt
    self.actor = actor
    self.windowMs = Dictionary(
      scenario.rollouts.map { ($0.plan.artefact, $0.windowMs) }, uniquingKeysWith: { a, _ in a })
    self.follower = RegistryTrafficFollower(store: store)
  }

  /// Plays until `end`, handing every batch of records to `sink` in time order.
  /// - Returns: the measurements taken, in order.
  /// - Throws: what `sink` throws, or a ``RegistryError`` when the store fails.
  public mutating func play(
    until end: Timestamp, sink: ([TelemetryRecord]) throws -> Void
  ) throws -> [Measurement] {
    var out: [Measurement] = []
    while simulator.generatedUntil < end {
      let now = min(end, simulator.generatedUntil.adding(milliseconds: sliceMs))
      let following = simulator.generatedUntil >= opensAt
      if following { follower.apply(to: &simulator) }
      let batch = simulator.records(until: now)
      try sink(batch)
      for r in batch { recent[r.artefact, default: []].append(r) }
      if alerts != nil { for r in batch { metrics.record(r) } }
      guard now >= opensAt else { continue }
      clock.set(now)
      if var engine = alerts {
        if engine.tick(now: now, store: metrics) { _ = keeper?.record(engine.takeTransitions()) }
        alerts = engine
      }
      if let last = lastDrive, now.milliseconds(since: last) < driveEveryMs { continue }
      lastDrive = now
      out += try driveRollouts(at: now)
    }
    return out
  }

  private mutating func driveRollouts(at now: Timestamp) throws -> [Measurement] {
    let running = try store.snapshot().artefacts.compactMap { $0.rollout == nil ? nil : $0.artefact.name }
    let longest = max(120_000, windowMs.values.max() ?? 0)
    for key in recent.keys {
      let cut = now.adding(milliseconds: -longest)
      recent[key]?.removeAll { $0.timestamp < cut }
    }
    var out: [Measurement] = []
    for name in running {
      let window = windowMs[name] ?? 120_000
      var collector = AnalysisSampleCollector(
        artefact: name, from: now.adding(milliseconds: -window), to: now)
      for r in recent[name] ?? [] { collector.add(r) }
      let collected = collector
      let driver = RolloutDriver(artefact: name, store: store, actor: actor, samples: { _ in collected })
      let step = try driver.step()
      if step.verdict != nil || step.rollout?.state.phase.isFinished == true && step.changed {
        out.append(Measurement(at: now, artefact: name, verdict: step.verdict, rollout: step.rollout))
      }
    }
    return out
  }
}

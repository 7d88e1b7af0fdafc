/// The live state of one artefact during a simulation: its router, its
/// versions' states and its open sessions.
struct SimulatedArtefactState: Sendable {
  /// Configured artefact.
  let spec: ScenarioArtefact
  /// Current split.
  var router: TrafficRouter
  /// Stable version state.
  var stable: SimulatedVersionState
  /// Canary version state, if any.
  var canary: SimulatedVersionState?
  /// Shadow version state, if any.
  var shadow: SimulatedVersionState?
  /// Open sessions, when the artefact uses them.
  var sessions: SessionPool?
  /// Fraction (0–1) of user-facing requests not served by the canary that
  /// are mirrored to the canary's version as shadow traffic (a rollout plan's
  /// `shadowMirror`); 0 by default.
  var canaryMirrorFraction = 0.0
  /// Whether requests are routed one by one even when the artefact has
  /// sessions (a rollout plan's routing key `request`).
  var perRequestRouting = false

  /// Creates the initial state of `spec`.
  init(_ spec: ScenarioArtefact, prices: PriceTable) {
    self.spec = spec
    router = TrafficRouter(
      canaryWeight: spec.canary == nil ? 0 : spec.canaryWeight,
      mirrorFraction: spec.shadow == nil ? 0 : spec.mirrorFraction)
    stable = SimulatedVersionState(profile: spec.stable, route: .stable, prices: prices)
    canary = spec.canary.map { SimulatedVersionState(profile: $0, route: .canary, prices: prices) }
    shadow = spec.shadow.map { SimulatedVersionState(profile: $0, route: .shadow, prices: prices) }
    sessions = spec.sessions.map(SessionPool.init)
  }

  /// Serves traffic as the registry says: `production` is the version users
  /// get on the stable route, `canaryWeightPercent` the canary's share.
  ///
  /// - `production` equal to the canary's version (a promotion): every
  ///   user-facing request is served by the canary's profile, recorded as
  ///   `stable`, with its event-applied behaviour (a degraded canary stays
  ///   degraded once promoted).
  /// - `production` equal to the shadow's version: user-facing requests are
  ///   served by the shadow's profile, recorded as `stable`, and mirroring
  ///   stops (the candidate is now the primary).
  /// - `production` equal to the stable version, or `nil`: the scenario's split.
  /// - Any other label (a rollback to an older version): the stable profile
  ///   serves it under that label.
  /// - `canaryWeightPercent` (0–100) replaces the router's weight when set.
  /// - `canaryMirror` (0–1) and `routing` come from the artefact's running
  ///   rollout plan (`nil`: none mirrored, the scenario's sticky sessions).
  mutating func serve(
    production: String?, canaryWeightPercent: Double?, canaryMirror: Double? = nil,
    routing: RolloutPlan.RoutingKey? = nil
  ) {
    canaryMirrorFraction = min(max(canaryMirror ?? 0, 0), 1)
    perRequestRouting = routing == .request
    if let w = canaryWeightPercent, canary != nil { router.canaryWeight = min(max(w, 0), 100) }
    promoted = production != nil && production == canary?.profile.version
    if promoted { canary?.route = .stable } else { canary?.route = .canary }
    shadowPromoted = !promoted && production != nil && production == shadow?.profile.version
    shadow?.route = shadowPromoted ? .stable : .shadow
    if let production, production != stable.profile.version, !promoted, !shadowPromoted {
      stable.label = production
    } else {
      stable.label = nil
    }
  }

  /// Whether the canary's version is production (see ``serve(production:canaryWeightPercent:)``).
  private(set) var promoted = false
  /// Whether the shadow's version is production (see ``serve(production:canaryWeightPercent:)``).
  private(set) var shadowPromoted = false

  /// Applies `event` (already matched to this artefact).
  mutating func apply(_ event: ScenarioEvent) {
    if let weight = event.canaryWeight, canary != nil { router.canaryWeight = weight }
    if let mirror = event.mirrorFraction, shadow != nil { router.mirrorFraction = mirror }
    guard let version = event.version else { return }
    if stable.profile.version == version { stable.apply(event) }
    if canary?.profile.version == version { canary?.apply(event) }
    if shadow?.profile.version == version { shadow?.apply(event) }
  }

  /// Generates one user-facing request at `timestamp` (plus its shadow copy
  /// when mirrored) and appends the records to `out`.
  ///
  /// Draw order: session id (if sessions), route (no-key draw only),
  /// user-facing record, mirror decision (only when a shadow exists), shadow
  /// record, then — only while a rollout mirrors to the canary — the canary
  /// mirror decision and the canary's shadow record.
  mutating func generate(
    at timestamp: Timestamp, requestID: String, using rng: inout SplitMix64,
    into out: inout [TelemetryRecord]
  ) {
    let sessionID = sessions?.next(using: &rng)
    let key = perRequestRouting ? nil : sessionID
    let route = canary == nil ? Route.stable : router.route(routingKey: key, using: &rng)
    var served = promoted || route == .canary ? (canary ?? stable) : stable
    if shadowPromoted, let shadow { served = shadow }
    out.append(
      served.sample(
        artefact: spec, timestamp: timestamp, requestID: requestID, sessionID: sessionID, using: &rng))
    if let shadow, router.mirrors(using: &rng), !shadowPromoted {
      out.append(
        shadow.sample(
          artefact: spec, timestamp: timestamp, requestID: requestID + "-shadow", sessionID: sessionID,
          using: &rng))
    }
    if canaryMirrorFraction > 0, var mirrored = canary, !promoted, route != .canary,
      rng.nextUnit() < canaryMirrorFraction
    {
      mirrored.route = .shadow
      out.append(
        mirrored.sample(
          artefact: spec, timestamp: timestamp, requestID: requestID + "-mirror", sessionID: sessionID,
          using: &rng))
    }
  }
}

/// Keeps a ``TrafficSimulator`` serving what a registry says, which closes
/// the demo's loop: a promotion, rollback, canary weight change or rollout
/// step made in FlightDeck shows up in the simulated telemetry.
///
/// ``apply(to:)`` is cheap when nothing changed (one change-token read); the
/// demo's producer calls it every tick (200 ms).
public struct RegistryTrafficFollower {
  /// The registry followed (`nil`: follows nothing).
  public let store: (any RegistryStore)?
  private var token: Int64?
  private var applied: [String: Serving] = [:]

  /// What one artefact serves: the production version, the canary weight,
  /// and its running rollout's shadow mirror and routing key.
  struct Serving: Equatable {
    var production: String?
    var canaryWeightPercent: Int
    var mirror: Double?
    var routing: RolloutPlan.RoutingKey?
  }

  /// Creates a follower of `store`.
  public init(store: (any RegistryStore)?) { self.store = store }

  /// Reloads the registry when its change token moved and re-routes the
  /// artefacts whose serving (production version, canary weight in percent)
  /// changed, with the shadow mirroring and routing key of the artefact's
  /// running rollout plan (none once it finishes). A storage error leaves routing as it was (the dashboard reports
  /// registry errors itself).
  public mutating func apply(to simulator: inout TrafficSimulator) {
    guard let store, let now = try? store.changeToken(), now != token,
      let snapshot = try? store.snapshot()
    else { return }
    token = now
    for entry in snapshot.artefacts {
      let plan = entry.rollout?.plan
      let serving = Serving(
        production: entry.pointers[.production], canaryWeightPercent: entry.canaryWeightPercent,
        mirror: plan?.shadowMirror, routing: plan?.routingKey)
      guard applied[entry.artefact.name] != serving else { continue }
      applied[entry.artefact.name] = serving
      simulator.serve(
        artefact: entry.artefact.name, production: serving.production,
        canaryWeightPercent: Double(serving.canaryWeightPercent), canaryMirror: serving.mirror,
        routing: serving.routing)
    }
  }
}

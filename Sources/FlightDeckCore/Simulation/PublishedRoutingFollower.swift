import Foundation

/// Keeps a ``TrafficSimulator`` routing by what a routing target's file
/// says — the weights the publisher wrote, read back as a router reads them
/// — rather than by the store: the demo's simulated gateway (<doc:Routing>).
///
/// A decision reaches the simulated traffic only once it is published, and
/// a file edited by hand (a drift) moves the simulated traffic as it would
/// move a real router's. ``apply(to:)`` reads the file every call (the
/// demo's producer calls it every tick, 200 ms) and parses it only when its
/// bytes changed; the store is read again only when its change token moved.
///
/// What comes from where, per artefact:
/// - from the file (``RoutingRenderer/weights(in:for:)``): the weight of
///   every version, turned into percent of the artefact's total;
/// - from the store: which version is stable and which is the canary (the
///   file names versions, not roles; the same rule as ``RoutingState``),
///   and the running rollout's shadow mirror share and routing key (a
///   LiteLLM file cannot carry a mirror share: its `silent_model` mirrors
///   every request).
///
/// The simulator serves each artefact with two profiles (the scenario's
/// stable and canary versions), so a file is mapped onto them
/// (``serving(published:registered:profiles:)``). A file
/// that is missing or cannot be read leaves the traffic as it was (a router
/// keeps its last good configuration); so does an artefact the file does
/// not name.
public struct PublishedRoutingFollower {
  /// The registry that says which version is stable and which the canary.
  public let store: (any RegistryStore)?
  /// The target whose file the traffic follows (a file kind, not `exec`).
  public let target: RoutingTarget
  private var token: Int64?
  private var registered: [String: Registered] = [:]
  private var fileBytes: Data?
  private var published: [String: [String: Int]] = [:]
  private var applied: [String: Serving] = [:]
  /// Why the file was not followed at the last read (cannot be read, not
  /// the target's format); `nil` when it was, or when it does not exist yet.
  public private(set) var problem: String?

  /// One artefact as the store has it: the roles of its versions and its
  /// running rollout's shadow mirror and routing key.
  struct Registered: Equatable {
    var stable: String?
    var canary: String?
    var mirror: Double?
    var routing: RolloutPlan.RoutingKey?
  }

  /// What the simulator is told for one artefact.
  struct Serving: Equatable {
    /// The version users get on the stable route.
    var production: String
    /// The canary's share of user-facing requests, percent (0–100).
    var canaryWeightPercent: Double
    var mirror: Double?
    var routing: RolloutPlan.RoutingKey?
  }

  /// A follower of `target`'s file, with the roles of the versions from `store`.
  public init(store: (any RegistryStore)?, target: RoutingTarget) {
    self.store = store
    self.target = target
  }

  /// Reads the file (and the store, when its change token moved) and
  /// re-routes each artefact whose serving changed. A storage error leaves
  /// the roles as they were; a file that cannot be read or parsed leaves the
  /// weights as they were and is named in ``problem``.
  public mutating func apply(to simulator: inout TrafficSimulator) {
    var changed = false
    if let store, let now = try? store.changeToken(), now != token, let snapshot = try? store.snapshot() {
      token = now
      registered = Dictionary(
        uniqueKeysWithValues: snapshot.artefacts.map { entry in
          let state = RoutingState(entry)
          let plan = entry.rollout?.plan
          return (
            entry.artefact.name,
            Registered(
              stable: state.stable, canary: state.canary, mirror: plan?.shadowMirror,
              routing: plan?.routingKey)
          )
        })
      changed = true
    }
    do {
      if let data = try RoutingFileWriter.read(target.path), data != fileBytes {
        fileBytes = data
        published = try RoutingRenderer.weights(in: data, for: target)
        problem = nil
        changed = true
      }
    } catch {
      problem = "\(error)"
    }
    guard changed else { return }
    for (artefact, roles) in registered.sorted(by: { $0.key < $1.key }) {
      guard let spec = simulator.scenario.artefacts.first(where: { $0.name == artefact }),
        let serving = Self.serving(
          published: published[artefact], registered: roles,
          profiles: (spec.stable.version, spec.canary?.version)),
        applied[artefact] != serving
      else { continue }
      applied[artefact] = serving
      simulator.serve(
        artefact: artefact, production: serving.production, canaryWeightPercent: serving.canaryWeightPercent,
        canaryMirror: serving.mirror, routing: serving.routing)
    }
  }

  /// Maps one artefact's published weights (version → weight, relative)
  /// onto the simulator, which serves an artefact with two profiles, the
  /// scenario's stable and canary versions (`profiles`), and is told a
  /// production label and the canary profile's share:
  /// - the *canary slot* is the canary profile's version when the file
  ///   gives it weight, else the store's canary when the file gives that
  ///   weight; its share is its weight over the total of the positive
  ///   weights, in percent (0 without one);
  /// - production is the store's stable version when the file gives it
  ///   weight besides the canary slot; else the heaviest other version
  ///   (ties: the smallest label), which the simulator serves with the
  ///   stable profile under that label (a rollback written by hand, or the
  ///   old version given weight back after a promotion);
  /// - when the file gives weight to the canary slot alone: the store's
  ///   stable version with the canary at 100 % while the store has that
  ///   version as its canary (a rollout at 100 %), else that version as
  ///   production (a promotion).
  /// - Returns: `nil` (leave the traffic as it is) when the file does not
  ///   name the artefact, gives it no positive weight, or the store has no
  ///   stable version.
  static func serving(
    published: [String: Int]?, registered: Registered, profiles: (stable: String, canary: String?)
  ) -> Serving? {
    guard let weights = published, let stable = registered.stable else { return nil }
    let positive = weights.filter { $0.value > 0 }
    let total = positive.values.reduce(0, +)
    guard total > 0 else { return nil }
    let slot = [profiles.canary, registered.canary].compactMap { $0 }.first { positive[$0] != nil }
    let others = positive.filter { $0.key != slot }
    let production: String
    if others.isEmpty, let slot {
      production = registered.canary == slot && stable != slot ? stable : slot
    } else if others[stable] != nil {
      production = stable
    } else {
      production = others.min { ($0.value, $1.key) > ($1.value, $0.key) }?.key ?? stable
    }
    let canaryWeight = production == slot ? 0 : slot.flatMap { positive[$0] } ?? 0
    return Serving(
      production: production, canaryWeightPercent: Double(canaryWeight) * 100 / Double(total),
      mirror: registered.mirror, routing: registered.routing)
  }
}

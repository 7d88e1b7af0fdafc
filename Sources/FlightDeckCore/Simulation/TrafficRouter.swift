/// Picks the route (stable or canary) of a user-facing request and decides
/// whether it is mirrored to the shadow, as AI gateways do it.
///
/// Rules (LiteLLM / Portkey weighted routing, Argo Rollouts traffic terms):
/// - With a routing key (the session id), the key's stable bucket in [0, 100)
///   (`StableHash.bucket(forKey:)`: FNV-1a 64 + SplitMix64 finaliser) picks
///   the canary when `bucket < canaryWeight`. The same key therefore always
///   lands on the same version for a given weight (sticky sessions), and when
///   the weight grows, sessions only move from stable to canary.
/// - Without a key, each request is an independent weighted draw
///   `U · 100 < canaryWeight`, `U` uniform in [0, 1) from the seeded generator.
/// - Weight 0 sends nothing to the canary (`x < 0` never holds) and weight 100
///   sends everything (`x < 100` always holds), without removing either version.
/// - Mirroring is an independent draw `U < mirrorFraction` per user-facing
///   request; the copy goes to the shadow, whose results are never
///   user-facing but whose cost is real.
public struct TrafficRouter: Sendable, Hashable {
  /// Percentage of user-facing traffic for the canary, 0…100.
  public var canaryWeight: Double
  /// Fraction of user-facing requests mirrored to the shadow, 0…1.
  public var mirrorFraction: Double

  /// Creates a router for one artefact's split.
  public init(canaryWeight: Double, mirrorFraction: Double = 0) {
    self.canaryWeight = canaryWeight
    self.mirrorFraction = mirrorFraction
  }

  /// The route of a user-facing request: `.canary` or `.stable`.
  ///
  /// Draws one value from `generator` only when `routingKey` is `nil`.
  public func route(routingKey: String?, using generator: inout SplitMix64) -> Route {
    let position: Double
    if let routingKey {
      position = StableHash.bucket(forKey: routingKey)
    } else {
      position = generator.nextUnit() * 100
    }
    return position < canaryWeight ? .canary : .stable
  }

  /// Whether this user-facing request also gets a shadow copy. Always draws
  /// one value from `generator` (so the draw sequence does not depend on the
  /// fraction).
  public func mirrors(using generator: inout SplitMix64) -> Bool {
    generator.nextUnit() < mirrorFraction
  }
}

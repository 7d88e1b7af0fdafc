/// Why a what-if figure should not be trusted (or could not be computed).
public struct WhatIfWarning: Sendable, Hashable, CustomStringConvertible {
  /// What is wrong.
  public enum Reason: String, Sendable, Hashable {
    /// The leg has fewer requests than the minimum.
    case fewSamples
    /// The leg carries weight in the projection but had no requests.
    case noSamples
    /// Some of the leg's requests have an unknown cost.
    case unknownCost
  }

  /// The leg concerned.
  public var route: Route
  /// What is wrong.
  public var reason: Reason
  /// The leg's requests in the window (for ``Reason/unknownCost``: requests
  /// of unknown cost).
  public var samples: Int
  /// The minimum requests (``Reason/fewSamples``) or the leg's requests
  /// (``Reason/unknownCost``); 0 otherwise.
  public var limit: Int

  /// Creates a warning.
  public init(route: Route, reason: Reason, samples: Int, limit: Int) {
    self.route = route
    self.reason = reason
    self.samples = samples
    self.limit = limit
  }

  /// One line, e.g. `canary: 12 requests in the window (min 50): projection unreliable`.
  public var description: String {
    let leg = route.rawValue
    switch reason {
    case .fewSamples:
      let noun = samples == 1 ? "request" : "requests"
      return "\(leg): \(samples) \(noun) in the window (min \(limit)): projection unreliable"
    case .noSamples:
      return "\(leg): no requests in the window: its share cannot be projected"
    case .unknownCost:
      return
        "\(leg): \(samples) of \(limit) requests have an unknown cost: cost figures use the "
        + "\(limit - samples) known"
    }
  }
}

/// One figure of a what-if report: its value at the current split and at
/// the proposed one, with the sample sizes behind it.
public struct WhatIfFigure: Sendable, Hashable {
  /// The value at the current (observed) split; `nil` when it cannot be
  /// computed (a leg carrying weight has no data for it).
  public var current: Double?
  /// The value at the proposed split; `nil` when it cannot be computed.
  public var projected: Double?
  /// Stable requests the figure is computed from (for cost: those of known
  /// cost; for latency: latency values).
  public var stableSamples: Int
  /// Canary requests the figure is computed from (same rule).
  public var canarySamples: Int
  /// Shadow requests of known cost (cost per hour only; else 0).
  public var shadowSamples: Int

  /// Creates a figure.
  public init(
    current: Double?, projected: Double?, stableSamples: Int, canarySamples: Int, shadowSamples: Int = 0
  ) {
    self.current = current
    self.projected = projected
    self.stableSamples = stableSamples
    self.canarySamples = canarySamples
    self.shadowSamples = shadowSamples
  }
}

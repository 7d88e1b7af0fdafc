/// Everything the judge knows about one version over the analysis window.
public struct VersionSamples: Sendable, Hashable, Codable {
  /// The version label (e.g. "v2"), for reasons only.
  public var version: String
  /// Per-request samples by series name (latency ms, TTFT ms, cost USD, score), typically the
  /// values of a `SampleReservoir`. Missing series count as 0 samples.
  public var continuous: [String: [Double]]
  /// Counts by rate name (errors, timeouts, guardrail failures). Missing rates count as 0/0.
  public var rates: [String: RateCounts]

  /// Creates the samples of one version.
  public init(
    version: String, continuous: [String: [Double]] = [:], rates: [String: RateCounts] = [:]
  ) {
    self.version = version
    self.continuous = continuous
    self.rates = rates
  }
}

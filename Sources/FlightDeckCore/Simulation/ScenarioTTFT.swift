/// How time to first token (TTFT) is simulated for a version.
public enum ScenarioTTFT: Sendable, Hashable {
  /// TTFT = latency × fraction (`ttft_fraction`, 0…1).
  case fraction(Double)
  /// TTFT drawn from its own log-normal in ms (`ttft = { median_ms, p95_ms }`),
  /// capped at the request's latency.
  case distribution(LogNormal)
}

extension EngineOptions {
  /// Fits the metrics store to `alerts`: raises the retention to their
  /// longest rule window (e.g. 3 d for the SLO ticket alert; the store keeps
  /// only non-empty buckets, so a long retention costs memory only where
  /// traffic was: with 10 s buckets a series busy for 3 days holds 25 920
  /// buckets), makes the store keep cells of ``AlertEngine/windowResolutionMs``
  /// so every rule window is exact at every evaluation, and has it count
  /// requests above each latency SLO threshold exactly
  /// (``AlertEngine/latencyThresholdsMs``).
  public mutating func fitMetricsToAlerts(_ alerts: AlertEngine) {
    let needed = alerts.requiredRetentionMs
    if needed > metrics.retentionMs { metrics.retentionMs = needed }
    metrics.windowResolutionMs = alerts.windowResolutionMs
    metrics.latencyThresholdsMs = alerts.latencyThresholdsMs
  }
}

extension EngineOptions {
  /// Raises the metrics retention to what `alerts` needs (its longest rule
  /// window, e.g. 3 d for the SLO ticket alert). The store keeps only
  /// non-empty buckets, so a long retention costs memory only where traffic
  /// was; with 10 s buckets a series busy for 3 days holds 25 920 buckets.
  public mutating func fitMetricsToAlerts(_ alerts: AlertEngine) {
    let needed = alerts.requiredRetentionMs
    guard needed > metrics.retentionMs else { return }
    metrics = MetricsConfiguration(
      bucketWidthMs: metrics.bucketWidthMs, retentionMs: needed, latencyDigits: metrics.latencyDigits)
  }
}

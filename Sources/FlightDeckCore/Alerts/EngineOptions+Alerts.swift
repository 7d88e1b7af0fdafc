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

  /// Fits the metrics store of a headless controller (`flightdeck serve`)
  /// to `alerts`: with no screen to chart the dashboard's window or its
  /// default hour, the store keeps only what the rules read — the longest
  /// rule window, plus the longest evaluation interval (a round may run
  /// that late on its slot) and one bucket (the window's oldest bucket is
  /// partly outside it) — unless the retention was set explicitly
  /// (`[metrics] retention`), which stays. Then ``fitMetricsToAlerts(_:)``.
  ///
  /// The store's memory is proportional to the non-empty buckets within
  /// its retention (``MetricsStore``): a series with one request every
  /// 10 s fills 6 buckets of 10 s and 6 cells of 5 s a minute, so the
  /// default hour holds 720 per series where the 1,000 rules of the
  /// benchmark (`[5m]` windows every 15 s: 5 min 25 s) need 66 (<doc:Benchmarks>).
  public mutating func fitMetricsToController(_ alerts: AlertEngine) {
    if !retentionIsExplicit {
      metrics.retentionMs = max(
        metrics.bucketWidthMs, alerts.requiredRetentionMs + alerts.longestIntervalMs + metrics.bucketWidthMs)
    }
    fitMetricsToAlerts(alerts)
  }
}

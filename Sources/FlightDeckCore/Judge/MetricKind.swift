/// What a judged metric is made of.
public enum MetricKind: Sendable, Hashable, Codable {
  /// Per-request values (latency ms, TTFT ms, cost USD, score), compared with Mann-Whitney U and
  /// the Hodges-Lehmann shift; the statistic is what the reasons show and the tolerance applies to.
  case continuous(MetricStatistic)
  /// A rate from counts (error, timeout, guardrail-failure rate), compared with the pooled
  /// two-proportion z-test or Fisher's exact test.
  case rate
}

/// Which change of a metric is a regression (Kayenta's `direction`: increase / decrease / either).
public enum MetricDirection: String, Sendable, Hashable, Codable, CaseIterable {
  /// An increase is a regression (latency, error rate, cost per request): classified `high`.
  case higherIsWorse
  /// A decrease is a regression (mean score, pass rate): classified `low`.
  case lowerIsWorse
  /// Any significant change beyond tolerance is flagged, `high` or `low`.
  case either
}

/// A metric's verdict, Kayenta's classification.
public enum MetricClassification: String, Sendable, Hashable, Codable, CaseIterable {
  /// No significant regression beyond tolerance.
  case pass
  /// Significantly higher than the baseline, beyond tolerance.
  case high
  /// Significantly lower than the baseline, beyond tolerance.
  case low
  /// Fewer than the minimum samples on either side (or no usable data): no judgement.
  case nodata

  /// Whether this classification is a regression (`high` or `low`).
  public var isFailure: Bool { self == .high || self == .low }
}

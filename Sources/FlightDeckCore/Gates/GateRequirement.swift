import Foundation

/// One required gate: a metric, a comparison and a threshold
/// (`pass_rate >= 0.95`, `drift_psi <= 0.2`).
public struct GateRequirement: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The metric name in the field's terms (see ``GateMetricName``).
  public var metric: String
  /// How the value is compared.
  public var comparison: GateComparison
  /// The threshold, in the metric's unit (a fraction 0–1 for rates).
  public var threshold: Double

  /// Creates a requirement.
  public init(_ metric: String, _ comparison: GateComparison, _ threshold: Double) {
    self.metric = metric
    self.comparison = comparison
    self.threshold = threshold
  }

  /// `metric op threshold`, e.g. `pass_rate >= 0.95`.
  public var description: String { "\(metric) \(comparison.rawValue) \(GateNumber.text(threshold))" }

  /// Parses the policy's threshold text: an operator (`>=`, `<=`, `>`, `<`)
  /// then a finite number, spaces allowed (`">= 0.95"`, `"<=0.2"`).
  /// - Returns: `nil` when the text is not of that shape.
  public static func parseCondition(_ text: String) -> (GateComparison, Double)? {
    let t = text.trimmingCharacters(in: .whitespaces)
    // Two-character operators first, so ">=" is not read as ">" then "=0.95".
    for op in [GateComparison.atLeast, .atMost, .above, .below] where t.hasPrefix(op.rawValue) {
      let rest = t.dropFirst(op.rawValue.count).trimmingCharacters(in: .whitespaces)
      guard !rest.isEmpty, let v = Double(rest), v.isFinite else { return nil }
      return (op, v)
    }
    return nil
  }
}

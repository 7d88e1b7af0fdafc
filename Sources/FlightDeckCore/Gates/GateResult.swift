/// One gate of a check: the requirement, the value it was judged on, and
/// the outcome.
public struct GateResult: Sendable, Hashable, Codable {
  /// The requirement (metric, comparison, threshold).
  public var requirement: GateRequirement
  /// The value judged: when several inputs give the metric, the worst of
  /// them (lowest for `>=`, highest for `<=`); `nil` when missing.
  public var value: Double?
  /// Pass, fail or missing.
  public var outcome: GateOutcome
  /// The file the judged value came from (`nil` when missing).
  public var source: String?
  /// Every file that gave the metric, in input order.
  public var sources: [String]
  /// Why, in words: `pass_rate 0.75 is below 0.95 (results.json)`, or
  /// `no input provided accuracy`.
  public var reason: String

  /// Creates a result.
  public init(
    requirement: GateRequirement, value: Double?, outcome: GateOutcome, source: String?, sources: [String],
    reason: String
  ) {
    self.requirement = requirement
    self.value = value
    self.outcome = outcome
    self.source = source
    self.sources = sources
    self.reason = reason
  }

  /// The metric name.
  public var name: String { requirement.metric }
  /// Whether the gate passed.
  public var passed: Bool { outcome == .pass }
}

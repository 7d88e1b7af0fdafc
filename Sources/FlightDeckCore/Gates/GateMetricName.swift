/// The metric names FlightDeck's gates use, in the field's terms. Policies
/// and FlightDeck gate-results files may use other names too; these are the
/// ones with a defined meaning and the ones the Promptfoo reader produces.
///
/// Rates and scores are fractions from 0 to 1 (not percentages).
public enum GateMetricName {
  /// Share of test cases that passed: successes / (successes + failures + errors).
  public static let passRate = "pass_rate"
  /// Share of test cases that errored (the provider or grader failed):
  /// errors / (successes + failures + errors).
  public static let errorRate = "error_rate"
  /// Mean test-case score (Promptfoo's per-prompt `metrics.score` is a sum
  /// over test cases; this divides by the number of test cases).
  public static let meanScore = "mean_score"
  /// Number of test cases evaluated (successes + failures + errors).
  public static let testCount = "test_count"
  /// Tokens used by the system under test (prompt + completion), excluding
  /// the grader's tokens.
  public static let tokensTotal = "tokens_total"
  /// Prompt (input) tokens.
  public static let tokensPrompt = "tokens_prompt"
  /// Completion (output) tokens.
  public static let tokensCompletion = "tokens_completion"
  /// Cost of the evaluation run in USD (sum of the per-prompt costs).
  public static let costUSD = "cost_usd"
  /// Accuracy on a labelled evaluation set (fraction correct).
  public static let accuracy = "accuracy"
  /// Population Stability Index between the training (or reference) and the
  /// current input distribution; by the usual credit-scoring convention
  /// (Siddiqi, *Credit Risk Scorecards*, 2006) < 0.1 is stable, 0.1–0.25 a
  /// moderate shift, > 0.25 a significant shift.
  public static let driftPSI = "drift_psi"
  /// Largest difference in a favourable-outcome rate between groups
  /// (demographic-parity difference), as a fraction.
  public static let fairnessGap = "fairness_gap"
  /// Share of evaluated responses that passed every guardrail.
  public static let guardrailCompliance = "guardrail_compliance"
  /// Prefix of a Promptfoo named score's mean: `score.Correctness`.
  public static let namedScorePrefix = "score."

  /// The metric name of Promptfoo named score `name` (`score.<name>`).
  public static func namedScore(_ name: String) -> String { namedScorePrefix + name }

  /// Whether `name` is usable as a metric name: 1–128 characters, no control
  /// characters.
  public static func isValid(_ name: String) -> Bool {
    (1...128).contains(name.count)
      && !name.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
  }
}

/// The figures of one `promptfoo eval -o results.json` file that gates use,
/// and the metrics derived from them.
///
/// Formulas (Promptfoo has no total field; the total is the sum of the three
/// outcome counts of `results.stats`):
/// - pass rate = successes / (successes + failures + errors)
/// - error rate = errors / (successes + failures + errors)
/// - mean score = Σ prompts' `metrics.score` / Σ prompts' test cases
///   (Promptfoo sums scores per prompt)
/// - named-score mean = Σ prompts' `namedScores[k]` / Σ prompts'
///   `namedScoresCount[k]` (the average Promptfoo's viewer shows)
/// - cost = Σ prompts' `metrics.cost` (USD); tokens from `results.stats.tokenUsage`.
public struct PromptfooEvalSummary: Sendable, Hashable {
  /// `results.version` (2 or 3).
  public var resultsVersion: Int
  /// `metadata.promptfooVersion`, when present.
  public var promptfooVersion: String?
  /// `results.stats.successes`.
  public var successes: Int64
  /// `results.stats.failures`.
  public var failures: Int64
  /// `results.stats.errors`.
  public var errors: Int64
  /// `results.stats.tokenUsage`, when present.
  public var tokenUsage: PromptfooTokenUsage?
  /// The prompt × provider columns with their metrics (may be empty).
  public var prompts: [PromptfooPromptMetrics]

  /// Creates a summary.
  public init(
    resultsVersion: Int, promptfooVersion: String?, successes: Int64, failures: Int64, errors: Int64,
    tokenUsage: PromptfooTokenUsage?, prompts: [PromptfooPromptMetrics]
  ) {
    self.resultsVersion = resultsVersion
    self.promptfooVersion = promptfooVersion
    self.successes = successes
    self.failures = failures
    self.errors = errors
    self.tokenUsage = tokenUsage
    self.prompts = prompts
  }

  /// successes + failures + errors.
  public var total: Int64 { successes + failures + errors }

  /// successes / total; `nil` when no test case ran.
  public var passRate: Double? { total > 0 ? Double(successes) / Double(total) : nil }

  /// errors / total; `nil` when no test case ran.
  public var errorRate: Double? { total > 0 ? Double(errors) / Double(total) : nil }

  /// Σ score sums / Σ test cases over the prompts; `nil` without prompts or tests.
  public var meanScore: Double? {
    let tests = prompts.reduce(Int64(0)) { $0 + $1.testCount }
    guard tests > 0 else { return nil }
    return prompts.reduce(0.0) { $0 + $1.scoreSum } / Double(tests)
  }

  /// Named score → mean over every prompt that reports it (see the type's
  /// formulas); names with a zero count are left out.
  public var namedScoreMeans: [String: Double] {
    var sums: [String: Double] = [:]
    var counts: [String: Int64] = [:]
    for p in prompts {
      for (k, v) in p.namedScoreSums {
        sums[k, default: 0] += v
        counts[k, default: 0] += p.namedScoreCounts[k] ?? 0
      }
    }
    var means: [String: Double] = [:]
    for (k, s) in sums where (counts[k] ?? 0) > 0 { means[k] = s / Double(counts[k] ?? 1) }
    return means
  }

  /// Σ prompts' cost in USD; `nil` without prompts.
  public var costUSD: Double? { prompts.isEmpty ? nil : prompts.reduce(0.0) { $0 + $1.costUSD } }

  /// The gate metrics: `pass_rate`, `error_rate`, `test_count`, and when
  /// available `mean_score`, `score.<name>`, `tokens_total`, `tokens_prompt`,
  /// `tokens_completion`, `cost_usd` (see ``GateMetricName``).
  public var metrics: [String: Double] {
    var m: [String: Double] = [GateMetricName.testCount: Double(total)]
    if let r = passRate { m[GateMetricName.passRate] = r }
    if let r = errorRate { m[GateMetricName.errorRate] = r }
    if let s = meanScore, s.isFinite { m[GateMetricName.meanScore] = s }
    for (k, v) in namedScoreMeans where v.isFinite { m[GateMetricName.namedScore(k)] = v }
    if let t = tokenUsage {
      m[GateMetricName.tokensTotal] = Double(t.total)
      m[GateMetricName.tokensPrompt] = Double(t.prompt)
      m[GateMetricName.tokensCompletion] = Double(t.completion)
    }
    if let c = costUSD, c.isFinite { m[GateMetricName.costUSD] = c }
    return m
  }
}

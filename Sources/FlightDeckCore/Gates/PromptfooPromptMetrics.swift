/// One prompt × provider column of a Promptfoo eval: `results.prompts[i]`
/// (results format 3) or `results.table.head.prompts[i]` (format 2), with its
/// `metrics` object.
public struct PromptfooPromptMetrics: Sendable, Hashable {
  /// The prompt's label (may be empty).
  public var label: String
  /// The provider id (`openai:gpt-4o-mini`), empty when absent.
  public var provider: String
  /// Promptfoo's `metrics.score`: the **sum** of the test-case scores (so it
  /// can exceed 1).
  public var scoreSum: Double
  /// Test cases that passed (`testPassCount`).
  public var testPassCount: Int64
  /// Test cases that failed (`testFailCount`).
  public var testFailCount: Int64
  /// Test cases that errored (`testErrorCount`; 0 when the field is absent,
  /// as in older Promptfoo versions).
  public var testErrorCount: Int64
  /// Assertions that passed (`assertPassCount`).
  public var assertPassCount: Int64
  /// Assertions that failed (`assertFailCount`).
  public var assertFailCount: Int64
  /// Sum of each named score over the test cases (`namedScores`).
  public var namedScoreSums: [String: Double]
  /// How many contributions each named score summed (`namedScoresCount`;
  /// when absent, the prompt's test-case count).
  public var namedScoreCounts: [String: Int64]
  /// Token usage, when present.
  public var tokenUsage: PromptfooTokenUsage?
  /// Cost in USD (`metrics.cost`, 0 when absent).
  public var costUSD: Double

  /// Creates per-prompt metrics.
  public init(
    label: String, provider: String, scoreSum: Double, testPassCount: Int64, testFailCount: Int64,
    testErrorCount: Int64, assertPassCount: Int64, assertFailCount: Int64, namedScoreSums: [String: Double],
    namedScoreCounts: [String: Int64], tokenUsage: PromptfooTokenUsage?, costUSD: Double
  ) {
    self.label = label
    self.provider = provider
    self.scoreSum = scoreSum
    self.testPassCount = testPassCount
    self.testFailCount = testFailCount
    self.testErrorCount = testErrorCount
    self.assertPassCount = assertPassCount
    self.assertFailCount = assertFailCount
    self.namedScoreSums = namedScoreSums
    self.namedScoreCounts = namedScoreCounts
    self.tokenUsage = tokenUsage
    self.costUSD = costUSD
  }

  /// Test cases run for this prompt: pass + fail + error.
  public var testCount: Int64 { testPassCount + testFailCount + testErrorCount }
}

/// The list price of one model: USD per 1 million input (prompt) tokens and
/// per 1 million output (completion) tokens, the unit the providers publish.
public struct ModelPrice: Sendable, Hashable {
  /// USD per 1,000,000 input tokens.
  public var inputPerMillion: Double
  /// USD per 1,000,000 output tokens.
  public var outputPerMillion: Double

  /// Creates a price.
  public init(inputPerMillion: Double, outputPerMillion: Double) {
    self.inputPerMillion = inputPerMillion
    self.outputPerMillion = outputPerMillion
  }

  /// Cost of one request in USD:
  /// `(inputTokens × inputPerMillion + outputTokens × outputPerMillion) / 1e6`.
  ///
  /// Cached-input discounts are not modelled: every input token is charged at
  /// the list input price (an upper bound for cached prompts).
  public func cost(inputTokens: Int, outputTokens: Int) -> Double {
    (Double(inputTokens) * inputPerMillion + Double(outputTokens) * outputPerMillion) / 1_000_000
  }
}

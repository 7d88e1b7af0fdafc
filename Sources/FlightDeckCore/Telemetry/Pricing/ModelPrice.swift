/// The list price of one model in USD per 1 million tokens, the unit the
/// providers publish, with a rate for each kind of token they bill apart:
/// plain input, prompt-cache reads, prompt-cache writes, output and
/// reasoning output.
public struct ModelPrice: Sendable, Hashable {
  /// USD per 1,000,000 uncached input tokens.
  public var inputPerMillion: Double
  /// USD per 1,000,000 output tokens (not reasoning).
  public var outputPerMillion: Double
  /// USD per 1,000,000 input tokens read from the prompt cache (OpenAI's
  /// "cached input", Anthropic's "cache hits and refreshes", Gemini's
  /// "context caching" price).
  public var cacheReadPerMillion: Double
  /// USD per 1,000,000 input tokens written to the prompt cache (Anthropic's
  /// "cache writes"; OpenAI and Gemini charge the plain input price).
  public var cacheWritePerMillion: Double
  /// USD per 1,000,000 reasoning (thinking) output tokens; the three big
  /// providers bill them as output tokens.
  public var reasoningPerMillion: Double

  /// Creates a price. A rate left out is the one the provider would charge
  /// without the feature: cache reads and writes at `inputPerMillion`,
  /// reasoning at `outputPerMillion`.
  public init(
    inputPerMillion: Double, outputPerMillion: Double, cacheReadPerMillion: Double? = nil,
    cacheWritePerMillion: Double? = nil, reasoningPerMillion: Double? = nil
  ) {
    self.inputPerMillion = inputPerMillion
    self.outputPerMillion = outputPerMillion
    self.cacheReadPerMillion = cacheReadPerMillion ?? inputPerMillion
    self.cacheWritePerMillion = cacheWritePerMillion ?? inputPerMillion
    self.reasoningPerMillion = reasoningPerMillion ?? outputPerMillion
  }

  /// Cost of one request in USD, each token counted once at its own rate
  /// (`usage.inputTokens` already includes the cached tokens and
  /// `usage.outputTokens` the reasoning ones, see ``TokenUsage``):
  ///
  /// `(uncached × input + cacheRead × cacheRead + cacheWrite × cacheWrite
  ///   + (output − reasoning) × output + reasoning × reasoning) / 1e6`
  /// with `uncached = input − cacheRead − cacheWrite`.
  public func cost(_ usage: TokenUsage) -> Double {
    let input =
      Double(usage.uncachedInputTokens) * inputPerMillion + Double(usage.cacheReadTokens)
      * cacheReadPerMillion
      + Double(usage.cacheWriteTokens) * cacheWritePerMillion
    let output =
      Double(usage.nonReasoningOutputTokens) * outputPerMillion + Double(usage.reasoningTokens)
      * reasoningPerMillion
    return (input + output) / 1_000_000
  }

  /// Cost of one request without cached or reasoning tokens:
  /// `(inputTokens × inputPerMillion + outputTokens × outputPerMillion) / 1e6`.
  public func cost(inputTokens: Int, outputTokens: Int) -> Double {
    cost(TokenUsage(inputTokens: inputTokens, outputTokens: outputTokens))
  }
}

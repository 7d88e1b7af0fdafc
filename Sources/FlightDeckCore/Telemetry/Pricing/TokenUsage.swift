/// The token counts of one request, split the way providers bill them.
///
/// Convention (the OpenTelemetry GenAI semantic conventions'): ``inputTokens``
/// counts **every** prompt token, cached or not — `gen_ai.usage.input_tokens`
/// "SHOULD include" `gen_ai.usage.cache_read.input_tokens` and
/// `gen_ai.usage.cache_creation.input_tokens` — and ``outputTokens`` counts
/// every completion token, reasoning included (`gen_ai.usage.output_tokens`
/// includes `gen_ai.usage.reasoning.output_tokens`). So the cache and
/// reasoning counts are *parts* of the totals, never added to them:
///
/// | provider field | here |
/// |---|---|
/// | OpenAI `prompt_tokens` / `input_tokens` (includes `cached_tokens`) | `inputTokens` as is |
/// | OpenAI `prompt_tokens_details.cached_tokens` | `cacheReadTokens` |
/// | OpenAI `completion_tokens_details.reasoning_tokens` (part of `completion_tokens`) | `reasoningTokens` |
/// | Anthropic `input_tokens` (**excludes** cache reads and writes) | `inputTokens` = `input_tokens` + `cache_read_input_tokens` + `cache_creation_input_tokens` |
/// | Anthropic `cache_read_input_tokens` / `cache_creation_input_tokens` | `cacheReadTokens` / `cacheWriteTokens` |
/// | Gemini `promptTokenCount` (includes `cachedContentTokenCount`) | `inputTokens` as is |
/// | Gemini `thoughtsTokenCount` (billed as output, not in `candidatesTokenCount`) | add to `outputTokens` and `reasoningTokens` |
///
/// Decoders refuse a record whose parts exceed their total, so a cost is never
/// computed from double-counted tokens.
public struct TokenUsage: Sendable, Hashable {
  /// Every prompt token, cached or not, ≥ 0.
  public var inputTokens: Int
  /// Every completion token, reasoning included, ≥ 0.
  public var outputTokens: Int
  /// Prompt tokens read from the provider's prompt cache (part of `inputTokens`).
  public var cacheReadTokens: Int
  /// Prompt tokens written to the provider's prompt cache (part of `inputTokens`).
  public var cacheWriteTokens: Int
  /// Completion tokens spent on reasoning / thinking (part of `outputTokens`).
  public var reasoningTokens: Int

  /// Creates a usage; the parts default to 0.
  public init(
    inputTokens: Int, outputTokens: Int, cacheReadTokens: Int = 0, cacheWriteTokens: Int = 0,
    reasoningTokens: Int = 0
  ) {
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
    self.cacheReadTokens = cacheReadTokens
    self.cacheWriteTokens = cacheWriteTokens
    self.reasoningTokens = reasoningTokens
  }

  /// Prompt tokens billed at the plain input price:
  /// `inputTokens − cacheReadTokens − cacheWriteTokens` (never below 0).
  public var uncachedInputTokens: Int { max(0, inputTokens - cacheReadTokens - cacheWriteTokens) }

  /// Completion tokens billed at the plain output price:
  /// `outputTokens − reasoningTokens` (never below 0).
  public var nonReasoningOutputTokens: Int { max(0, outputTokens - reasoningTokens) }
}

import Foundation

/// Langfuse's usage details (`usageDetails` in its exports,
/// `langfuse.observation.usage_details` on the spans its SDK sends) → token
/// counts. One rule for both, so a generation gives the same tokens whether
/// it was read from an export file or received over OTLP.
///
/// Keys, first present wins (<https://langfuse.com/docs/observability/features/token-and-cost-tracking>):
/// - input: `input`, `prompt_tokens`; output: `output`, `completion_tokens`;
///   total: `total`, `total_tokens` (the `prompt_…` forms are OpenAI's usage
///   object, which Langfuse's OpenAI integration passes through as it is);
/// - cache reads: `input_cached_tokens`, `cache_read_input_tokens`,
///   `prompt_details.cache_read`, `input_cache_read`,
///   `prompt_tokens_details.cached_tokens`;
/// - cache writes: `cache_creation_input_tokens`, `input_cache_creation`,
///   `prompt_details.cache_creation`, `input_cache_write`;
/// - reasoning: `completion_details.reasoning`, `output_reasoning_tokens`,
///   `output_reasoning`, `completion_tokens_details.reasoning_tokens`.
///
/// A dotted key is looked up as written (Langfuse's exports flatten nested
/// details into such keys), then as a path through nested objects.
///
/// Langfuse's SDKs disagree on whether `input` counts the cached tokens, so
/// `total` decides: when `total` equals input + output + the cache parts (and
/// they are not 0), `input` excludes them and they are added to it; likewise
/// `output` and the reasoning tokens. Otherwise the totals include their
/// parts, and a part above its total is refused on the part's key.
enum LangfuseUsageDetails {
  /// The key lists, in the order input, output, total, cache read, cache write, reasoning.
  static let keys: [[String]] = [
    ["input", "prompt_tokens"], ["output", "completion_tokens"], ["total", "total_tokens"],
    [
      "input_cached_tokens", "cache_read_input_tokens", "prompt_details.cache_read", "input_cache_read",
      "prompt_tokens_details.cached_tokens",
    ],
    [
      "cache_creation_input_tokens", "input_cache_creation", "prompt_details.cache_creation",
      "input_cache_write",
    ],
    [
      "completion_details.reasoning", "output_reasoning_tokens", "output_reasoning",
      "completion_tokens_details.reasoning_tokens",
    ],
  ]

  /// The token counts of one usage-details object.
  ///
  /// - Parameters:
  ///   - usage: the object, as Foundation's `JSONSerialization` parsed it.
  ///   - name: how errors name the object (`usageDetails`), before the input key
  ///     in a reason such as "exceeds usageDetails.input (…)".
  /// - Returns: the usage (all 0 for an empty object), or the key at fault (as
  ///   written in `usage`) with the reason: a count that is not a
  ///   non-negative integer or is above ``TelemetryBounds/maxTokens``, a
  ///   cache part above the input, a reasoning part above the output.
  static func tokens(_ usage: [String: Any], name: String) -> Result<TokenUsage, ExportJSON.KeyedProblem> {
    var counts: [(value: Int, key: String)] = []
    var hasTotal = false
    for (index, list) in keys.enumerated() {
      var found: (Int, String)?
      for k in list {
        let any = usage[k] ?? (k.contains(".") ? ExportJSON.value(usage, path: k) : nil)
        switch ExportJSON.tokens(any) {
        case .failure(let p): return .failure(ExportJSON.KeyedProblem(key: k, reason: p.reason))
        case .success(let n?): found = (n, k)
        case .success(nil): continue
        }
        break
      }
      if index == 2, found != nil { hasTotal = true }
      counts.append(found ?? (0, list[0]))
    }
    var input = counts[0].value
    var output = counts[1].value
    let total = counts[2].value
    let (cacheRead, cacheWrite, reasoning) = (counts[3].value, counts[4].value, counts[5].value)
    let cacheParts = cacheRead + cacheWrite
    if hasTotal, total != input + output {
      if cacheParts > 0, total == input + output + cacheParts {
        input += cacheParts
      } else if reasoning > 0, total == input + output + reasoning {
        output += reasoning
      } else if cacheParts > 0, reasoning > 0, total == input + output + cacheParts + reasoning {
        input += cacheParts
        output += reasoning
      }
    }
    let maxTokens = TelemetryBounds.maxTokens
    guard input <= maxTokens else {
      return .failure(ExportJSON.KeyedProblem(key: counts[0].key, reason: TelemetryBounds.tokensReason))
    }
    guard output <= maxTokens else {
      return .failure(ExportJSON.KeyedProblem(key: counts[1].key, reason: TelemetryBounds.tokensReason))
    }
    if cacheRead > input {
      return .failure(
        ExportJSON.KeyedProblem(
          key: counts[3].key, reason: "exceeds \(name).\(counts[0].key) (which count cached tokens too)"))
    }
    if cacheParts > input {
      return .failure(
        ExportJSON.KeyedProblem(
          key: counts[4].key,
          reason: "cache reads + cache writes exceed \(name).\(counts[0].key) (which count cached tokens too)"
        ))
    }
    if reasoning > output {
      return .failure(
        ExportJSON.KeyedProblem(
          key: counts[5].key, reason: "exceeds \(name).\(counts[1].key) (which count reasoning tokens too)"))
    }
    return .success(
      TokenUsage(
        inputTokens: input, outputTokens: output, cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite,
        reasoningTokens: reasoning))
  }
}

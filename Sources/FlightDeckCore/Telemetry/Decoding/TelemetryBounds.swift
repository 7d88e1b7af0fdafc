/// The plausible ranges of FlightDeck's numeric telemetry fields. A value
/// outside is a malformed line (`field: out of range (…)`), in the fast
/// scanner, the general decoder and the OTLP mapping alike, so one absurd
/// record (`latency_ms: 1e308`) cannot wreck a percentile or a cost total.
///
/// The upper bounds are deliberately generous — orders of magnitude above any
/// real request — and only reject values that are clearly corrupt or unit
/// mistakes (nanoseconds written as milliseconds for a multi-day span, say).
/// Lower bounds are 0; negative values keep their own reasons (`must be >= 0`,
/// `must be a non-negative integer`). `score` stays in 0…1. The bounds are
/// documented in the TelemetrySchema article.
public enum TelemetryBounds {
  /// Largest `latency_ms` and `ttft_ms`: one day, 86 400 000 ms
  /// (24 × 3 600 × 1 000). Agent runs longer than a day are not requests.
  public static let maxMilliseconds: Double = 86_400_000
  /// Largest `input_tokens` / `output_tokens`: 10^12 tokens (a million times
  /// the largest context windows of 2025, about 10^6 tokens).
  public static let maxTokens: Int = 1_000_000_000_000
  /// Largest `cost_usd` of one request: 1 000 000 USD.
  public static let maxCostUSD: Double = 1_000_000

  /// Reason for a `latency_ms` / `ttft_ms` above ``maxMilliseconds``.
  static let millisecondsReason = "out of range (0 to 86400000 ms, one day)"
  /// Reason for an OTLP GenAI span whose duration exceeds ``maxMilliseconds``
  /// (reported on its `endTimeUnixNano`).
  static let spanReason = "out of range (span longer than 86400000 ms, one day)"
  /// Reason for a token count above ``maxTokens``.
  static let tokensReason = "out of range (0 to 1000000000000 tokens)"
  /// Reason for a `cost_usd` above ``maxCostUSD``.
  static let costReason = "out of range (0 to 1000000 USD per request)"

  /// The problem with a cost worked out from the price table (a line
  /// without `cost_usd`): token counts within ``maxTokens`` times a price
  /// can still exceed ``maxCostUSD`` (10^12 tokens at 1 USD per million are
  /// 10^6 USD), and such a record is refused as a `cost_usd` above the bound
  /// would be, so the two decoder paths and `replay` agree.
  /// - Parameter cost: the priced cost in USD, `nil` when unpriced.
  /// - Returns: `nil` when the cost is within bounds or unknown, else the
  ///   error (field `cost_usd`, reason naming the priced figure).
  public static func pricedCostProblem(_ cost: Double?) -> TelemetryDecodeError? {
    guard let cost, cost > maxCostUSD else { return nil }
    return TelemetryDecodeError(
      field: "cost_usd",
      reason: "out of range (priced from the token counts at \(String(format: "%.6g", cost)) USD; "
        + "0 to 1000000 USD per request)")
  }
}

/// How one version of an artefact behaves (`[artefact.stable]`,
/// `[artefact.canary]`, `[artefact.shadow]`).
public struct ScenarioVersion: Sendable, Hashable {
  /// Version label (`version`), e.g. `v13`.
  public var version: String
  /// End-to-end latency in ms (`latency`: `median_ms` + `p95_ms`, or `mu` + `sigma` of ln ms).
  public var latency: LogNormal
  /// Time to first token (`ttft_fraction` or `ttft`), optional.
  public var ttft: ScenarioTTFT?
  /// Probability that a request fails with an error (`error_rate`), 0…1; default 0.
  public var errorRate: Double
  /// Probability that a request times out (`timeout_rate`), 0…1; default 0.
  public var timeoutRate: Double
  /// Timeout in ms (`timeout_ms`); timed-out requests report this latency, and
  /// a sampled latency at or above it also counts as a timeout. Default 30 000.
  public var timeoutMs: Double
  /// Prompt tokens per request (`input_tokens`), log-normal.
  public var inputTokens: LogNormal
  /// Completion tokens per successful request (`output_tokens`), log-normal.
  public var outputTokens: LogNormal
  /// How the cost of a request is found (`price` or `model`).
  public var pricing: ScenarioPricing
  /// Provider name written to `provider` (`provider`), optional.
  public var provider: String?
  /// Probability that the guardrail verdict is `fail` (`guardrail_fail_rate`),
  /// 0…1; `nil` writes no `guardrail` field.
  public var guardrailFailRate: Double?
  /// Score distribution (`score`), optional; `nil` writes no `score` field.
  public var score: ScenarioScore?

  /// Creates a version profile.
  public init(
    version: String, latency: LogNormal, ttft: ScenarioTTFT? = nil, errorRate: Double = 0,
    timeoutRate: Double = 0, timeoutMs: Double = 30_000, inputTokens: LogNormal,
    outputTokens: LogNormal, pricing: ScenarioPricing = .unpriced, provider: String? = nil,
    guardrailFailRate: Double? = nil, score: ScenarioScore? = nil
  ) {
    self.version = version
    self.latency = latency
    self.ttft = ttft
    self.errorRate = errorRate
    self.timeoutRate = timeoutRate
    self.timeoutMs = timeoutMs
    self.inputTokens = inputTokens
    self.outputTokens = outputTokens
    self.pricing = pricing
    self.provider = provider
    self.guardrailFailRate = guardrailFailRate
    self.score = score
  }
}

/// A metric the rules language can query: FlightDeck's own figures over its
/// telemetry (``MetricsStore``), the ingestion error count, and SLO burn.
///
/// Each case documents its unit and formula; ``MetricsStoreAlertSource``
/// computes them. `guardrail_failure_rate` is not offered: the metrics store
/// does not aggregate guardrail results.
public enum AlertMetric: String, Sendable, Hashable, Codable, CaseIterable {
  /// Requests per second: requests in the window ÷ the window's length in s.
  case requestRate = "request_rate"
  /// Fraction 0–1: (errors + timeouts) ÷ requests (``WindowStats/errorRate``).
  case errorRate = "error_rate"
  /// Fraction 0–1: timeouts ÷ requests.
  case timeoutRate = "timeout_rate"
  /// Median latency in ms over the window's requests.
  case p50LatencyMs = "p50_latency_ms"
  /// 95th-percentile latency in ms.
  case p95LatencyMs = "p95_latency_ms"
  /// 99th-percentile latency in ms.
  case p99LatencyMs = "p99_latency_ms"
  /// 95th-percentile time to first token in ms (requests that report one).
  case ttftP95Ms = "ttft_p95_ms"
  /// USD per hour: known cost in the window ÷ window seconds × 3600.
  case costUSDPerHour = "cost_usd_per_hour"
  /// USD: known cost ÷ requests with a known cost.
  case costPerRequestUSD = "cost_per_request_usd"
  /// Tokens per second: (input + output tokens) ÷ window seconds.
  case tokensPerSecond = "tokens_per_second"
  /// Count: ingestion errors (malformed, oversized, unreadable lines) noted
  /// by the engine in the window, by arrival time on the engine clock. No labels.
  case ingestErrors = "ingest_errors"
  /// Ratio: the SLO's bad-event fraction in the window ÷ (1 − objective)
  /// (SRE Workbook ch. 5). Needs `slo="name"`.
  case burnRate = "burn_rate"
  /// Fraction (may go below 0): 1 − bad fraction over the SLO's period ÷
  /// (1 − objective). Needs `slo="name"`; takes no window.
  case errorBudgetRemaining = "error_budget_remaining"

  /// Whether the metric is read per SLO (needs a `slo` matcher).
  public var isSLOMetric: Bool { self == .burnRate || self == .errorBudgetRemaining }

  /// Whether 0 is a real value when the window holds no request (counts
  /// and rates of arrivals); for the others no request means no data.
  public var zeroWithoutRequests: Bool {
    self == .requestRate || self == .ingestErrors || self == .tokensPerSecond
  }

  /// The unit shown next to values: `req/s`, `ms`, `USD/h`, …
  public var unit: String {
    switch self {
    case .requestRate: "req/s"
    case .errorRate, .timeoutRate, .errorBudgetRemaining: "ratio"
    case .p50LatencyMs, .p95LatencyMs, .p99LatencyMs, .ttftP95Ms: "ms"
    case .costUSDPerHour: "USD/h"
    case .costPerRequestUSD: "USD"
    case .tokensPerSecond: "tokens/s"
    case .ingestErrors: "errors"
    case .burnRate: "×"
    }
  }

  /// The labels a selector of this metric may name.
  public var allowedLabels: Set<String> {
    switch self {
    case .ingestErrors: []
    case .burnRate, .errorBudgetRemaining: ["slo", "artefact"]
    default: ["artefact", "version", "route"]
    }
  }
}

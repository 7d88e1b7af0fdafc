/// The live state of one version during a simulation: its configured
/// profile plus the changes timed events have made.
struct SimulatedVersionState: Sendable {
  /// Error classes drawn uniformly for `status: error` records.
  static let errorTypes = ["rate_limited", "server_error", "invalid_output"]

  /// Configured behaviour.
  let profile: ScenarioVersion
  /// Route this version serves.
  var route: Route
  /// The version label written on records instead of the profile's, when the
  /// registry serves this profile under another label (a rollback to a
  /// version the scenario does not describe).
  var label: String?
  /// Resolved price, `nil` when unknown (records then carry no `cost_usd`).
  let price: ModelPrice?
  /// Current error rate, 0…1.
  var errorRate: Double
  /// Current timeout rate, 0…1.
  var timeoutRate: Double
  /// Current multiplier on the configured latency and TTFT.
  var latencyFactor: Double = 1

  /// Creates the state of `profile` on `route`, resolving `model = …`
  /// through `prices`.
  init(profile: ScenarioVersion, route: Route, prices: PriceTable) {
    self.profile = profile
    self.route = route
    switch profile.pricing {
    case .price(let price): self.price = price
    case .model(let model): self.price = prices.price(for: model)
    case .unpriced: self.price = nil
    }
    errorRate = profile.errorRate
    timeoutRate = profile.timeoutRate
  }

  /// Applies the behaviour changes of `event` (fields that are set).
  mutating func apply(_ event: ScenarioEvent) {
    if let rate = event.errorRate { errorRate = rate }
    if let rate = event.timeoutRate { timeoutRate = rate }
    if let factor = event.latencyFactor { latencyFactor = factor }
  }

  /// Draws one request served by this version.
  ///
  /// Draw order (fixed, so a seed reproduces): status `U`; latency
  /// (log-normal × `latencyFactor`); input tokens; output tokens; error type
  /// (errors only); TTFT (log-normal form only); guardrail (when configured);
  /// score (ok only, when configured). Status: `U < timeoutRate` → timeout,
  /// `U < timeoutRate + errorRate` → error, else ok — and an ok request whose
  /// latency reaches `timeoutMs` becomes a timeout. Timeouts report
  /// `timeoutMs` as latency; failed requests report 0 output tokens and are
  /// charged for their input tokens only. A latency or TTFT draw is capped
  /// at ``TelemetryBounds/maxMilliseconds`` and a token draw at
  /// ``TelemetryBounds/maxTokens``: a log-normal's tail is unbounded (with
  /// `sigma` 10, one draw in twenty exceeds `Int.max` tokens when the median
  /// is 10¹²), and a record beyond the bounds is one FlightDeck refuses.
  func sample(
    artefact: ScenarioArtefact, timestamp: Timestamp, requestID: String, sessionID: String?,
    using rng: inout SplitMix64
  ) -> TelemetryRecord {
    let statusDraw = rng.nextUnit()
    var status: RequestStatus =
      statusDraw < timeoutRate ? .timeout : statusDraw < timeoutRate + errorRate ? .error : .ok
    let scaledLatency = profile.latency.scaled(by: latencyFactor)
    var latency = min(scaledLatency.sample(using: &rng), TelemetryBounds.maxMilliseconds)
    if status == .ok, latency >= profile.timeoutMs { status = .timeout }
    if status == .timeout { latency = profile.timeoutMs }
    let input = SimulatedVersionState.tokenCount(profile.inputTokens.sample(using: &rng))
    let drawnOutput = SimulatedVersionState.tokenCount(profile.outputTokens.sample(using: &rng))
    let output = status == .ok ? drawnOutput : 0

    var errorType: String?
    switch status {
    case .error:
      let index = Int(rng.nextUnit() * Double(SimulatedVersionState.errorTypes.count))
      errorType = SimulatedVersionState.errorTypes[min(index, SimulatedVersionState.errorTypes.count - 1)]
    case .timeout: errorType = "timeout"
    case .ok: errorType = nil
    }

    var ttft: Double?
    switch profile.ttft {
    case .fraction(let fraction)?: ttft = status == .ok ? latency * fraction : nil
    case .distribution(let distribution)?:
      let drawn = min(
        distribution.scaled(by: latencyFactor).sample(using: &rng), TelemetryBounds.maxMilliseconds)
      ttft = status == .ok ? min(drawn, latency) : nil
    case nil: ttft = nil
    }

    var guardrail: GuardrailResult?
    if let failRate = profile.guardrailFailRate {
      guardrail = rng.nextUnit() < failRate ? .fail : .pass
    }
    var score: Double?
    if let distribution = profile.score, status == .ok {
      score = distribution.sample(using: &rng)
    }

    return TelemetryRecord(
      timestamp: timestamp, requestID: requestID, artefact: artefact.name, kind: artefact.kind,
      version: label ?? profile.version, route: route, latencyMs: latency, inputTokens: input,
      outputTokens: output, costUSD: price?.cost(inputTokens: input, outputTokens: output),
      status: status, ttftMs: ttft, sessionID: sessionID, errorType: errorType, guardrail: guardrail,
      score: score, provider: profile.provider)
  }

  /// A token draw as a count: rounded, at least 1, at most
  /// ``TelemetryBounds/maxTokens`` (an infinite draw included).
  static func tokenCount(_ draw: Double) -> Int {
    Int(min(max(1, draw.rounded()), Double(TelemetryBounds.maxTokens)))
  }
}

/// The telemetry side of the KPIs: cost per artefact and latency-SLO
/// attainment over the period `[from, to)`, fed one record at a time.
public struct KPITelemetry: Sendable, Hashable {
  /// Start of the period (inclusive).
  public var from: Timestamp
  /// End of the period (exclusive).
  public var to: Timestamp
  /// The latency threshold in ms for attainment (`nil`: not measured).
  public var latencyThresholdMs: Double?
  /// The artefact whose requests count for attainment (a latency SLO's
  /// artefact); `nil`: every request.
  public var latencyArtefact: String?
  /// Cost tallies by artefact.
  public var costs: [String: KPIArtefactCost] = [:]
  /// Requests at or under the latency threshold ÷ all requests in the period.
  public var latencyAttainment = KPIRatio(0, of: 0)

  /// An empty tally for `[from, to)`; `latencyArtefact` limits the
  /// attainment to one artefact's requests (`nil`: all).
  public init(from: Timestamp, to: Timestamp, latencyThresholdMs: Double?, latencyArtefact: String? = nil) {
    self.from = from
    self.to = to
    self.latencyThresholdMs = latencyThresholdMs
    self.latencyArtefact = latencyArtefact
  }

  /// Counts `record` when it falls in the period.
  public mutating func add(_ record: TelemetryRecord) {
    guard record.timestamp >= from && record.timestamp < to else { return }
    var cost = costs[record.artefact] ?? KPIArtefactCost(artefact: record.artefact)
    if let c = record.costUSD, c.isFinite {
      cost.requests += 1
      cost.add(costUSD: c)
      cost.tokens += max(0, record.inputTokens) + max(0, record.outputTokens)
    } else {
      cost.unknownCostRequests += 1
    }
    costs[record.artefact] = cost
    if let threshold = latencyThresholdMs, latencyArtefact.map({ $0 == record.artefact }) ?? true {
      latencyAttainment.denominator += 1
      if record.latencyMs <= threshold { latencyAttainment.numerator += 1 }
    }
  }

  /// The cost tallies, by artefact name.
  public var costsByArtefact: [KPIArtefactCost] { costs.values.sorted { $0.artefact < $1.artefact } }
}

/// Cost of one artefact's requests in the KPI period (telemetry).
public struct KPIArtefactCost: Sendable, Hashable, Codable {
  /// The artefact.
  public var artefact: String
  /// Requests with a known cost.
  public var requests: Int
  /// Requests without a known cost (left out of the figures).
  public var unknownCostRequests: Int
  /// Total known cost, USD.
  public var costUSD: Double
  /// Input + output tokens of the requests with a known cost.
  public var tokens: Int

  /// Creates an empty tally for `artefact`.
  public init(artefact: String) {
    self.artefact = artefact
    requests = 0
    unknownCostRequests = 0
    costUSD = 0
    tokens = 0
  }

  /// USD per request (`costUSD ÷ requests`); `nil` without requests.
  public var costPerRequest: Double? { requests > 0 ? costUSD / Double(requests) : nil }

  /// USD per 1 000 tokens (`costUSD ÷ tokens × 1000`); `nil` without tokens.
  public var costPer1kTokens: Double? { tokens > 0 ? costUSD / Double(tokens) * 1000 : nil }
}

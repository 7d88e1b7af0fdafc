/// Cost of one artefact's requests in the KPI period (telemetry).
public struct KPIArtefactCost: Sendable, Hashable, Codable {
  /// The artefact.
  public var artefact: String
  /// Requests with a known cost.
  public var requests: Int
  /// Requests without a known cost (left out of the figures).
  public var unknownCostRequests: Int
  /// Total known cost, USD: the `Double` nearest to ``cost``.
  public private(set) var costUSD: Double
  /// Total known cost, exact in picodollars (``CostSum``), so the figure
  /// does not depend on the order of the records; encoded as ``costUSD``.
  public private(set) var cost = CostSum()
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

  private enum CodingKeys: String, CodingKey {
    case artefact, requests, unknownCostRequests, costUSD, tokens
  }

  /// Decodes a tally; its exact total is taken from `costUSD`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    artefact = try c.decode(String.self, forKey: .artefact)
    requests = try c.decode(Int.self, forKey: .requests)
    unknownCostRequests = try c.decode(Int.self, forKey: .unknownCostRequests)
    costUSD = try c.decode(Double.self, forKey: .costUSD)
    tokens = try c.decode(Int.self, forKey: .tokens)
    cost = CostSum(usd: costUSD)
  }

  /// Adds a known cost of `usd` to the total (exactly, see ``cost``).
  public mutating func add(costUSD usd: Double) {
    cost.add(usd)
    costUSD = cost.usd
  }

  /// USD per request (`costUSD ÷ requests`); `nil` without requests.
  public var costPerRequest: Double? { requests > 0 ? costUSD / Double(requests) : nil }

  /// USD per 1 000 tokens (`costUSD ÷ tokens × 1000`); `nil` without tokens.
  public var costPer1kTokens: Double? { tokens > 0 ? costUSD / Double(tokens) * 1000 : nil }
}

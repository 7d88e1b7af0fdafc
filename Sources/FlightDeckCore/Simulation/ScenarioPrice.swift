/// A token price: USD per 1 million input and output tokens (the unit of
/// providers' public price lists).
public struct ScenarioPrice: Sendable, Hashable {
  /// USD per 1 000 000 prompt tokens, ≥ 0.
  public var inputPerMillion: Double
  /// USD per 1 000 000 completion tokens, ≥ 0.
  public var outputPerMillion: Double

  /// Creates a price.
  public init(inputPerMillion: Double, outputPerMillion: Double) {
    self.inputPerMillion = inputPerMillion
    self.outputPerMillion = outputPerMillion
  }

  /// Cost in USD of a request:
  /// `input × inputPerMillion / 1e6 + output × outputPerMillion / 1e6`.
  public func cost(inputTokens: Int, outputTokens: Int) -> Double {
    (Double(inputTokens) * inputPerMillion + Double(outputTokens) * outputPerMillion) / 1_000_000
  }
}

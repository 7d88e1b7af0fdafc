/// Per-model list prices used to cost requests that carry no `cost_usd`.
///
/// Lookup (`price(for:)`): the exact model name; then the name with a trailing
/// date or alias suffix removed (`-2024-08-06`, `-20241022`, `@20241022`,
/// `-latest`), e.g. `gpt-4o-2024-08-06` → `gpt-4o`,
/// `claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`; then, for
/// `provider/model` names (LiteLLM style), the part after the last `/`, with
/// the same steps. An unknown model has no price, so its cost is `nil`
/// ("unknown"), never 0.
public struct PriceTable: Sendable, Hashable {
  /// Prices by model name.
  public var prices: [String: ModelPrice]

  /// Creates a table from explicit prices.
  public init(prices: [String: ModelPrice] = [:]) { self.prices = prices }

  /// A table with no prices: every cost not in the telemetry is unknown.
  public static let empty = PriceTable()

  /// The price of `model`, following the lookup rules above.
  public func price(for model: String) -> ModelPrice? {
    if let p = prices[model] { return p }
    if let stripped = PriceTable.strippingVersionSuffix(model), let p = prices[stripped] { return p }
    if let slash = model.lastIndex(of: "/") {
      let tail = String(model[model.index(after: slash)...])
      if !tail.isEmpty, tail != model { return price(for: tail) }
    }
    return nil
  }

  /// Cost in USD of a request to `model`, or `nil` when the model is unknown.
  public func cost(model: String, inputTokens: Int, outputTokens: Int) -> Double? {
    price(for: model)?.cost(inputTokens: inputTokens, outputTokens: outputTokens)
  }

  /// Cost in USD of a request to `model` with cached and reasoning tokens
  /// priced at their own rates (``ModelPrice/cost(_:)``), or `nil` when the
  /// model is unknown.
  public func cost(model: String, usage: TokenUsage) -> Double? {
    price(for: model)?.cost(usage)
  }

  /// The table with `other`'s prices added, replacing entries of the same name.
  public func merging(_ other: PriceTable) -> PriceTable {
    PriceTable(prices: prices.merging(other.prices) { _, new in new })
  }

  /// Cost of a FlightDeck record with no `cost_usd`: priced by the artefact
  /// name, else by the version label (which for hosted models is often the
  /// dated model id), else `nil`.
  func recordCost(artefact: String, version: String, usage: TokenUsage) -> Double? {
    if prices.isEmpty { return nil }
    return cost(model: artefact, usage: usage) ?? cost(model: version, usage: usage)
  }

  /// `model` without a trailing `-YYYY-MM-DD`, `-YYYYMMDD`, `@YYYYMMDD` or
  /// `-latest`; `nil` when there is no such suffix.
  static func strippingVersionSuffix(_ model: String) -> String? {
    let u = Array(model.utf8)
    func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { u[$0] >= 0x30 && u[$0] <= 0x39 } }
    let n = u.count
    // -YYYY-MM-DD
    if n > 11, u[n - 11] == 0x2D, u[n - 6] == 0x2D, u[n - 3] == 0x2D, digits(n - 10..<n - 6),
      digits(n - 5..<n - 3), digits(n - 2..<n)
    {
      return String(decoding: u[0..<(n - 11)], as: UTF8.self)
    }
    // -YYYYMMDD or @YYYYMMDD
    if n > 9, u[n - 9] == 0x2D || u[n - 9] == 0x40, digits(n - 8..<n) {
      return String(decoding: u[0..<(n - 9)], as: UTF8.self)
    }
    if model.hasSuffix("-latest"), n > 7 {
      return String(decoding: u[0..<(n - 7)], as: UTF8.self)
    }
    return nil
  }
}

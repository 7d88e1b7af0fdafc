/// How the simulator prices a version's requests.
public enum ScenarioPricing: Sendable, Hashable {
  /// Explicit prices (`price = { input_per_million, output_per_million }`).
  case price(ModelPrice)
  /// A model name looked up in the price table (`model = "gpt-4o"`); when the
  /// table has no entry, records carry no `cost_usd` (shown as "unknown").
  case model(String)
  /// No price at all: records carry no `cost_usd`.
  case unpriced
}

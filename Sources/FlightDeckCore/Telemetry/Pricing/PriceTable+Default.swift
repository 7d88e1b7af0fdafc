extension PriceTable {
  /// The bundled price table (`Resources/prices.toml`), loaded once; empty if
  /// the resource cannot be read (then every cost without `cost_usd` is
  /// "unknown", never 0).
  public static let `default`: PriceTable = (try? PriceTable.bundled()) ?? PriceTable()
}

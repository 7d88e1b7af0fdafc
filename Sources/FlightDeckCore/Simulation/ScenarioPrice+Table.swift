import Foundation
import TOMLKit

extension ScenarioPrice {
  /// The bundled default price table (`Resources/prices.toml`), model name →
  /// price in USD per 1M tokens; used for versions priced by `model = "…"`.
  ///
  /// - Throws: `ScenarioError` when the resource is missing or malformed.
  public static func bundledTable() throws -> [String: ScenarioPrice] {
    guard
      let url = Bundle.module.url(forResource: "prices", withExtension: "toml", subdirectory: "Resources")
        ?? Bundle.module.url(forResource: "prices", withExtension: "toml"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else {
      throw ScenarioError(
        file: "prices.toml", keyPath: "", line: nil, message: "resource missing from bundle")
    }
    return try table(toml: text, fileName: "prices.toml")
  }

  /// Parses a price table: `[prices."MODEL"]` tables with
  /// `input_per_million` and `output_per_million` (USD per 1M tokens).
  /// Other top-level keys are ignored (the file may grow other sections).
  ///
  /// - Throws: `ScenarioError` for invalid TOML or a malformed entry.
  public static func table(toml: String, fileName: String) throws -> [String: ScenarioPrice] {
    let root: TOMLTable
    do {
      root = try TOMLTable(string: toml)
    } catch let parseError as TOMLParseError {
      throw ScenarioError(
        file: fileName, keyPath: "", line: parseError.source.begin.line,
        message: "invalid TOML: \(parseError.description)")
    }
    let reader = ScenarioTOMLReader(file: fileName, locator: TOMLKeyLocator(source: toml))
    guard let prices = try reader.table(root, "prices", "") else { return [:] }
    var out: [String: ScenarioPrice] = [:]
    for model in prices.keys {
      let path = "prices.\"\(model)\""
      let entry = try reader.require(reader.table(prices, model, "prices"), model, "prices")
      let input = try reader.require(
        reader.number(entry, "input_per_million", path, in: 0...1_000_000), "input_per_million", path)
      let output = try reader.require(
        reader.number(entry, "output_per_million", path, in: 0...1_000_000), "output_per_million", path)
      out[model] = ScenarioPrice(inputPerMillion: input, outputPerMillion: output)
    }
    return out
  }
}

import Foundation
import TOMLKit

extension PriceTable {
  /// The built-in table: `Resources/prices.toml` of this module (public list
  /// prices; the file notes their date).
  ///
  /// - Throws: `ConfigurationError` if the bundled file is missing or invalid
  ///   (a packaging bug).
  public static func bundled() throws -> PriceTable {
    guard
      let url = Bundle.module.url(forResource: "prices", withExtension: "toml", subdirectory: "Resources")
        ?? Bundle.module.url(forResource: "prices", withExtension: "toml")
    else {
      throw ConfigurationError(file: "prices.toml", line: nil, key: nil, reason: "bundled resource not found")
    }
    return try load(contentsOf: url)
  }

  /// Loads a table from a TOML file (see `parse(toml:source:)` for the shape).
  ///
  /// - Throws: `ConfigurationError` naming the file when it cannot be read or
  ///   parsed, with the line (parse errors) and key (bad entries).
  public static func load(contentsOf url: URL) throws -> PriceTable {
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw ConfigurationError(file: url.path, line: nil, key: nil, reason: "cannot read file: \(error)")
    }
    return try parse(toml: text, source: url.path)
  }

  /// Parses the `[prices]` table of a TOML document:
  ///
  /// ```toml
  /// [prices."gpt-4o"]
  /// input_per_million = 2.50        # USD per 1M uncached input tokens
  /// output_per_million = 10.00      # USD per 1M output tokens
  /// cache_read_per_million = 1.25   # optional: prompt-cache reads (default: input price)
  /// cache_write_per_million = 2.50  # optional: prompt-cache writes (default: input price)
  /// reasoning_per_million = 10.00   # optional: reasoning tokens (default: output price)
  /// ```
  ///
  /// Other top-level tables (the rest of a config file) are ignored; a
  /// document without `[prices]` gives an empty table. Prices may be written
  /// as integers or floats and must be finite and ≥ 0.
  ///
  /// - Parameters:
  ///   - toml: the document text.
  ///   - source: file name used in errors.
  /// - Throws: `ConfigurationError` with `file` = `source`: TOML syntax errors
  ///   carry TOMLKit's line; bad entries carry the key (missing
  ///   `input_per_million` / `output_per_million`, a non-numeric or negative
  ///   price, unknown keys in an entry, `prices` or an entry that is not a
  ///   table).
  public static func parse(toml: String, source: String) throws -> PriceTable {
    let root: TOMLTable
    do {
      root = try TOMLScreen.parse(toml)
    } catch let e as TOMLSyntaxError {
      throw ConfigurationError(file: source, line: e.line, key: nil, reason: e.message)
    } catch {
      throw ConfigurationError(file: source, line: nil, key: nil, reason: "\(error)")
    }
    guard let section = root["prices"] else { return PriceTable() }
    guard let table = section.table else {
      throw ConfigurationError(file: source, line: nil, key: "prices", reason: "expected a table")
    }
    var prices: [String: ModelPrice] = [:]
    for model in table.keys {
      let entryKey = "prices.\"\(model)\""
      guard let entry = table[model]?.table else {
        throw ConfigurationError(file: source, line: nil, key: entryKey, reason: "expected a table")
      }
      for k in entry.keys where !PriceTable.columns.contains(k) {
        throw ConfigurationError(
          file: source, line: nil, key: "\(entryKey).\(k)",
          reason: "unknown key (expected " + PriceTable.columns.joined(separator: ", ") + ")")
      }
      func number(_ k: String) throws -> Double {
        let full = "\(entryKey).\(k)"
        guard let v = entry[k] else {
          throw ConfigurationError(file: source, line: nil, key: full, reason: "missing")
        }
        let d: Double
        if let x = v.double {
          d = x
        } else if let x = v.int {
          d = Double(x)
        } else {
          throw ConfigurationError(
            file: source, line: nil, key: full, reason: "expected a number (USD per 1M tokens)")
        }
        let bounds = FlightDeckConfiguration.Bounds.pricePerMillion
        guard d.isFinite, bounds.contains(d) else {
          throw ConfigurationError(
            file: source, line: nil, key: full,
            reason:
              "must be between \(Int(bounds.lowerBound)) and \(Int(bounds.upperBound)) (USD per 1M tokens)")
        }
        return d
      }
      func optionalNumber(_ k: String) throws -> Double? { entry[k] != nil ? try number(k) : nil }
      prices[model] = ModelPrice(
        inputPerMillion: try number("input_per_million"), outputPerMillion: try number("output_per_million"),
        cacheReadPerMillion: try optionalNumber("cache_read_per_million"),
        cacheWritePerMillion: try optionalNumber("cache_write_per_million"),
        reasoningPerMillion: try optionalNumber("reasoning_per_million"))
    }
    return PriceTable(prices: prices)
  }

  /// The keys of one `[prices."model"]` entry, required ones first.
  static let columns = [
    "input_per_million", "output_per_million", "cache_read_per_million", "cache_write_per_million",
    "reasoning_per_million",
  ]
}

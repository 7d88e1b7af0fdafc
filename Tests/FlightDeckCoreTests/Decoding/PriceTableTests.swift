import Foundation
import Testing

@testable import FlightDeckCore

@Suite struct PriceTableTests {
  @Test func bundledTableAndLookupRules() throws {
    let t = try PriceTable.bundled()
    #expect(t.price(for: "gpt-4o") == ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10))
    #expect(t.price(for: "gpt-4o-2024-08-06") == ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10))
    #expect(
      t.price(for: "claude-sonnet-4-5-20250929") == ModelPrice(inputPerMillion: 3, outputPerMillion: 15))
    #expect(
      t.price(for: "claude-3-5-sonnet@20241022") == ModelPrice(inputPerMillion: 3, outputPerMillion: 15))
    #expect(t.price(for: "claude-3-5-haiku-latest") == ModelPrice(inputPerMillion: 0.8, outputPerMillion: 4))
    #expect(t.price(for: "openai/gpt-4o-mini") == ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.6))
    #expect(t.price(for: "gemini-2.5-flash")?.outputPerMillion == 2.5)
    #expect(t.price(for: "summarizer") == nil)
    #expect(t.cost(model: "summarizer", inputTokens: 10, outputTokens: 10) == nil)
    // gpt-4o-mini: 1234 × 0.15/1e6 + 567 × 0.60/1e6 = 0.0001851 + 0.0003402 = 0.0005253.
    #expect(
      abs((t.cost(model: "gpt-4o-mini", inputTokens: 1234, outputTokens: 567) ?? -1) - 0.0005253) < 1e-15)
    // LiteLLM corpus call: gpt-4o, 10 prompt + 20 completion tokens:
    // 10 × 2.5/1e6 + 20 × 10/1e6 = 0.000025 + 0.0002 = 0.000225 (LiteLLM logged 0.00022500000000000002).
    #expect(abs((t.cost(model: "gpt-4o", inputTokens: 10, outputTokens: 20) ?? -1) - 0.000225) < 1e-15)
  }

  @Test func overrideFromTOMLAndRecordCost() throws {
    let extra = try PriceTable.parse(
      toml: """
        [server]
        port = 1

        [prices."gpt-4o"]
        input_per_million = 5
        output_per_million = 15.5

        [prices."summarizer"]
        input_per_million = 0.5
        output_per_million = 1.5
        """, source: "flightdeck.toml")
    let t = try PriceTable.bundled().merging(extra)
    #expect(t.price(for: "gpt-4o") == ModelPrice(inputPerMillion: 5, outputPerMillion: 15.5))
    #expect(t.price(for: "gpt-4o-mini")?.inputPerMillion == 0.15)  // untouched
    // A FlightDeck line without cost_usd is priced by artefact:
    // summarizer 3500 in, 250 out: 3500 × 0.5/1e6 + 250 × 1.5/1e6 = 0.00175 + 0.000375 = 0.002125.
    let line =
      #"{"ts":"2025-06-01T00:00:00.000Z","request_id":"a","artefact":"summarizer","kind":"model","version":"v7","route":"stable","latency_ms":1,"input_tokens":3500,"output_tokens":250,"status":"ok"}"#
    var d = TelemetryLineDecoder(prices: t)
    let rec = try #require(Array(line.utf8).withUnsafeBytes { d.decode(line: $0) }.records.first)
    #expect(abs((rec.costUSD ?? -1) - 0.002125) < 1e-15)
    var unknown = TelemetryLineDecoder(prices: try PriceTable.bundled())
    let rec2 = try #require(Array(line.utf8).withUnsafeBytes { unknown.decode(line: $0) }.records.first)
    #expect(rec2.costUSD == nil)
  }

  @Test func errorsNameFileLineAndKey() throws {
    func error(_ toml: String) -> ConfigurationError? {
      do {
        _ = try PriceTable.parse(toml: toml, source: "cfg.toml")
        return nil
      } catch let e as ConfigurationError {
        return e
      } catch {
        return nil
      }
    }
    let syntax = error("[prices.\"a\"]\ninput_per_million = 1\noutput_per_million = = 2\n")
    #expect(syntax?.file == "cfg.toml")
    #expect(syntax?.line == 3)
    let missing = error("[prices.\"a\"]\ninput_per_million = 1\n")
    #expect(
      missing
        == ConfigurationError(
          file: "cfg.toml", line: nil, key: "prices.\"a\".output_per_million", reason: "missing"))
    let negative = error("[prices.\"a\"]\ninput_per_million = -1\noutput_per_million = 2\n")
    #expect(negative?.key == "prices.\"a\".input_per_million")
    let typo = error("[prices.\"a\"]\ninput_per_milion = 1\noutput_per_million = 2\n")
    #expect(typo?.key == "prices.\"a\".input_per_milion")
    let text = error("[prices.\"a\"]\ninput_per_million = \"1\"\noutput_per_million = 2\n")
    #expect(
      text?.description == "cfg.toml: prices.\"a\".input_per_million: expected a number (USD per 1M tokens)")
    #expect(throws: ConfigurationError.self) {
      try PriceTable.load(contentsOf: URL(fileURLWithPath: "/nonexistent/prices.toml"))
    }
  }
}

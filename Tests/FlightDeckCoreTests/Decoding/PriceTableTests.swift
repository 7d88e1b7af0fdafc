import Foundation
import Testing

@testable import FlightDeckCore

@Suite struct PriceTableTests {
  @Test func bundledTableAndLookupRules() throws {
    let t = try PriceTable.bundled()
    // OpenAI: cached input at half price for the GPT-4o family, writes and reasoning at the
    // input / output price.
    let gpt4o = ModelPrice(inputPerMillion: 2.5, outputPerMillion: 10, cacheReadPerMillion: 1.25)
    #expect(t.price(for: "gpt-4o") == gpt4o)
    #expect(t.price(for: "gpt-4o-2024-08-06") == gpt4o)
    #expect(gpt4o.cacheWritePerMillion == 2.5 && gpt4o.reasoningPerMillion == 10)
    // Anthropic: 5-minute cache writes at 1.25× input, reads at 0.1× input.
    let sonnet = ModelPrice(
      inputPerMillion: 3, outputPerMillion: 15, cacheReadPerMillion: 0.3, cacheWritePerMillion: 3.75)
    #expect(t.price(for: "claude-sonnet-4-5-20250929") == sonnet)
    #expect(t.price(for: "claude-3-5-sonnet@20241022") == sonnet)
    #expect(
      t.price(for: "claude-3-5-haiku-latest")
        == ModelPrice(
          inputPerMillion: 0.8, outputPerMillion: 4, cacheReadPerMillion: 0.08, cacheWritePerMillion: 1))
    #expect(
      t.price(for: "openai/gpt-4o-mini")
        == ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.6, cacheReadPerMillion: 0.075))
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

  /// Every bundled entry has a cache-read price no higher than its input price and a
  /// cache-write price no lower (a discount and a surcharge, never the other way round), and
  /// the provider ratios the table header states: OpenAI reads at 0.5× (GPT-4o, o1, o3-mini),
  /// 0.25× (GPT-4.1, o3, o4-mini) or 0.1× (GPT-5); Anthropic reads 0.1×, writes 1.25×; Gemini
  /// 2.5 reads 0.1×.
  @Test func bundledCacheRatesFollowTheProviders() throws {
    let t = try PriceTable.bundled()
    #expect(t.prices.count >= 36)
    for (model, p) in t.prices {
      #expect(p.cacheReadPerMillion <= p.inputPerMillion, "\(model)")
      #expect(p.cacheWritePerMillion >= p.inputPerMillion, "\(model)")
      #expect(p.reasoningPerMillion == p.outputPerMillion, "\(model)")
    }
    func ratio(_ m: String) -> Double? {
      t.price(for: m).map { ($0.cacheReadPerMillion / $0.inputPerMillion * 1000).rounded() / 1000 }
    }
    for m in ["gpt-4o", "gpt-4o-mini", "o1", "o3-mini"] { #expect(ratio(m) == 0.5, "\(m)") }
    for m in ["gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3", "o4-mini"] {
      #expect(ratio(m) == 0.25, "\(m)")
    }
    for m in ["gpt-5", "gpt-5-mini", "gpt-5-nano"] { #expect(ratio(m) == 0.1, "\(m)") }
    for m in ["gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite"] {
      #expect(ratio(m) == 0.1, "\(m)")
    }
    // Anthropic lists Claude 3 Haiku's cache prices rounded to the cent ($0.30 write, $0.03 read
    // for $0.25 input); every other Claude model is exactly 1.25× and 0.1×.
    for (m, p) in t.prices where m.hasPrefix("claude-") && m != "claude-3-haiku" {
      #expect(abs(p.cacheReadPerMillion - 0.1 * p.inputPerMillion) < 1e-12, "\(m)")
      #expect(abs(p.cacheWritePerMillion - 1.25 * p.inputPerMillion) < 1e-12, "\(m)")
    }
    #expect(
      t.price(for: "claude-3-haiku")
        == ModelPrice(
          inputPerMillion: 0.25, outputPerMillion: 1.25, cacheReadPerMillion: 0.03, cacheWritePerMillion: 0.3)
    )
    // No prompt caching: cached tokens cost the input price.
    #expect(t.price(for: "gpt-3.5-turbo")?.cacheReadPerMillion == 0.5)
  }

  /// Each kind of token at its own rate, each token once. Worked by hand with
  /// claude-sonnet-4-5 ($3 in, $0.30 read, $3.75 write, $15 out; reasoning at $15):
  /// 10 000 input = 6 000 read + 1 000 written + 3 000 uncached; 2 000 output = 1 500
  /// reasoning + 500 visible:
  /// 3000 × 3 + 6000 × 0.3 + 1000 × 3.75 + 500 × 15 + 1500 × 15 = 9000 + 1800 + 3750 + 7500 +
  /// 22500 = 44 550 → 0.04455 USD.
  @Test func costPricesEachKindOfTokenOnce() throws {
    let sonnet = try #require(try PriceTable.bundled().price(for: "claude-sonnet-4-5"))
    let usage = TokenUsage(
      inputTokens: 10_000, outputTokens: 2_000, cacheReadTokens: 6_000, cacheWriteTokens: 1_000,
      reasoningTokens: 1_500)
    #expect(usage.uncachedInputTokens == 3_000)
    #expect(usage.nonReasoningOutputTokens == 500)
    #expect(abs(sonnet.cost(usage) - 0.04455) < 1e-15)
    // A separate reasoning rate is used for the reasoning tokens only:
    // 3000 × 3 + 6000 × 0.3 + 1000 × 3.75 + 500 × 15 + 1500 × 20 = 52 050 → 0.05205.
    var thinking = sonnet
    thinking.reasoningPerMillion = 20
    #expect(abs(thinking.cost(usage) - 0.05205) < 1e-15)
    // Without parts the cost is the old two-price formula: 10000 × 3 + 2000 × 15 = 60 000 → 0.06.
    #expect(abs(sonnet.cost(inputTokens: 10_000, outputTokens: 2_000) - 0.06) < 1e-15)
  }

  @Test func tomlCacheAndReasoningColumns() throws {
    let t = try PriceTable.parse(
      toml: """
        [prices."house-model"]
        input_per_million = 2
        output_per_million = 8
        cache_read_per_million = 0.5
        cache_write_per_million = 2.5
        reasoning_per_million = 12

        [prices."plain"]
        input_per_million = 1
        output_per_million = 4
        """, source: "flightdeck.toml")
    #expect(
      t.price(for: "house-model")
        == ModelPrice(
          inputPerMillion: 2, outputPerMillion: 8, cacheReadPerMillion: 0.5, cacheWritePerMillion: 2.5,
          reasoningPerMillion: 12))
    // Columns left out: no discount, no surcharge.
    let plain = try #require(t.price(for: "plain"))
    #expect(
      plain.cacheReadPerMillion == 1 && plain.cacheWritePerMillion == 1 && plain.reasoningPerMillion == 4)
    do {
      _ = try PriceTable.parse(
        toml:
          "[prices.\"a\"]\ninput_per_million = 1\noutput_per_million = 2\ncache_read_per_million = -0.1\n",
        source: "cfg.toml")
      Issue.record("a negative cache price must be refused")
    } catch let e as ConfigurationError {
      #expect(e.key == "prices.\"a\".cache_read_per_million")
      #expect(e.reason == "must be between 0 and 100000 (USD per 1M tokens)")
    }
    do {
      _ = try PriceTable.parse(
        toml: "[prices.\"a\"]\ninput_per_million = 1\noutput_per_million = 2\ncached_per_million = 0.1\n",
        source: "cfg.toml")
      Issue.record("an unknown column must be refused")
    } catch let e as ConfigurationError {
      #expect(e.key == "prices.\"a\".cached_per_million")
      #expect(e.reason.contains("cache_read_per_million"))
    }
  }
}

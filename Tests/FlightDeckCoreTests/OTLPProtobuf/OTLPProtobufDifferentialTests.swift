import Foundation
import Testing

@testable import FlightDeckCore

/// The real OpenTelemetry Python exporter's bytes
/// (`Tests/Tools/otlp-protobuf-reference.py`: the SDK's spans through
/// `encode_spans(...).SerializeToString()`) against the same request as
/// OTLP/JSON (`MessageToJson`, ids as hex): the protobuf decoder and the
/// OTLP/JSON decoder must give identical records, skips and rejection
/// reasons. Skipped with a message when python3 or the packages are missing,
/// except under `CI=true` (`.ci/run` installs them).
@Suite struct OTLPProtobufDifferentialTests {
  static let prices = PriceTable(prices: [
    "gpt-4o-mini": ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.60, cacheReadPerMillion: 0.075),
    "gpt-4o": ModelPrice(inputPerMillion: 2.50, outputPerMillion: 10.00),
    "claude-sonnet-4-5": ModelPrice(
      inputPerMillion: 3.00, outputPerMillion: 15.00, cacheReadPerMillion: 0.30, cacheWritePerMillion: 3.75),
  ])

  /// The reference files, NAME → (protobuf bytes, OTLP/JSON line); `nil`
  /// (after recording an issue under CI) when they cannot be made.
  static let reference: [String: ([UInt8], [UInt8])]? = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flightdeck-otlp-protobuf-\(ProcessInfo.processInfo.processIdentifier)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let script = DecodingFixtures.repoRoot.appendingPathComponent("Tests/Tools/otlp-protobuf-reference.py")
    guard (try? DecodingFixtures.runPython([script.path, dir.path])) ?? nil != nil else { return nil }
    var out: [String: ([UInt8], [UInt8])] = [:]
    for name in ["genai", "anyvalue", "many"] {
      guard let pb = try? Data(contentsOf: dir.appendingPathComponent("\(name).pb")),
        let json = try? Data(contentsOf: dir.appendingPathComponent("\(name).json"))
      else { return nil }
      out[name] = (Array(pb), Array(json).filter { $0 != 0x0A })
    }
    return out
  }()

  /// The reference pair, or `nil` after skipping (locally) or failing (CI).
  static func pair(_ name: String) -> ([UInt8], [UInt8])? {
    if let r = reference?[name] { return r }
    if ProcessInfo.processInfo.environment["CI"] == "true" {
      let message: Comment =
        "CI=true but Tests/Tools/otlp-protobuf-reference.py did not run: .ci/run must install opentelemetry-sdk and opentelemetry-exporter-otlp-proto-http"
      Issue.record(message)
    } else {
      print(
        "SKIPPED OTLPProtobufDifferentialTests: python3 with opentelemetry-sdk and "
          + "opentelemetry-exporter-otlp-proto-http not found")
    }
    return nil
  }

  static func both(_ name: String) throws -> (protobuf: TelemetryDecodeResult, json: TelemetryDecodeResult)? {
    guard let (pb, json) = pair(name) else { return nil }
    let fromProtobuf = try OTLPProtobufDecoder(prices: prices).decode(pb)
    var lines = TelemetryLineDecoder(format: .otlp, prices: prices)
    let fromJSON = json.withUnsafeBytes { lines.decode(line: $0) }
    return (fromProtobuf, fromJSON)
  }

  static func expectAgreement(_ r: (protobuf: TelemetryDecodeResult, json: TelemetryDecodeResult)) {
    #expect(r.protobuf.records == r.json.records)
    #expect(r.protobuf.skippedSpans == r.json.skippedSpans)
    #expect(r.protobuf.errors.map(\.reason) == r.json.errors.map(\.reason))
  }

  @Test func genAISpansFromTheSDKAgreeAndMatchHandWorkedFigures() throws {
    guard let r = try Self.both("genai") else { return }
    Self.expectAgreement(r)
    #expect(r.protobuf.records.count == 4)
    #expect(r.protobuf.skippedSpans == 1)  // the span with no model
    // Spans come grouped by resource, then scope: support-bot's two scopes, then batch.
    #expect(
      r.protobuf.errors == [
        TelemetryDecodeError(
          field: "resource_spans[1].scope_spans[0].spans[1].attributes[gen_ai.usage.cache_read.input_tokens]",
          reason: "exceeds gen_ai.usage.input_tokens (which count cached tokens too)")
      ])
    #expect(
      r.json.errors.map(\.field) == [
        "resourceSpans[1].scopeSpans[0].spans[1].attributes[gen_ai.usage.cache_read.input_tokens]"
      ])
    let records = r.protobuf.records
    // 1: ids from the script's counting id generator; 1.5 s; cache reads.
    #expect(records[0].requestID == "5b8efff7980381030000000000000001" + "eee19b7e00000001")
    #expect(records[0].artefact == "gpt-4o-mini" && records[0].version == "gpt-4o-mini-2024-07-18")
    #expect(records[0].route == .canary)  // from the resource
    #expect(records[0].latencyMs == 1500 && records[0].timestamp.millisecondsSinceEpoch == 1_700_000_000_123)
    #expect(
      records[0].inputTokens == 1234 && records[0].outputTokens == 567 && records[0].cacheReadTokens == 1000)
    #expect(records[0].provider == "openai" && records[0].sessionID == "s-9" && records[0].status == .ok)
    // (1234 − 1000) × 0.15 + 1000 × 0.075 + 567 × 0.60 = 35.1 + 75 + 340.2 = 450.3 per 1e6.
    #expect(abs((records[0].costUSD ?? -1) - 450.3e-6) < 1e-15)
    // 2: 21 341 ns is 0.021341 ms; reasoning and cache-creation parts.
    #expect(records[1].latencyMs == 0.021341)
    #expect(records[1].reasoningTokens == 700 && records[1].cacheWriteTokens == 20)
    #expect(records[1].costUSD == nil)  // o3-mini is not in the table
    // 3: the error status and its error.type.
    #expect(records[2].status == .error && records[2].errorType == "RateLimitError")
    #expect(records[2].artefact == "gpt-4o" && records[2].latencyMs == 250)
    // 4: the second resource's version; artefact and kind attributes.
    #expect(records[3].artefact == "triage-agent" && records[3].kind == .agent && records[3].version == "v7")
    #expect(records[3].route == .stable && records[3].provider == "anthropic")
    // (4000 − 3000 − 500) × 3.00 + 3000 × 0.30 + 500 × 3.75 + 100 × 15.00
    //   = 1500 + 900 + 1875 + 1500 = 5775 per 1e6.
    #expect(abs((records[3].costUSD ?? -1) - 5775e-6) < 1e-15)
  }

  @Test func everyAnyValueKindAgreesAndDecodes() throws {
    guard let r = try Self.both("anyvalue") else { return }
    Self.expectAgreement(r)
    let record = try #require(r.protobuf.records.first)
    #expect(r.protobuf.records.count == 1)
    #expect(record.inputTokens == 300 && record.outputTokens == 40)  // int_value, double_value 40.0
    #expect(record.provider == "openai")  // from the resource
    #expect(record.latencyMs == 2000)
    // The values themselves, as the trace reader decodes them.
    guard let (pb, _) = Self.pair("anyvalue") else { return }
    var spans: [OTLPSpanFields] = []
    var resources: [OTLPAttributes] = []
    try pb.withUnsafeBytes { raw in
      try OTLPProtobufTraceReader(limits: .default).read(raw) { _, span, resource in
        if case .success(let s) = span { spans.append(s) }
        resources.append(resource)
      }
    }
    let span = try #require(spans.first)
    #expect(span.name == "chat gpt-4o-mini" && span.kind == 3 && !span.isError)
    #expect(span.traceIDHex == "5b8efff798038103d269b633813fc60c" && span.spanIDHex == "eee19b7ec3c1b174")
    let a = span.attributes
    #expect(a["gen_ai.request.model"] == .string("gpt-4o-mini"))
    #expect(a["gen_ai.usage.input_tokens"] == .int(300))
    #expect(a["gen_ai.usage.output_tokens"] == .double(40))
    #expect(a["gen_ai.request.stream"] == .bool(true))
    #expect(a["gen_ai.request.temperature"] == .double(0.25))
    #expect(
      a["gen_ai.input.messages"]
        == .array([
          .string("a"), .array([.int(-7), .empty]),
          .keyValueList([OTLPKeyValue(key: "k", value: .bool(false))]),
        ]))
    #expect(
      a["gen_ai.output.messages"]
        == .keyValueList([
          OTLPKeyValue(key: "role", value: .string("assistant")),
          OTLPKeyValue(key: "parts", value: .array([.string("hi")])),
        ]))
    #expect(a["blob"] == .bytes([0x00, 0xFF, 0x10]))
    #expect(a["nothing"] == .empty)
    #expect(a["big"] == .int(Int64.min))
    #expect(a.count == 10)
    #expect(resources.first?["service.name"] == .string("café-bot"))
  }

  @Test func manySpansOverManyResourcesAgree() throws {
    guard let r = try Self.both("many") else { return }
    Self.expectAgreement(r)
    // 2 000 spans; n % 7 == 3 has no model: n = 3, 10, …, 1998 → 286 skipped.
    #expect(r.protobuf.skippedSpans == 286)
    #expect(r.protobuf.records.count == 1714)
    #expect(r.protobuf.errors.isEmpty)
    // n % 11 == 0 errors among the GenAI spans: 182 multiples of 11 in 0…1999,
    // minus those with n % 7 == 3 (n ≡ 66 mod 77: 66, 143, …, 1991 → 26).
    #expect(r.protobuf.records.filter { $0.status == .error }.count == 182 - 26)
  }
}

import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// Hand-made well-formed bodies: the record worked out by hand, unknown and
/// unused fields skipped, field order free, and invalid spans rejected one by
/// one with the same reasons as OTLP/JSON.
@Suite struct OTLPProtobufSpanTests {
  typealias W = ProtobufTestWriter
  static let prices = PriceTable(prices: [
    "gpt-4o-mini": ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.60)
  ])
  static let decoder = OTLPProtobufDecoder(prices: prices)
  static let genAI = [
    W.keyValue("gen_ai.request.model", string: "gpt-4o-mini"),
    W.keyValue("gen_ai.usage.input_tokens", int: 1234),
    W.keyValue("gen_ai.usage.output_tokens", int: 567),
  ]

  @Test func aSpanByHand() throws {
    let body = W.request(
      resource: [W.keyValue("flightdeck.route", string: "canary")],
      spans: [
        W.span(attributes: Self.genAI) { w in
          w.message(15) { status in
            status.string(2, "boom")
            status.varintField(3, 2)
          }
        }
      ])
    let r = try Self.decoder.decode(body)
    #expect(r.errors.isEmpty && r.skippedSpans == 0)
    let rec = try #require(r.records.first)
    #expect(rec.requestID == "0102030405060708090a0b0c0d0e0f10" + "1112131415161718")
    // No response model: the version is the request model (issue 12), never "unversioned".
    #expect(rec.artefact == "gpt-4o-mini" && rec.version == "gpt-4o-mini" && rec.route == .canary)
    #expect(rec.timestamp.millisecondsSinceEpoch == 1_700_000_000_000 && rec.latencyMs == 1500)
    #expect(rec.status == .error)
    #expect(rec.inputTokens == 1234 && rec.outputTokens == 567)
    // 1234 × 0.15/1e6 + 567 × 0.60/1e6 = 0.0001851 + 0.0003402 = 0.0005253.
    #expect(abs((rec.costUSD ?? -1) - 0.0005253) < 1e-15)
  }

  @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
    func unknown(_ w: inout W) {
      w.varintField(99, 300)
      w.fixed64(100, 7)
      w.message(101, [1, 2, 3])
      w.tag(102, 5)
      w.bytes += [1, 2, 3, 4]
    }
    var span = W.span(attributes: Self.genAI)
    var extra = W()
    unknown(&extra)
    span += extra.bytes
    // …in the request, the resource spans, the scope spans, the span, a
    // key/value and an AnyValue.
    var kv = W()
    kv.string(1, "gen_ai.response.model")
    unknown(&kv)
    kv.message(2) { v in
      unknown(&v)
      v.string(1, "gpt-4o-mini-2024-07-18")
    }
    span += W().bytes
    var request = W()
    unknown(&request)
    request.message(1) { rs in
      unknown(&rs)
      rs.message(2) { ss in
        unknown(&ss)
        ss.message(
          2,
          span
            + {
              var w = W(); w.message(9, kv.bytes); return w.bytes
            }())
      }
    }
    let r = try Self.decoder.decode(request.bytes)
    #expect(r.errors.isEmpty)
    #expect(r.records.map(\.version) == ["gpt-4o-mini-2024-07-18"])
  }

  @Test func theResourceMayFollowItsSpansAndIsMerged() throws {
    var request = W()
    request.message(1) { rs in
      rs.message(2) { ss in ss.message(2, W.span(attributes: Self.genAI)) }
      rs.message(1) { r in r.message(1, W.keyValue("flightdeck.route", string: "shadow")) }
      rs.message(1) { r in r.message(1, W.keyValue("flightdeck.version", string: "v3")) }
    }
    let rec = try #require(try Self.decoder.decode(request.bytes).records.first)
    #expect(rec.route == .shadow && rec.version == "v3")
  }

  /// The same invalid span as OTLP/JSON and as protobuf: same reason, the
  /// field named in each encoding's terms.
  @Test(arguments: [
    ("zero trace id", "trace_id", "traceId", "invalid trace id: all-zero id is invalid"),
    ("short span id", "span_id", "spanId", "invalid span id: 4 bytes, expected 8"),
    ("kind 9", "kind", "kind", "unknown span kind"),
    ("end before start", "end_time_unix_nano", "endTimeUnixNano", "before start_time_unix_nano"),
  ])
  func invalidSpansAreRejectedOneByOne(_ c: (String, String, String, String)) throws {
    let (name, protoField, jsonField, reason) = c
    var w = W()
    var trace = Array<UInt8>(1...16)
    var spanID = Array<UInt8>(17...24)
    var kind: UInt64 = 3
    var end: UInt64 = 1_700_000_001_500_000_000
    switch name {
    case "zero trace id": trace = Array(repeating: 0, count: 16)
    case "short span id": spanID = [1, 2, 3, 4]
    case "kind 9": kind = 9
    default: end = 1_600_000_000_000_000_000
    }
    w.message(1, trace)
    w.message(2, spanID)
    w.varintField(6, kind)
    w.fixed64(7, 1_700_000_000_000_000_000)
    w.fixed64(8, end)
    for a in Self.genAI { w.message(9, a) }
    let good = W.span(attributes: Self.genAI)
    let r = try Self.decoder.decode(W.request(spans: [w.bytes, good]))
    #expect(r.records.count == 1, "the other span still decodes")
    #expect(
      r.errors.map(\.description) == [
        "resource_spans[0].scope_spans[0].spans[0].\(protoField): \(reason)"
      ])
    // OTLP/JSON: the same span written by hand.
    func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }
    let json =
      #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"\#(hex(trace))","spanId":"\#(hex(spanID))","#
      + #""kind":\#(kind),"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"\#(end)","#
      + #""attributes":[{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o-mini"}}]}]}]}]}"#
    var lines = TelemetryLineDecoder(format: .otlp, prices: Self.prices)
    let j = Array(json.utf8).withUnsafeBytes { lines.decode(line: $0) }
    // OTLP/JSON ids are hex of the right length or else base64: the 8 hex
    // digits of a 4-byte id read as base64 are 6 bytes.
    let jsonReason = reason.replacingOccurrences(of: "start_time_unix_nano", with: "startTimeUnixNano")
      .replacingOccurrences(of: "4 bytes", with: "decodes to 6 bytes")
    #expect(
      j.errors.map(\.description) == ["resourceSpans[0].scopeSpans[0].spans[0].\(jsonField): \(jsonReason)"])
  }

  @Test func missingTimesAreRejected() throws {
    var w = W()
    w.message(1, Array(1...16))
    w.message(2, Array(17...24))
    w.fixed64(8, 5)
    let r = try Self.decoder.decode(W.request(spans: [w.bytes]))
    #expect(
      r.errors.map(\.description) == [
        "resource_spans[0].scope_spans[0].spans[0].start_time_unix_nano: missing (required: ns since the Unix epoch)"
      ])
    // Above 2^63 − 1 ns.
    var big = W()
    big.message(1, Array(1...16))
    big.message(2, Array(17...24))
    big.fixed64(7, 1 << 63)
    big.fixed64(8, 1 << 63)
    let b = try Self.decoder.decode(W.request(spans: [big.bytes]))
    #expect(b.errors.map(\.reason) == ["expected a non-negative int64 (ns)"])
  }

  @Test func attributeRejectionsNameTheProtoPath() throws {
    let attrs = Self.genAI + [W.keyValue("gen_ai.usage.cache_read.input_tokens", int: 2000)]
    let r = try Self.decoder.decode(W.request(spans: [W.span(attributes: attrs)]))
    #expect(
      r.errors.map(\.description) == [
        "resource_spans[0].scope_spans[0].spans[0].attributes[gen_ai.usage.cache_read.input_tokens]: "
          + "exceeds gen_ai.usage.input_tokens (which count cached tokens too)"
      ])
    // A negative int_value for tokens.
    let neg = try Self.decoder.decode(
      W.request(spans: [
        W.span(attributes: [Self.genAI[0], W.keyValue("gen_ai.usage.input_tokens", int: -1)])
      ]))
    #expect(neg.errors.map(\.reason) == ["must be a non-negative integer"])
  }

  /// Names come from string values only, counts from integers, integral
  /// doubles or digit strings — the same in both encodings. (Before the
  /// shared intermediate form, OTLP/JSON took `{"intValue":"7"}` as the
  /// version "7", while protobuf's int 7 could not be.)
  @Test func attributeValuesAreReadByTypeInBothEncodings() throws {
    var version = W()
    version.string(1, "flightdeck.version")
    version.message(2) { $0.varintField(3, 7) }
    let attrs = [
      W.keyValue("gen_ai.request.model", string: "gpt-4o-mini"),
      W.keyValue("gen_ai.usage.input_tokens", string: "300"), version.bytes,
    ]
    let p = try #require(try Self.decoder.decode(W.request(spans: [W.span(attributes: attrs)])).records.first)
    let json =
      #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","#
      + #""spanId":"1112131415161718","name":"chat","kind":3,"startTimeUnixNano":"1700000000000000000","#
      + #""endTimeUnixNano":"1700000001500000000","attributes":["#
      + #"{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o-mini"}},"#
      + #"{"key":"gen_ai.usage.input_tokens","value":{"stringValue":"300"}},"#
      + #"{"key":"flightdeck.version","value":{"intValue":"7"}}]}]}]}]}"#
    var lines = TelemetryLineDecoder(format: .otlp, prices: Self.prices)
    let j = try #require(Array(json.utf8).withUnsafeBytes { lines.decode(line: $0) }.records.first)
    #expect(p.version == "gpt-4o-mini" && j.version == "gpt-4o-mini")
    #expect(p.inputTokens == 300 && j.inputTokens == 300)
    #expect(p == j)
  }
}

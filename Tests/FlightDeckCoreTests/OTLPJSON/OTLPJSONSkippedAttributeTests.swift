import Foundation
import Testing

@testable import FlightDeckCore

/// The byte-level OTLP/JSON reader builds only the attributes the GenAI
/// mapping reads (``OTLPMappedKeys``): the others are checked and skipped.
/// Whatever it skips, a span must give the same record as through
/// Foundation, which keeps every attribute.
@Suite struct OTLPJSONSkippedAttributeTests {
  /// One span with `attributes` (JSON text of the list's elements) and a
  /// resource with `resource`.
  static func text(
    _ attributes: String, resource: String = #"{"key":"service.name","value":{"stringValue":"chat"}}"#
  )
    -> String
  {
    #"{"resourceSpans":[{"resource":{"attributes":[\#(resource)]},"scopeSpans":[{"spans":[{"#
      + #""traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"chat","#
      + #""startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000001250000000","#
      + #""attributes":[\#(attributes)]}]}]}]}"#
  }

  /// The byte-level answer (required) and Foundation's, with `mapping`.
  static func both(_ text: String, mapping: OTLPAttributeMapping = .default) throws -> (
    fast: TelemetryDecodeResult, slow: TelemetryDecodeResult
  ) {
    let decoder = OTLPJSONDecoder(mapping: mapping, prices: try PriceTable.bundled())
    var fastVersions = OTLPVersionMemory()
    var slowVersions = OTLPVersionMemory()
    let bytes = Array(text.utf8)
    let fast = try #require(
      bytes.withUnsafeBytes {
        decoder.fastDecode($0, linesBeforeCurrent: 0, versions: &fastVersions, requireResourceSpans: true)
      })
    let slow = try bytes.withUnsafeBytes { raw in
      try Result { () throws(OTLPJSONDecodeError) in
        try decoder.foundationDecode(raw, versions: &slowVersions)
      }
      .get()
    }
    #expect(fastVersions == slowVersions)
    return (fast, slow)
  }

  /// The reader keeps the mapped keys, escaped keys and non-ASCII keys, and
  /// leaves out plain ASCII keys the mapping never reads, on the span and on
  /// the resource.
  @Test func unreadKeysAreLeftOut() throws {
    let text = Self.text(
      #"{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}},"#
        + #"{"key":"server.address","value":{"stringValue":"api.example.com"}},"#
        + #"{"key":"gen_ai.request.temperature","value":{"doubleValue":0.7}},"#
        + #"{"value":{"kvlistValue":{"values":[{"key":"a","value":{"intValue":"1"}}]}},"key":"custom.list"},"#
        + #"{"key":"caf\u00e9","value":{"stringValue":"x"}},"#
        + #"{"key":"clé","value":{"stringValue":"y"}},"#
        + #"{"key":"error.type","value":{"stringValue":"timeout"}}"#,
      resource: #"{"key":"service.name","value":{"stringValue":"chat"}},"#
        + #"{"key":"flightdeck.route","value":{"stringValue":"canary"}}"#)
    let bytes = Array(text.utf8)
    let read = try bytes.withUnsafeBytes { try OTLPJSONTraceReader.read($0, mapped: .default) }
    let group = try #require(read.groups.first)
    #expect(group.attributes.count == 1)
    #expect(group.attributes["flightdeck.route"] == .string("canary"))
    #expect(group.attributes["service.name"] == nil)
    let span = try #require(try group.spans.first?.outcome.get())
    // gen_ai.request.model, error.type, the escaped "café" and the non-ASCII "clé".
    #expect(span.attributes.count == 4)
    #expect(span.attributes["gen_ai.request.model"] == .string("gpt-4o"))
    #expect(span.attributes["error.type"] == .string("timeout"))
    #expect(span.attributes["café"] == .string("x"))
    #expect(span.attributes["clé"] == .string("y"))
    #expect(span.attributes["server.address"] == nil)
    let (fast, slow) = try Self.both(text)
    #expect(fast == slow)
    let r = try #require(fast.records.first)
    #expect(r.artefact == "gpt-4o")
    #expect(r.route == .canary)
    #expect(r.errorType == "timeout")
  }

  /// A mapped key written with escapes is still read: `\u0075` is `u`.
  @Test func anEscapedMappedKeyIsRead() throws {
    let text = Self.text(
      #"{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}},"#
        + #"{"key":"gen_ai.\u0075sage.input_tokens","value":{"intValue":"1000"}},"#
        + #"{"key":"gen_ai.usage.output_tokens","value":{"intValue":200}},"#
        + #"{"key":"unread.one","value":{"arrayValue":{"values":[{"stringValue":"a\"b"},{"intValue":"3"}]}}}"#
    )
    let (fast, slow) = try Self.both(text)
    #expect(fast == slow)
    let r = try #require(fast.records.first)
    #expect(r.inputTokens == 1000)
    #expect(r.outputTokens == 200)
    // gpt-4o: $2.50 input, $10.00 output per 1M: 1000 × 2.5e-6 + 200 × 1e-5 = 0.0045.
    #expect(abs((r.costUSD ?? 0) - 0.0045) < 1e-12)
  }

  /// The value may come before the key: a mapped one is read, an unread one
  /// dropped.
  @Test func valueBeforeKey() throws {
    let text = Self.text(
      #"{"value":{"stringValue":"gpt-4o-mini"},"key":"gen_ai.request.model"},"#
        + #"{"value":{"stringValue":"ignored"},"key":"http.url"},"#
        + #"{"value":{"intValue":"7"},"key":"gen_ai.usage.output_tokens"}"#)
    let (fast, slow) = try Self.both(text)
    #expect(fast == slow)
    #expect(fast.records.first?.artefact == "gpt-4o-mini")
    #expect(fast.records.first?.outputTokens == 7)
  }

  /// Keys a configured mapping names (not in the fixed table) are read.
  @Test func configuredKeysAreRead() throws {
    let mapping = OTLPAttributeMapping(
      artefactKeys: ["app.feature"], versionKeys: ["app.build"], routeKeys: ["deploy.track"],
      kindKeys: ["app.kind"], sessionKeys: ["app.session"], errorTypeKeys: ["app.error"])
    let text = Self.text(
      #"{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}},"#
        + #"{"key":"app.feature","value":{"stringValue":"summarise"}},"#
        + #"{"key":"app.build","value":{"stringValue":"b42"}},"#
        + #"{"key":"app.kind","value":{"stringValue":"agent"}},"#
        + #"{"key":"app.session","value":{"stringValue":"s-1"}},"#
        + #"{"key":"app.error","value":{"stringValue":"RateLimit"}},"#
        + #"{"key":"flightdeck.artefact","value":{"stringValue":"not-this"}}"#,
      resource: #"{"key":"deploy.track","value":{"stringValue":"shadow"}}"#)
    let (fast, slow) = try Self.both(text, mapping: mapping)
    #expect(fast == slow)
    let r = try #require(fast.records.first)
    #expect(r.artefact == "summarise")
    #expect(r.version == "b42")
    #expect(r.route == .shadow)
    #expect(r.kind == .agent)
    #expect(r.sessionID == "s-1")
    #expect(r.errorType == "RateLimit")
  }

  /// A configured key with a non-ASCII byte (KELVIN SIGN, U+212A) equals, as
  /// a Swift string, the plain ASCII key with `K`: nothing is skipped then,
  /// and the span's `app.Kind` is read as through Foundation.
  @Test func aNonASCIIConfiguredKeyKeepsEveryKey() throws {
    let mapping = OTLPAttributeMapping(kindKeys: ["app.\u{212A}ind"])
    #expect(OTLPMappedKeys(mapping: mapping).keepsEveryKey)
    #expect(!OTLPMappedKeys.default.keepsEveryKey)
    let text = Self.text(
      #"{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}},"#
        + #"{"key":"app.Kind","value":{"stringValue":"prompt"}}"#)
    let (fast, slow) = try Self.both(text, mapping: mapping)
    #expect(fast == slow)
    #expect(fast.records.first?.kind == .prompt)
  }

  /// The table finds every key of the mapping from its bytes, and no other
  /// (prefixes, other lengths, one byte changed).
  @Test func theTableFindsItsKeysFromBytes() {
    let mapping = OTLPAttributeMapping(routeKeys: ["deploy.track"])
    let keys = OTLPMappedKeys(mapping: mapping)
    let expected = Set(OTLPDecoder.fixedMappedKeys + mapping.keys)
    #expect(Set(keys.keys) == expected)
    #expect(keys.keys.count == expected.count)
    for key in expected {
      var bytes = Array(key.utf8)
      #expect(bytes.withUnsafeBufferPointer { keys.key($0.baseAddress!, $0.count) } == key)
      #expect(bytes.withUnsafeBufferPointer { keys.key($0.baseAddress!, $0.count - 1) } == nil)
      bytes[bytes.count / 2] ^= 0x01
      #expect(bytes.withUnsafeBufferPointer { keys.key($0.baseAddress!, $0.count) } == nil)
    }
    for other in ["server.address", "gen_ai.operation.name", "flightdeck.route", "service.name", "x"] {
      let bytes = Array(other.utf8)
      #expect(bytes.withUnsafeBufferPointer { keys.key($0.baseAddress!, $0.count) } == nil)
    }
  }
}

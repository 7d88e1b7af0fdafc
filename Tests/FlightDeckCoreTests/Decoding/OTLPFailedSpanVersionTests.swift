import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// A failed call's span has no response model (the official OpenAI
/// instrumentation sets only the request attributes and `error.type`): it
/// counts against the version its request was sent to, never a phantom
/// `unversioned` version.
@Suite struct OTLPFailedSpanVersionTests {
  /// One OTLP/JSON line with one chat span; `response` nil for a failed call.
  static func span(_ i: Int, request: String, response: String?) -> String {
    var attrs = [#"{"key":"gen_ai.request.model","value":{"stringValue":"\#(request)"}}"#]
    if let response {
      attrs.append(#"{"key":"gen_ai.response.model","value":{"stringValue":"\#(response)"}}"#)
    } else {
      attrs.append(#"{"key":"error.type","value":{"stringValue":"RateLimitError"}}"#)
    }
    let status = response == nil ? #","status":{"code":2}"# : ""
    let spanID = String(format: "%016x", i + 1)
    return
      #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":""#
      + spanID + #"","name":"chat","startTimeUnixNano":"1000000","endTimeUnixNano":"2000000""# + status
      + #","attributes":["# + attrs.joined(separator: ",") + "]}]}]}]}"
  }

  /// 180 calls answered by the dated model, 20 failures among them: one version, 10 % errors.
  @Test func failuresJoinTheAnsweringVersion() throws {
    var lines: [String] = []
    for i in 0..<200 {
      lines.append(
        Self.span(i, request: "gpt-4o-mini", response: i % 10 == 5 ? nil : "gpt-4o-mini-2024-07-18"))
    }
    let t = try ReaderFixtures.decode(text: lines.joined(separator: "\n"))
    #expect(t.errors.isEmpty)
    #expect(t.records.count == 200)
    #expect(Set(t.records.map(\.version)) == ["gpt-4o-mini-2024-07-18"])
    #expect(t.records.filter { $0.status == .error }.count == 20)
    #expect(t.records.filter { $0.status == .error }.allSatisfy { $0.errorType == "RateLimitError" })
  }

  /// Before any call of that model succeeded, the request model names the version.
  @Test func failureFirstTakesTheRequestModel() throws {
    let t = try ReaderFixtures.decode(
      text: Self.span(0, request: "gpt-4o-2024-08-06", response: nil) + "\n"
        + Self.span(1, request: "gpt-4o-2024-08-06", response: "gpt-4o-2024-08-06"))
    #expect(t.records.map(\.version) == ["gpt-4o-2024-08-06", "gpt-4o-2024-08-06"])
  }

  /// With a mapping whose version keys do not read the response model, the default stays.
  @Test func explicitVersionKeysKeepTheirDefault() throws {
    var decoder = TelemetryLineDecoder(
      mapping: OTLPAttributeMapping(versionKeys: ["flightdeck.version"]), prices: try PriceTable.bundled())
    let line = Array(Self.span(0, request: "gpt-4o", response: nil).utf8)
    let r = line.withUnsafeBytes { decoder.decode(line: $0) }
    #expect(r.records.map(\.version) == ["unversioned"])
  }

  /// OTLP/protobuf (the receiver's path): within a body, and across bodies with one memory.
  @Test func protobufBodiesShareTheMemory() throws {
    typealias W = ProtobufTestWriter
    func span(_ response: String?) -> [UInt8] {
      var attrs = [W.keyValue("gen_ai.request.model", string: "gpt-4o-mini")]
      if let response { attrs.append(W.keyValue("gen_ai.response.model", string: response)) }
      return W.span(attributes: attrs)
    }
    let decoder = OTLPProtobufDecoder(prices: .empty)
    var versions = OTLPVersionMemory()
    let bodies = [
      W.request(spans: [span("gpt-4o-mini-2024-07-18"), span(nil)]), W.request(spans: [span(nil)]),
    ]
    let first = try bodies[0].withUnsafeBytes { try decoder.decode($0, versions: &versions) }
    let second = try bodies[1].withUnsafeBytes { try decoder.decode($0, versions: &versions) }
    #expect(
      (first.records + second.records).map(\.version) == Array(repeating: "gpt-4o-mini-2024-07-18", count: 3))
  }

  /// The memory is bounded.
  @Test func memoryIsBounded() {
    var m = OTLPVersionMemory()
    for i in 0..<(OTLPVersionMemory.capacity + 10) {
      m.learn(artefact: "a\(i)", requestModel: "m", version: "v")
    }
    #expect(m.version(artefact: "a0", requestModel: "m") == "v")
    #expect(m.version(artefact: "a\(OTLPVersionMemory.capacity + 5)", requestModel: "m") == nil)
    m.learn(artefact: "a0", requestModel: "m", version: "w")  // known pairs still update
    #expect(m.version(artefact: "a0", requestModel: "m") == "w")
  }
}

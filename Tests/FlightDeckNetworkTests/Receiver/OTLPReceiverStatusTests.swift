import CompressNIO
import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import FlightDeckNetwork

/// Every answer of the receiver over real HTTP on loopback, with bodies and
/// figures worked out by hand from the requests.
@Suite struct OTLPReceiverStatusTests {
  typealias R = OTLPTestRequest

  /// `google.rpc.Status` code and message of a protobuf body (field 1
  /// varint, field 2 string; enough of the wire format for these bodies).
  static func status(_ body: ByteBuffer?) -> (code: Int, message: String)? {
    guard let body else { return nil }
    let b = Array(body.readableBytesView)
    guard b.count >= 4, b[0] == 0x08, b[2] == 0x12 else { return nil }
    var length = 0
    var shift = 0
    var i = 3
    while i < b.count {
      length |= Int(b[i] & 0x7F) << shift
      shift += 7
      i += 1
      if b[i - 1] < 0x80 { break }
    }
    guard i + length == b.count else { return nil }
    return (Int(b[1]), String(decoding: b[i...], as: UTF8.self))
  }

  /// The fields of a protobuf message made only of varint and LEN fields
  /// (protobuf.dev encoding guide): number, varint value or LEN bytes.
  static func fields(_ b: [UInt8]) -> [(number: Int, varint: UInt64, bytes: [UInt8])] {
    var i = 0
    func varint() -> UInt64 {
      var v: UInt64 = 0
      var shift: UInt64 = 0
      while i < b.count {
        let byte = b[i]
        i += 1
        v |= UInt64(byte & 0x7F) << shift
        shift += 7
        if byte < 0x80 { break }
      }
      return v
    }
    var out: [(number: Int, varint: UInt64, bytes: [UInt8])] = []
    while i < b.count {
      let tag = varint()
      if tag & 7 == 0 {
        out.append((Int(tag >> 3), varint(), []))
      } else {
        let n = Int(varint())
        guard i + n <= b.count else { return out }
        out.append((Int(tag >> 3), 0, Array(b[i..<(i + n)])))
        i += n
      }
    }
    return out
  }

  static func json(_ body: ByteBuffer?) -> [String: Any]? {
    guard let body else { return nil }
    return (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any]
  }

  @Test func protobufGenAISpansAreAcknowledgedWithAnEmptyResponseAfterTheSink() async throws {
    let sink = RecordingSink()
    let body = R.request(spans: [
      R.genAISpan(0x21),
      R.span(spanByte: 0x22, attributes: [R.attribute("http.method", "GET")]),  // not GenAI: skipped
      R.genAISpan(0x23, model: "gpt-4o"),
    ])
    let response = try await ReceiverHarness.withReceiver(sink: sink) { port in
      try await ReceiverHarness.postProtobuf(port: port, body)
    }
    #expect(response.status == .ok)
    #expect(response.headers[.contentType] == "application/x-protobuf")
    #expect((response.body?.readableBytes ?? 0) == 0)
    let records = sink.records
    #expect(records.map(\.artefact) == ["gpt-4o-mini", "gpt-4o"])
    #expect(records.map(\.inputTokens) == [100, 100])
    #expect(records.map(\.outputTokens) == [20, 20])
    #expect(records.map(\.latencyMs) == [1500, 1500])
    #expect(
      records.map(\.requestID) == [
        "0102030405060708090a0b0c0d0e0f10" + "2121212121212121",
        "0102030405060708090a0b0c0d0e0f10" + "2323232323232323",
      ])
    #expect(sink.batches.count == 1)
  }

  @Test func jsonBodiesAreDecodedAndAnsweredInJSON() async throws {
    let sink = RecordingSink()
    let body = """
      {"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"spans":[{\
      "traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"3131313131313131","name":"chat","kind":3,\
      "startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000250000000",\
      "attributes":[{"key":"gen_ai.request.model","value":{"stringValue":"claude-sonnet-4-5"}},\
      {"key":"gen_ai.usage.input_tokens","value":{"intValue":"42"}}],"status":{"code":2}}]}]}]}
      """
    let response = try await ReceiverHarness.withReceiver(sink: sink) { port in
      try await ReceiverHarness.send(
        port: port, headers: [.contentType: "application/json; charset=utf-8"], body: Array(body.utf8))
    }
    #expect(response.status == .ok)
    #expect(response.headers[.contentType] == "application/json")
    #expect(response.body.map { String(buffer: $0) } == "{}")
    #expect(sink.records.map(\.artefact) == ["claude-sonnet-4-5"])
    #expect(sink.records.map(\.inputTokens) == [42])
    #expect(sink.records.map(\.latencyMs) == [250])
    #expect(sink.records.map(\.status) == [.error])
  }

  /// Three GenAI spans, two invalid (a 3-byte trace id; negative input
  /// tokens), one HTTP span: rejected_spans = 2 (the HTTP span is skipped,
  /// not rejected), and the valid span is stored.
  static let partlyInvalid: [UInt8] = {
    var shortTraceID = ProtobufTestWriter()
    shortTraceID.message(1, [1, 2, 3])
    shortTraceID.message(2, Array(repeating: 0x41, count: 8))
    shortTraceID.fixed64(7, 1_700_000_000_000_000_000)
    shortTraceID.fixed64(8, 1_700_000_001_000_000_000)
    shortTraceID.message(9, R.attribute("gen_ai.request.model", "gpt-4o-mini"))
    return R.request(spans: [
      R.genAISpan(0x40),
      shortTraceID.bytes,
      R.span(
        spanByte: 0x42,
        attributes: [
          R.attribute("gen_ai.request.model", "gpt-4o"), R.attribute("gen_ai.usage.input_tokens", -5),
        ]),
      R.span(spanByte: 0x43, attributes: [R.attribute("http.method", "GET")]),
    ])
  }()

  @Test func invalidSpansAreCountedInPartialSuccessInProtobuf() async throws {
    let sink = RecordingSink()
    let response = try await ReceiverHarness.withReceiver(sink: sink) { port in
      try await ReceiverHarness.postProtobuf(port: port, Self.partlyInvalid)
    }
    #expect(response.status == .ok)
    // ExportTraceServiceResponse { partial_success (1, LEN) { rejected_spans (1, varint) = 2; error_message (2, LEN) } }
    let outer = Self.fields(Array(response.body?.readableBytesView ?? ByteBuffer().readableBytesView))
    #expect(outer.map(\.number) == [1])
    let inner = Self.fields(outer.first?.bytes ?? [])
    #expect(inner.map(\.number) == [1, 2])
    #expect(inner.first?.varint == 2)
    let message = String(decoding: inner.last?.bytes ?? [], as: UTF8.self)
    #expect(message.hasPrefix("2 spans rejected: resource_spans[0].scope_spans[0].spans[1].trace_id"))
    #expect(message.contains("spans[2]"))
    #expect(sink.records.map(\.requestID) == ["0102030405060708090a0b0c0d0e0f10" + "4040404040404040"])
  }

  @Test func invalidSpansAreCountedInPartialSuccessInJSON() async throws {
    let sink = RecordingSink()
    let body = """
      {"resourceSpans":[{"scopeSpans":[{"spans":[\
      {"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"5151515151515151","name":"a",\
      "startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000100000000",\
      "attributes":[{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}}]},\
      {"traceId":"zz","spanId":"5252525252525252","name":"b",\
      "startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000100000000",\
      "attributes":[{"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o"}}]}]}]}]}
      """
    let response = try await ReceiverHarness.withReceiver(sink: sink) { port in
      try await ReceiverHarness.send(
        port: port, headers: [.contentType: "application/json"], body: Array(body.utf8))
    }
    #expect(response.status == .ok)
    let partial = Self.json(response.body)?["partialSuccess"] as? [String: Any]
    #expect(partial?["rejectedSpans"] as? String == "1")
    #expect((partial?["errorMessage"] as? String)?.hasPrefix("1 span rejected: ") == true)
    #expect(sink.records.count == 1)
  }

  @Test func undecodableBodiesGet400WithAStatusInTheRequestsEncoding() async throws {
    let sink = RecordingSink()
    let (protobuf, json) = try await ReceiverHarness.withReceiver(sink: sink) { port in
      // A LEN field (resource_spans) whose length runs past the end.
      let pb = try await ReceiverHarness.postProtobuf(port: port, [0x0A, 0x05, 0x0A])
      let js = try await ReceiverHarness.send(
        port: port, headers: [.contentType: "application/json"], body: Array("{\"resourceSpans\":[".utf8))
      // Well-formed JSON, but resourceSpans is not an array: malformed like
      // a protobuf field of the wrong wire type, not a rejected span.
      let shape = try await ReceiverHarness.send(
        port: port, headers: [.contentType: "application/json"], body: Array("{\"resourceSpans\":5}".utf8))
      #expect(shape.status == .badRequest)
      #expect(
        Self.json(shape.body)?["message"] as? String
          == "not an OTLP/JSON ExportTraceServiceRequest: resourceSpans: expected an array")
      // An empty request is a valid one.
      let empty = try await ReceiverHarness.send(
        port: port, headers: [.contentType: "application/json"], body: Array("{}".utf8))
      #expect(empty.status == .ok)
      return (pb, js)
    }
    #expect(protobuf.status == .badRequest)
    #expect(protobuf.headers[.contentType] == "application/x-protobuf")
    let status = Self.status(protobuf.body)
    #expect(status?.code == 3)
    #expect(status?.message.hasPrefix("not an OTLP/protobuf ExportTraceServiceRequest: byte ") == true)
    #expect(json.status == .badRequest)
    #expect(Self.json(json.body)?["code"] as? Int == 3)
    // Where and why: the 18-byte body ends before byte 19, inside the array.
    #expect(
      Self.json(json.body)?["message"] as? String
        == "not an OTLP/JSON ExportTraceServiceRequest: invalid JSON at column 19: "
        + "truncated: the line ends inside an array")
    #expect(sink.records.isEmpty)
  }

  @Test func bodiesOverTheLimitGet413() async throws {
    let sink = RecordingSink()
    let spans = (0..<40).map { R.genAISpan(UInt8($0)) }
    let body = R.request(spans: spans)
    #expect(body.count > 2048)
    let (over, headOnly) = try await ReceiverHarness.withReceiver(
      ReceiverHarness.configuration(maxBodyBytes: 2048), sink: sink
    ) { port in
      let over = try await ReceiverHarness.postProtobuf(port: port, body)
      // Only the head, declaring 1 MB: answered at once, without the body.
      let headOnly = await ReceiverHarness.raw(
        port: port,
        "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\n"
          + "Content-Length: 1000000\r\n\r\n")
      // Chunked, no Content-Length: cut off as the bytes pass the limit.
      let chunk = String(repeating: "A", count: 1500)
      let chunked = await ReceiverHarness.raw(
        port: port,
        "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n5dc\r\n\(chunk)\r\n5dc\r\n\(chunk)\r\n0\r\n\r\n")
      #expect(chunked.hasPrefix("HTTP/1.1 413"))
      return (over, headOnly)
    }
    #expect(over.status == .contentTooLarge)
    #expect(Self.status(over.body)?.message == "body larger than 2048 bytes")
    #expect(headOnly.hasPrefix("HTTP/1.1 413"))
    #expect(sink.records.isEmpty)
  }

  /// A port in use: ``OTLPReceiver/run()`` and
  /// ``OTLPReceiver/listeningPort()`` both throw instead of hanging.
  @Test func aPortInUseFailsRunAndListeningPort() async throws {
    try await ReceiverHarness.withReceiver(sink: RecordingSink()) { port in
      var configuration = ReceiverHarness.configuration()
      configuration.port = port
      let second = try OTLPReceiver(configuration: configuration, sink: RecordingSink(), prices: .empty)
      await #expect(throws: (any Error).self) { try await second.run() }
      await #expect(throws: (any Error).self) { try await second.listeningPort() }
    }
  }

  @Test func otherMediaTypesAndCodingsGet415() async throws {
    let sink = RecordingSink()
    let body = R.request(spans: [R.genAISpan(1)])
    let (text, missing, brotli) = try await ReceiverHarness.withReceiver(sink: sink) { port in
      let text = try await ReceiverHarness.send(port: port, headers: [.contentType: "text/plain"], body: body)
      let missing = try await ReceiverHarness.send(port: port, body: body)
      let brotli = try await ReceiverHarness.postProtobuf(
        port: port, body, extraHeaders: [.contentEncoding: "br"])
      return (text, missing, brotli)
    }
    #expect(text.status == .unsupportedMediaType)
    #expect(missing.status == .unsupportedMediaType)
    #expect(brotli.status == .unsupportedMediaType)
    #expect(Self.status(brotli.body)?.message == "Content-Encoding must be gzip or identity")
    #expect(sink.records.isEmpty)
  }

  static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    var buffer = ByteBuffer(bytes: bytes)
    return Array(try buffer.compress(with: .gzip()).readableBytesView)
  }

  @Test func gzipBodiesAreInflated() async throws {
    let sink = RecordingSink()
    let body = R.request(spans: [R.genAISpan(7), R.genAISpan(8)])
    let compressed = try Self.gzip(body)
    #expect(compressed[0] == 0x1F && compressed[1] == 0x8B)  // RFC 1952 magic
    let (ok, corrupt) = try await ReceiverHarness.withReceiver(sink: sink) { port in
      let ok = try await ReceiverHarness.postProtobuf(
        port: port, compressed, extraHeaders: [.contentEncoding: "gzip"])
      let corrupt = try await ReceiverHarness.postProtobuf(
        port: port, Array(compressed.prefix(compressed.count / 2)), extraHeaders: [.contentEncoding: "gzip"])
      return (ok, corrupt)
    }
    #expect(ok.status == .ok)
    #expect(sink.records.count == 2)
    #expect(corrupt.status == .badRequest)
    #expect(Self.status(corrupt.body)?.message == "body is not valid gzip")
  }

  /// 16 MiB of zeros gzip to about 16 KiB: under the 64 KiB wire limit,
  /// far over it inflated.
  @Test func aGzipBombGets413() async throws {
    let sink = RecordingSink()
    let bomb = try Self.gzip([UInt8](repeating: 0, count: 16 << 20))
    #expect(bomb.count < 64 << 10)
    let response = try await ReceiverHarness.withReceiver(
      ReceiverHarness.configuration(maxBodyBytes: 64 << 10), sink: sink
    ) { port in
      try await ReceiverHarness.postProtobuf(port: port, bomb, extraHeaders: [.contentEncoding: "gzip"])
    }
    #expect(response.status == .contentTooLarge)
    #expect(Self.status(response.body)?.message == "body larger than 65536 bytes once decompressed")
    #expect(sink.records.isEmpty)
  }

  /// The same bomb with a trailer that claims 100 bytes: inflating stops at
  /// 101 bytes (what was reserved for it) and the body is refused as lying.
  @Test func aGzipTrailerThatUnderstatesTheSizeGets400() async throws {
    let sink = RecordingSink()
    let bomb = Array(try Self.gzip([UInt8](repeating: 0, count: 16 << 20)).dropLast(4)) + [100, 0, 0, 0]
    let response = try await ReceiverHarness.withReceiver(
      ReceiverHarness.configuration(maxBodyBytes: 64 << 10), sink: sink
    ) { port in
      try await ReceiverHarness.postProtobuf(port: port, bomb, extraHeaders: [.contentEncoding: "gzip"])
    }
    #expect(response.status == .badRequest)
    #expect(Self.status(response.body)?.message == "gzip body inflates past the size its trailer declares")
    #expect(sink.records.isEmpty)
  }

  /// A gzip request reserves twice what its trailer says it inflates to, not
  /// twice the body limit: with the harness's 1 MiB limit and its in-flight
  /// budget of 6 MiB + 2 bytes, three small gzip requests are held in the sink
  /// at once (each reserving 1 MiB + 2 × 1 MiB, the third was refused 429).
  @Test func smallGzipRequestsDoNotEachHoldAWorstCaseReservation() async throws {
    let sink = GateSink()
    let compressed = try Self.gzip(R.request(spans: [R.genAISpan(1)]))
    let (answers, allArrived) = try await ReceiverHarness.withReceiver(sink: sink) { port in
      async let a = ReceiverHarness.postProtobuf(
        port: port, compressed, extraHeaders: [.contentEncoding: "gzip"])
      async let b = ReceiverHarness.postProtobuf(
        port: port, compressed, extraHeaders: [.contentEncoding: "gzip"])
      async let c = ReceiverHarness.postProtobuf(
        port: port, compressed, extraHeaders: [.contentEncoding: "gzip"])
      // All three held in the sink at once, or (one refused) not within 10 s.
      let allArrived = await withTaskGroup(of: Bool.self) { group in
        group.addTask {
          var arrivals = sink.arrivals.makeAsyncIterator()
          for _ in 0..<3 { _ = await arrivals.next() }
          return true
        }
        group.addTask {
          try? await Task.sleep(for: .seconds(10))
          return false
        }
        let answer = await group.next() ?? false
        group.cancelAll()
        return answer
      }
      sink.open()
      return ([try await a, try await b, try await c].map(\.status), allArrived)
    }
    #expect(allArrived)
    #expect(answers == [.ok, .ok, .ok])
  }

  @Test func aSinkThatIsBehindGives429AndAnUnavailableOne503WithRetryAfter() async throws {
    let body = R.request(spans: [R.genAISpan(1)])
    let behind = try await ReceiverHarness.withReceiver(
      sink: RecordingSink(refusal: .behind(retryAfterSeconds: 7))
    ) {
      try await ReceiverHarness.postProtobuf(port: $0, body)
    }
    #expect(behind.status == .tooManyRequests)
    #expect(behind.headers[.retryAfter] == "7")
    #expect(Self.status(behind.body)?.code == 8)
    let unavailable = try await ReceiverHarness.withReceiver(
      sink: RecordingSink(refusal: .unavailable(reason: "disk full"))
    ) {
      try await ReceiverHarness.postProtobuf(port: $0, body)
    }
    #expect(unavailable.status == .serviceUnavailable)
    #expect(unavailable.headers[.retryAfter] == "5")
    #expect(Self.status(unavailable.body)?.message == "telemetry store unavailable: disk full")
  }

  /// With one request allowed in flight and the first held in the sink, a
  /// second is refused with 429 from its head alone (its body never sent).
  @Test func pastTheInFlightBoundA429ComesBeforeTheBodyIsRead() async throws {
    let sink = GateSink()
    let body = R.request(spans: [R.genAISpan(1)])
    let (first, second) = try await ReceiverHarness.withReceiver(
      ReceiverHarness.configuration(maxInFlightRequests: 1), sink: sink
    ) { port in
      async let first = ReceiverHarness.postProtobuf(port: port, body)
      var arrivals = sink.arrivals.makeAsyncIterator()
      _ = await arrivals.next()
      let second = await ReceiverHarness.raw(
        port: port,
        "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\n"
          + "Content-Length: 500\r\n\r\n")
      sink.open()
      return (try await first, second)
    }
    #expect(first.status == .ok)
    #expect(second.hasPrefix("HTTP/1.1 429"))
    #expect(second.lowercased().contains("\r\nretry-after: 1\r\n"))
  }

  @Test func otherPathsGet404AndOtherMethods405() async throws {
    let (path, method, langfuse) = try await ReceiverHarness.withReceiver(sink: RecordingSink()) { port in
      let path = try await ReceiverHarness.postProtobuf(port: port, [], path: "/v1/logs")
      let method = try await ReceiverHarness.send(port: port, method: .get)
      let langfuse = try await ReceiverHarness.postProtobuf(
        port: port, R.request(spans: [R.genAISpan(1)]), path: "/api/public/otel/v1/traces")
      return (path, method, langfuse)
    }
    #expect(path.status == .notFound)
    #expect(method.status == .methodNotAllowed)
    #expect(method.headers[.allow] == "POST")
    #expect(langfuse.status == .ok)
  }

  /// The receiver keeps one version memory: a failed call (request model
  /// only) in a later request counts against the version the same
  /// artefact resolved to before, not `unversioned` or the request model.
  @Test func aFailedSpanTakesTheVersionLearnedFromAnEarlierRequest() async throws {
    let sink = RecordingSink()
    let ok = R.request(spans: [
      R.span(
        spanByte: 1,
        attributes: [
          R.attribute("gen_ai.request.model", "gpt-4o-mini"),
          R.attribute("gen_ai.response.model", "gpt-4o-mini-2024-07-18"),
        ])
    ])
    let failed = R.request(spans: [
      R.span(
        spanByte: 2,
        attributes: [R.attribute("gen_ai.request.model", "gpt-4o-mini"), R.attribute("error.type", "429")],
        error: true)
    ])
    _ = try await ReceiverHarness.withReceiver(sink: sink) { port in
      _ = try await ReceiverHarness.postProtobuf(port: port, ok)
      return try await ReceiverHarness.postProtobuf(port: port, failed)
    }
    #expect(sink.records.map(\.version) == ["gpt-4o-mini-2024-07-18", "gpt-4o-mini-2024-07-18"])
    #expect(sink.records.map(\.status) == [.ok, .error])
  }
}

import FlightDeckCore
import FlightDeckTestSupport
import Testing

@testable import FlightDeckNetwork

/// `Expect: 100-continue` (RFC 9110 §10.1.1) over a raw connection: a
/// request that will be read is told `100 Continue` before any body byte is
/// sent; one that will not gets its final status at once, with
/// `Connection: close`, and no `100`.
@Suite struct OTLPReceiverContinueTests {
  typealias R = OTLPTestRequest

  static func head(
    length: Int, contentType: String = "application/x-protobuf", extra: String = ""
  ) -> String {
    "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: \(contentType)\r\nContent-Length: \(length)\r\n"
      + "Expect: 100-continue\r\n\(extra)\r\n"
  }

  @Test func anAcceptableRequestGets100ContinueBeforeItsBodyThenItsAnswer() async throws {
    let sink = RecordingSink()
    let body = R.request(spans: [R.genAISpan(1), R.genAISpan(2, model: "gpt-4o")])
    let (interim, final, second) = try await ReceiverHarness.withReceiver(sink: sink) { port in
      await RawHTTPConnection.blocking { () -> (String, String, String) in
        guard let c = RawHTTPConnection(port: port) else { return ("no connection", "", "") }
        c.send(Self.head(length: body.count))
        let interim = c.readHead()  // before a single body byte
        c.send(body)
        let final = c.readResponse()
        // The connection carries the next request.
        c.send(Self.head(length: body.count))
        _ = c.readHead()
        c.send(body)
        return (interim, final, c.readResponse())
      }
    }
    #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n")
    #expect(final.hasPrefix("HTTP/1.1 200 OK\r\n"))
    #expect(second.hasPrefix("HTTP/1.1 200 OK\r\n"))
    #expect(sink.records.count == 4)
  }

  @Test func aRequestThatWillBeRefusedGetsItsStatusWithoutAContinueAndTheConnectionCloses() async throws {
    let authorized = "Authorization: Bearer t0ken\r\n"
    let cases: [(head: String, status: String)] = [
      (Self.head(length: 100, contentType: "text/plain", extra: authorized), "415"),
      (Self.head(length: 5_000_000, extra: authorized), "413"),  // over the 1 MiB limit
      (Self.head(length: 100, extra: "Authorization: Bearer wrong\r\n"), "401"),
    ]
    let replies = try await ReceiverHarness.withReceiver(
      ReceiverHarness.configuration(token: "t0ken"), sink: RecordingSink()
    ) { port in
      await RawHTTPConnection.blocking { () -> [(reply: String, closed: Bool)] in
        cases.map { c in
          guard let connection = RawHTTPConnection(port: port) else { return ("no connection", false) }
          connection.send(c.head)
          return (connection.readResponse(), connection.isClosedByServer())
        }
      }
    }
    #expect(replies.count == cases.count)
    for ((reply, closed), c) in zip(replies, cases) {
      #expect(reply.hasPrefix("HTTP/1.1 \(c.status) "), "\(c.status): \(reply)")
      #expect(reply.lowercased().contains("\r\nconnection: close"))
      #expect(closed)
    }
  }

  @Test func pastTheInFlightBoundTheAnswerIs429WithoutAContinue() async throws {
    let sink = GateSink()
    let body = R.request(spans: [R.genAISpan(1)])
    let (first, second, closed) = try await ReceiverHarness.withReceiver(
      ReceiverHarness.configuration(maxInFlightRequests: 1), sink: sink
    ) { port in
      async let first = ReceiverHarness.postProtobuf(port: port, body)
      var arrivals = sink.arrivals.makeAsyncIterator()
      _ = await arrivals.next()
      let (second, closed) = await RawHTTPConnection.blocking { () -> (String, Bool) in
        guard let c = RawHTTPConnection(port: port) else { return ("no connection", false) }
        c.send(Self.head(length: body.count))
        return (c.readResponse(), c.isClosedByServer())
      }
      sink.open()
      return (try await first, second, closed)
    }
    #expect(first.status == .ok)
    #expect(second.hasPrefix("HTTP/1.1 429 Too Many Requests\r\n"))
    #expect(second.lowercased().contains("\r\nretry-after: 1\r\n"))
    #expect(closed)
  }
}

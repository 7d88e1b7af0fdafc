import FlightDeckCore
import FlightDeckTestSupport
import Testing

@testable import FlightDeckNetwork

/// Slow heads and bodies against a real receiver with 200 ms deadlines:
/// the connection is answered 408 and closed, and a body cut off is never
/// decoded. Nothing here measures time: a receiver without deadlines keeps
/// these connections open until the client gives up (10 s) with no answer.
@Suite struct OTLPReceiverReadDeadlineTests {
  typealias R = OTLPTestRequest

  static func configuration(token: String? = nil) -> OTLPReceiverConfiguration {
    var c = ReceiverHarness.configuration(token: token)
    c.requestHeadTimeout = .milliseconds(200)
    c.requestBodyTimeout = .milliseconds(200)
    c.minBodyBytesPerSecond = 0
    return c
  }

  @Test func aConnectionThatNeverCompletesItsHeadGets408AndIsClosed() async throws {
    let replies = try await ReceiverHarness.withReceiver(
      Self.configuration(token: "t0ken"), sink: RecordingSink()
    ) { port in
      await RawHTTPConnection.blocking { () -> [(reply: String, closed: Bool)] in
        // Nothing at all, and half a head.
        guard let silent = RawHTTPConnection(port: port), let slow = RawHTTPConnection(port: port) else {
          return []
        }
        slow.send("POST /v1/traces HTTP/1.1\r\nHost: x\r\n")
        return [silent, slow].map { c in (c.readResponse(), c.isClosedByServer()) }
      }
    }
    #expect(replies.count == 2)
    for (reply, closed) in replies {
      #expect(reply.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
      #expect(reply.lowercased().contains("\r\nconnection: close"))
      #expect(closed)
    }
  }

  @Test func aBodyThatStopsHalfwayGets408AndNothingReachesTheSink() async throws {
    let sink = RecordingSink()
    let body = R.request(spans: [R.genAISpan(1), R.genAISpan(2)])
    let (reply, closed) = try await ReceiverHarness.withReceiver(Self.configuration(), sink: sink) { port in
      await RawHTTPConnection.blocking {
        guard let c = RawHTTPConnection(port: port) else { return ("no connection", false) }
        c.send(
          "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\n"
            + "Content-Length: \(body.count)\r\n\r\n")
        c.send(Array(body.prefix(body.count / 2)))
        return (c.readResponse(), c.isClosedByServer())
      }
    }
    #expect(reply.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
    #expect(closed)
    #expect(sink.records.isEmpty)
  }

  @Test func aConnectionRefusedAs401IsClosedInsteadOfDrained() async throws {
    let (reply, closed) = try await ReceiverHarness.withReceiver(
      ReceiverHarness.configuration(token: "t0ken"), sink: RecordingSink()
    ) { port in
      await RawHTTPConnection.blocking {
        guard let c = RawHTTPConnection(port: port) else { return ("no connection", false) }
        c.send(
          "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\n"
            + "Content-Length: 8000000\r\n\r\n")
        return (c.readResponse(), c.isClosedByServer())
      }
    }
    #expect(reply.hasPrefix("HTTP/1.1 401 Unauthorized\r\n"))
    #expect(reply.lowercased().contains("\r\nconnection: close"))
    #expect(closed)
  }
}

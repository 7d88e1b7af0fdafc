import FlightDeckCore
import FlightDeckTestSupport
import Testing

@testable import FlightDeckNetwork

/// Persistent connections over a raw socket (RFC 9112 §9.3): an HTTP/1.0
/// request without `Connection: keep-alive` is answered with
/// `Connection: close` and the server closes; an HTTP/1.0 request asking to
/// persist is told `Connection: keep-alive` and the connection carries the
/// next request; HTTP/1.1 persists unless the client says `close`.
@Suite struct HTTP1ConnectionPersistenceTests {
  typealias R = OTLPTestRequest

  static func request(version: String, length: Int, connection: String? = nil) -> String {
    "POST /v1/traces HTTP/\(version)\r\nHost: x\r\nContent-Type: application/x-protobuf\r\n"
      + "Content-Length: \(length)\r\n" + (connection.map { "Connection: \($0)\r\n" } ?? "") + "\r\n"
  }

  /// Sends each request head and body in turn on one connection, reading
  /// each response; then whether the server closed the connection.
  static func exchange(_ requests: [String], body: [UInt8]) async throws -> (replies: [String], closed: Bool)
  {
    try await ReceiverHarness.withReceiver(sink: RecordingSink()) { port in
      await RawHTTPConnection.blocking { () -> ([String], Bool) in
        guard let c = RawHTTPConnection(port: port) else { return (["no connection"], false) }
        var replies: [String] = []
        for head in requests {
          c.send(head)
          c.send(body)
          replies.append(c.readResponse())
        }
        return (replies, c.isClosedByServer())
      }
    }
  }

  @Test func anHTTP10RequestWithoutKeepAliveIsAnsweredAndTheConnectionCloses() async throws {
    let body = R.request(spans: [R.genAISpan(1)])
    let (replies, closed) = try await Self.exchange(
      [Self.request(version: "1.0", length: body.count)], body: body)
    let reply = try #require(replies.first)
    #expect(reply.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(reply)")
    #expect(reply.lowercased().contains("\r\nconnection: close\r\n"))
    #expect(closed)
  }

  @Test func anHTTP10RequestAskingToPersistIsToldSoAndTheConnectionCarriesTheNext() async throws {
    let body = R.request(spans: [R.genAISpan(1)])
    let head = Self.request(version: "1.0", length: body.count, connection: "keep-alive")
    let (replies, closed) = try await Self.exchange([head, head], body: body)
    #expect(replies.count == 2)
    for reply in replies {
      #expect(reply.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(reply)")
      #expect(reply.lowercased().contains("\r\nconnection: keep-alive\r\n"))
    }
    #expect(!closed)
  }

  @Test func http11PersistsUntilTheClientSaysClose() async throws {
    let body = R.request(spans: [R.genAISpan(1)])
    let (replies, closed) = try await Self.exchange(
      [
        Self.request(version: "1.1", length: body.count),
        Self.request(version: "1.1", length: body.count, connection: "close"),
      ], body: body)
    #expect(replies.count == 2)
    #expect(replies[0].hasPrefix("HTTP/1.1 200 OK\r\n"))
    #expect(!replies[0].lowercased().contains("\r\nconnection:"))
    #expect(replies[1].hasPrefix("HTTP/1.1 200 OK\r\n"))
    #expect(replies[1].lowercased().contains("\r\nconnection: close\r\n"))
    #expect(closed)
  }
}

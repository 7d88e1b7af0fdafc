import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import Testing

@testable import FlightDeckNetwork

/// The deadline handler in the receiver's HTTP/1 pipeline (NIO's decoder
/// and encoder, Hummingbird's codec to HTTP types), driven by raw bytes on
/// an `EmbeddedChannel` whose clock only moves when the test moves it.
@Suite struct OTLPReadDeadlineHandlerTests {
  static let limits = OTLPReadDeadlines.Limits(
    head: .seconds(10), body: .seconds(10), minBodyBytesPerSecond: 65_536)

  /// An active channel with the receiver's pipeline up to the handler.
  static func channel() throws -> EmbeddedChannel {
    let channel = EmbeddedChannel()
    let pipeline = channel.pipeline.syncOperations
    try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: false)
    try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
    try pipeline.addHandler(OTLPReadDeadlineHandler(limits: limits))
    try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 4318)).wait()
    return channel
  }

  static func send(_ channel: EmbeddedChannel, _ text: String) throws {
    try channel.writeInbound(ByteBuffer(string: text))
  }

  static func send(_ channel: EmbeddedChannel, bytes count: Int) throws {
    try channel.writeInbound(ByteBuffer(repeating: 0x41, count: count))
  }

  /// Everything written to the socket so far, as text.
  static func written(_ channel: EmbeddedChannel) throws -> String {
    var text = ""
    while let buffer = try channel.readOutbound(as: ByteBuffer.self) { text += String(buffer: buffer) }
    return text
  }

  /// Advances the clock; the handler's `OTLPReadTimeout` reaches the end of
  /// the pipeline, where the embedded channel keeps it.
  static func advance(_ channel: EmbeddedChannel, _ amount: TimeAmount) {
    channel.embeddedEventLoop.advanceTime(by: amount)
  }

  @Test func aHeadNotCompleteTenSecondsAfterItsFirstByteGets408AndTheConnectionCloses() throws {
    let channel = try Self.channel()
    try Self.send(channel, "POST /v1/traces HTTP/1.1\r\nHost: x\r\n")
    Self.advance(channel, .milliseconds(9_999))
    try Self.send(channel, "X-Slow: 1\r\n")  // a trickle does not move the deadline
    #expect(try Self.written(channel) == "")
    #expect(channel.isActive)
    Self.advance(channel, .milliseconds(1))
    let reply = try Self.written(channel)
    #expect(reply.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
    #expect(reply.lowercased().contains("connection: close\r\n"))
    #expect(!channel.isActive)
    #expect(throws: OTLPReadTimeout.self) { try channel.throwIfErrorCaught() }
  }

  @Test func aBodyIsCutOffWhenItFallsBehindTheMinimumRate() throws {
    let channel = try Self.channel()
    try Self.send(
      channel,
      "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\nContent-Length: 1000000\r\n\r\n"
    )
    // 131 072 B at once: 10 s + 2 s from the head.
    try Self.send(channel, bytes: 131_072)
    Self.advance(channel, .milliseconds(11_999))
    #expect(channel.isActive)
    #expect(try Self.written(channel) == "")
    Self.advance(channel, .milliseconds(1))
    #expect(try Self.written(channel).hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
    #expect(!channel.isActive)
  }

  @Test func aReadRequestBeingAnsweredAndAnIdleKeepAliveConnectionHaveNoDeadline() throws {
    let channel = try Self.channel()
    try Self.send(
      channel, "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcd")
    var parts: [HTTPRequestPart] = []
    while let part = try channel.readInbound(as: HTTPRequestPart.self) { parts.append(part) }
    #expect(parts.count == 3)  // head, body, end
    Self.advance(channel, .seconds(60))  // a slow sink
    #expect(channel.isActive)
    try channel.writeOutbound(
      HTTPResponsePart.head(HTTPResponse(status: .ok, headerFields: [.contentLength: "0"])))
    try channel.writeOutbound(HTTPResponsePart.end(nil))
    #expect(try Self.written(channel).hasPrefix("HTTP/1.1 200 OK\r\n"))
    Self.advance(channel, .seconds(600))  // idle: the server's idle timeout's business
    #expect(channel.isActive)
    try Self.send(channel, "P")
    Self.advance(channel, .seconds(10))
    #expect(try Self.written(channel).hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
    #expect(!channel.isActive)
  }

  @Test func aResponseMarkedCloseClosesTheConnectionOnceWrittenAndGetsNo408() throws {
    let channel = try Self.channel()
    try Self.send(
      channel, "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n")
    try channel.writeOutbound(
      HTTPResponsePart.head(
        HTTPResponse(
          status: .unsupportedMediaType, headerFields: [.connection: "close", .contentLength: "0"])))
    #expect(channel.isActive)
    try channel.writeOutbound(HTTPResponsePart.end(nil))
    #expect(try Self.written(channel).hasPrefix("HTTP/1.1 415 Unsupported Media Type\r\n"))
    #expect(!channel.isActive)
  }

  @Test func anInformationalHeadIsNotTheResponse() throws {
    let channel = try Self.channel()
    try Self.send(
      channel, "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n")
    try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .continue)))
    #expect(try Self.written(channel) == "HTTP/1.1 100 Continue\r\n\r\n")
    // The body never comes: 408, since no final response was started.
    Self.advance(channel, .seconds(10))
    #expect(try Self.written(channel).hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
  }
}

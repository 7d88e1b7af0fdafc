import NIOCore
import NIOHTTP1

/// Keeps or closes a connection after each response the way RFC 9112 §9.3
/// says, for HTTP/1.0 clients too: a request that does not ask to persist
/// (HTTP/1.0 without `Connection: keep-alive`, or any request with
/// `Connection: close`) gets a final response marked `Connection: close`,
/// after which the connection is closed; an HTTP/1.0 request that asks to
/// persist gets `Connection: keep-alive` (an HTTP/1.0 client closes
/// otherwise, RFC 9112 §C.2.2).
///
/// It sits before the HTTP/1 → HTTP types codec, the only place the request
/// line's version is still known (the codec's `HTTPRequest` drops it), next
/// to SwiftNIO's pipeline handler; ``OTLPReadDeadlineHandler`` adds it.
/// Without it an HTTP/1.0 client that waits for the server to close (as
/// HTTP/1.0 without keep-alive means) waits for the idle timeout.
final class HTTP1ConnectionPersistence: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias InboundOut = HTTPServerRequestPart
  typealias OutboundIn = HTTPServerResponsePart
  typealias OutboundOut = HTTPServerResponsePart

  /// The version and keep-alive wish of the request being answered, oldest
  /// first (HTTP/1.1 pipelining answers in order).
  private var requests: [(version: HTTPVersion, keepAlive: Bool)] = []
  /// The response being written is the last on this connection.
  private var closeAfterResponse = false

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if case .head(let head) = unwrapInboundIn(data) {
      requests.append((head.version, head.isKeepAlive))
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    switch unwrapOutboundIn(data) {
    case .head(var head) where head.status.code >= 200:
      let request = requests.first ?? (head.version, true)
      if !request.keepAlive || !head.isKeepAlive {
        head.headers.replaceOrAdd(name: "connection", value: "close")
        closeAfterResponse = true
      } else if request.version.major == 1, request.version.minor == 0 {
        head.headers.replaceOrAdd(name: "connection", value: "keep-alive")
      }
      context.write(wrapOutboundOut(.head(head)), promise: promise)
    case .head, .body:
      context.write(data, promise: promise)
    case .end:
      if !requests.isEmpty { requests.removeFirst() }
      guard closeAfterResponse else {
        context.write(data, promise: promise)
        return
      }
      closeAfterResponse = false
      context.writeAndFlushThenClose(data, promise: promise)
    }
  }
}

import HTTPTypes
import NIOCore
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Enforces ``OTLPReadDeadlines`` on one connection of the receiver, so
/// that a client that sends its request head or body slowly (slowloris)
/// cannot hold a connection slot: past a deadline the connection is
/// answered `408 Request Timeout` with `Connection: close` (when no
/// response to the request was started) and closed, and the request's body
/// stream ends with ``OTLPReadTimeout`` instead of a truncated body.
///
/// It also closes the connection after a response that carries
/// `Connection: close` (the receiver's refusals before a body is read: see
/// ``OTLPReceiverResponder``).
///
/// It sits after Hummingbird's HTTP/1 codec (`HTTP1Channel.Configuration`'s
/// `additionalChannelHandlers`), where it sees request heads, body parts and
/// ends; to see the first byte of a request whose head is not complete it
/// adds an ``OTLPRequestBytesWatcher`` at the front of the pipeline, and
/// an ``HTTP1ConnectionPersistence`` before the HTTP/1 → HTTP types codec
/// (HTTP/1.0 keep-alive, which only the request line's version says).
final class OTLPReadDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private let limits: OTLPReadDeadlines.Limits
  private var state: OTLPReadDeadlines?
  private var context: ChannelHandlerContext?
  private var timer: Scheduled<Void>?
  private var timerDeadline: NIODeadline?
  /// The response being written carries `Connection: close`.
  private var closeAfterResponse = false
  /// A deadline passed: the connection is closing, later responses are
  /// dropped.
  private var timedOut = false

  /// A handler enforcing `limits`.
  init(limits: OTLPReadDeadlines.Limits) {
    self.limits = limits
  }

  func handlerAdded(context: ChannelHandlerContext) {
    self.context = context
    state = OTLPReadDeadlines(limits: limits, openedAt: context.eventLoop.now)
    let watcher = OTLPRequestBytesWatcher { [weak self] in self?.bytesArrived() }
    do {
      try context.pipeline.syncOperations.addHandler(watcher, position: .first)
      // Absent only in tests that run this handler alone on an EmbeddedChannel.
      if let codec = try? context.pipeline.syncOperations.handler(type: HTTP1ToHTTPServerCodec.self) {
        try context.pipeline.syncOperations.addHandler(HTTP1ConnectionPersistence(), position: .before(codec))
      }
    } catch {
      context.fireErrorCaught(error)
    }
    arm()
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    disarm()
    self.context = nil
  }

  func channelInactive(context: ChannelHandlerContext) {
    disarm()
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head:
      state?.headArrived(at: context.eventLoop.now)
    case .body(let buffer):
      state?.bodyArrived(count: buffer.readableBytes)
    case .end:
      if state?.endArrived() == true, closeAfterResponse {
        // Refused before its body was read and marked close: the rest of
        // the body is in, nothing more to say on this connection.
        context.fireChannelRead(data)
        context.close(promise: nil)
        return
      }
    }
    arm()
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if timedOut {
      promise?.fail(ChannelError.ioOnClosedChannel)
      return
    }
    switch unwrapOutboundIn(data) {
    case .head(let head) where head.status.kind != .informational:
      state?.responseStarted()
      if let connection = head.headerFields[.connection], connection.lowercased().contains("close") {
        closeAfterResponse = true
      }
      context.write(data, promise: promise)
    case .head, .body:
      context.write(data, promise: promise)
    case .end:
      state?.responseEnded()
      guard closeAfterResponse else {
        context.write(data, promise: promise)
        return
      }
      context.writeAndFlushThenClose(data, promise: promise)
    }
  }

  /// Raw bytes came off the socket.
  private func bytesArrived() {
    guard let context else { return }
    state?.bytesArrived(at: context.eventLoop.now)
    arm()
  }

  /// Makes sure a timer fires no later than the current deadline. The
  /// deadline only moves later while a phase lasts (body bytes extend it),
  /// so a timer that fires early re-arms itself instead of being moved on
  /// every read.
  private func arm() {
    guard let context, let deadline = state?.deadline else { return }
    if let timerDeadline, timerDeadline <= deadline { return }
    timer?.cancel()
    timerDeadline = deadline
    timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [weak self] in
      self?.fire()
    }
  }

  private func disarm() {
    timer?.cancel()
    timer = nil
    timerDeadline = nil
  }

  private func fire() {
    timer = nil
    timerDeadline = nil
    guard let context, let state, !timedOut else { return }
    switch state.expired(at: context.eventLoop.now) {
    case .none: break
    case .wait: arm()
    case .close(let answer):
      // Later responses (the responder's, to a body that now fails) are
      // dropped.
      timedOut = true
      // The responder may be reading this request's body: end its stream
      // with an error, never with a short body that could decode. First,
      // before anything closes the channel.
      context.fireErrorCaught(OTLPReadTimeout())
      guard answer else {
        context.close(promise: nil)
        return
      }
      let head = HTTPResponse(
        status: .requestTimeout, headerFields: [.connection: "close", .contentLength: "0"])
      context.write(wrapOutboundOut(.head(head)), promise: nil)
      context.writeAndFlushThenClose(wrapOutboundOut(.end(nil)), promise: nil)
    }
  }
}

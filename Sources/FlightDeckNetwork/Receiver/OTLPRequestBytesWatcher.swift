import NIOCore

/// Tells ``OTLPReadDeadlineHandler`` when bytes come off the socket, so a
/// request head's deadline starts at its first byte: placed at the front
/// of the connection's pipeline, before the HTTP decoder (and before TLS,
/// whose handshake then counts as the start of the request). Passes
/// everything on unchanged.
final class OTLPRequestBytesWatcher: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer

  private let onBytes: () -> Void

  /// A watcher calling `onBytes` on each read, on the event loop.
  init(onBytes: @escaping () -> Void) {
    self.onBytes = onBytes
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    onBytes()
    context.fireChannelRead(data)
  }
}

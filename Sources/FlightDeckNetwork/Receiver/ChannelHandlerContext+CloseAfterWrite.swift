import NIOCore

extension ChannelHandlerContext {
  /// Writes and flushes `data` (a response's last part), then closes the
  /// channel once it is on the wire — closing first would fail the pending
  /// write. `promise` completes with the write's result.
  func writeAndFlushThenClose(_ data: NIOAny, promise: EventLoopPromise<Void>?) {
    let written = eventLoop.makePromise(of: Void.self)
    written.futureResult.assumeIsolated().whenComplete { result in
      self.close(promise: nil)
      promise?.completeWith(result)
    }
    writeAndFlush(data, promise: written)
  }
}

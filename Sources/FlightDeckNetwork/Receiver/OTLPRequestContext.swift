import Hummingbird
import NIOCore

/// The request context of ``OTLPReceiverResponder``: Hummingbird's core
/// context plus the request's channel, on which the responder writes
/// `100 Continue` when a request that expects it will be read.
struct OTLPRequestContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  /// The connection the request came on.
  let channel: any Channel

  /// A context for a request arriving on `source`'s channel.
  init(source: ApplicationRequestContextSource) {
    self.coreContext = .init(source: source)
    self.channel = source.channel
  }
}

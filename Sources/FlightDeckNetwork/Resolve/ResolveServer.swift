import FlightDeckCore
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The resolve API for applications (<doc:ResolveAPI>), over HTTP/1.1
/// (Hummingbird, as the OTLP receiver and the probes): read-only JSON
/// answers of which version a pointer names, how an artefact's traffic
/// splits, and a version's prompt template, with strong ETags,
/// `If-None-Match` and a long poll (`?wait=30s`, at most 60 s).
///
/// Served from a ``ResolveStateFeed`` of the store, so requests never wait
/// on the database. Bound to loopback unless told otherwise; any other
/// address needs a bearer token (the receiver's rule,
/// ``OTLPReceiverConfiguration/validate()``), checked in constant time. A
/// `Service`: stops on the service group's graceful shutdown.
public final class ResolveServer: Service, Sendable {
  /// Where it listens (port 0: the system picks one; see ``listeningPort()``).
  public let listen: ReceiverListenAddress
  private let feed: ResolveStateFeed
  private let responder: ResolveResponder
  private let maxConnections: Int
  private let logger: Logger
  private let port = ListeningPort()

  /// A server on `listen` answering from `store`.
  /// - Parameters:
  ///   - bearerToken: required in `Authorization: Bearer …` on every
  ///     request when given (``OTLPReceiverToken/read(contentsOf:)`` reads
  ///     one from a file).
  ///   - pollInterval: how often the store's change token is checked
  ///     besides its change signal (default 100 ms).
  ///   - maxLongPolls: long polls held at once; one more is answered 503
  ///     with `Retry-After: 1` (default 512).
  ///   - maxConnections: connections accepted at once (default 1024).
  /// - Throws: ``OTLPReceiverError/nonLoopbackWithoutToken(host:)`` for an
  ///   address beyond loopback without a token.
  public init(
    listen: ReceiverListenAddress, store: any RegistryStore, bearerToken: String?,
    pollInterval: Duration = .milliseconds(100), maxLongPolls: Int = 512, maxConnections: Int = 1024,
    logger: Logger = Logger(label: "flightdeck.resolve")
  ) throws(OTLPReceiverError) {
    if !listen.isLoopback && bearerToken == nil { throw .nonLoopbackWithoutToken(host: listen.host) }
    self.listen = listen
    self.feed = ResolveStateFeed(store: store, pollInterval: pollInterval)
    self.responder = ResolveResponder(
      feed: feed, bearerToken: bearerToken, maxLongPolls: max(0, maxLongPolls), logger: logger)
    self.maxConnections = max(1, maxConnections)
    self.logger = logger
  }

  /// Reads the store, then serves until the group shuts down.
  /// - Throws: ``RegistryError`` when the store cannot be read at start;
  ///   when the address cannot be bound.
  public func run() async throws {
    do {
      try feed.start()
    } catch {
      port.fail(error)
      throw error
    }
    defer { feed.stop() }
    let port = self.port
    let feed = self.feed
    let app = Application(
      responder: responder,
      configuration: ApplicationConfiguration(
        address: .hostname(listen.host, port: listen.port), serverName: nil,
        availableConnectionsDelegate: MaximumAvailableConnections(maxConnections, logger: logger)),
      onServerRunning: { channel in port.bind(channel.localAddress?.port ?? 0) },
      logger: logger)
    do {
      // Graceful shutdown waits for requests in flight: wake the long polls first.
      try await withGracefulShutdownHandler {
        try await app.run()
      } onGracefulShutdown: {
        feed.stop()
      }
    } catch {
      port.fail(error)
      throw error
    }
    port.fail(CancellationError())
  }

  /// The port it listens on, once bound.
  /// - Throws: the bind or first-read failure, or `CancellationError` once stopped.
  public func listeningPort() async throws -> Int {
    try await port.value()
  }

  /// Long polls parked at this moment (at most `maxLongPolls`).
  var longPollsHeld: Int { responder.longPollsHeld }
}

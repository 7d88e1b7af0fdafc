import FlightDeckCore
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// An OTLP/HTTP trace receiver
/// (<https://opentelemetry.io/docs/specs/otlp/#otlphttp>): takes what
/// OpenTelemetry SDKs, OpenLLMetry, OpenLIT, the OpenAI instrumentation and
/// the Langfuse SDK export, decodes it with the same GenAI mapping as OTLP
/// files, and hands the records to a ``TelemetryIngestSink`` before it
/// acknowledges them.
///
/// Routes: `POST /v1/traces` and `POST /api/public/otel/v1/traces` (the
/// Langfuse SDK's path). Answers:
///
/// | status | when |
/// |---|---|
/// | 200 | decoded and durable: an empty `ExportTraceServiceResponse`, or with `partial_success { rejected_spans, error_message }` when some spans were invalid (non-GenAI spans are skipped, not rejected) |
/// | 400 | the body is not a request (bad protobuf, bad JSON, bad gzip) |
/// | 401 | a token is configured and the request does not carry it |
/// | 404 / 405 | another path / another method than POST |
/// | 408 | the request head or body did not arrive within its deadline (``OTLPReceiverConfiguration/requestHeadTimeout``, ``OTLPReceiverConfiguration/requestBodyTimeout``); the connection is closed |
/// | 413 | the body, or its gzip-inflated form, is over ``OTLPReceiverConfiguration/maxBodyBytes`` |
/// | 415 | another `Content-Type` than `application/x-protobuf` / `application/json`, or another `Content-Encoding` than `gzip` / `identity` |
/// | 429 | too much in flight, or the sink is behind; with `Retry-After` |
/// | 503 | the sink is unavailable; with `Retry-After` |
///
/// A request with `Expect: 100-continue` gets `100 Continue` once every check
/// that needs no body passed (RFC 9110 §10.1.1), or its final status with
/// `Connection: close` without its body being read; so do 401 and 413
/// before a body. Responses are in the request's encoding; failures carry a
/// `google.rpc.Status` with a message. Memory is bounded: a request over the
/// in-flight bound is refused before its body is read, and gzip is never
/// inflated past the body limit.
///
/// Run it with ``run()`` (it is a swift-service-lifecycle `Service`, so it can
/// join a `ServiceGroup`); it stops when its task is cancelled or the group
/// shuts down.
public final class OTLPReceiver: Service, Sendable {
  /// The configuration it was made with.
  public let configuration: OTLPReceiverConfiguration
  private let responder: OTLPReceiverResponder
  private let tls: TLSConfiguration?
  private let logger: Logger
  private let port = ListeningPort()

  /// Creates a receiver; nothing is bound until ``run()``.
  ///
  /// - Parameters:
  ///   - configuration: where to listen and what to accept.
  ///   - sink: where decoded records go; the receiver answers 200 only after
  ///     ``TelemetryIngestSink/append(_:)`` returned.
  ///   - mapping: which span attributes name artefact, version, route, kind.
  ///   - prices: prices for costing spans that carry no cost.
  ///   - logger: where refusals (debug) and sink failures (warning) are
  ///     logged; the token never is.
  ///   - observer: told how each request was answered (`/metrics`); `nil`: nobody.
  /// - Throws: ``OTLPReceiverError`` when the configuration is invalid
  ///   (``OTLPReceiverConfiguration/validate()``: e.g. a non-loopback host
  ///   without a token) or the TLS certificate or key cannot be loaded.
  public init(
    configuration: OTLPReceiverConfiguration, sink: any TelemetryIngestSink,
    mapping: OTLPAttributeMapping = .default, prices: PriceTable,
    logger: Logger = Logger(label: "flightdeck.otlp-receiver"),
    observer: (any TelemetryReceiverObserver)? = nil
  ) throws(OTLPReceiverError) {
    try configuration.validate()
    self.configuration = configuration
    self.logger = logger
    self.responder = OTLPReceiverResponder(
      configuration: configuration, sink: sink, mapping: mapping, prices: prices, logger: logger,
      observer: observer)
    if let certificatePath = configuration.tlsCertificatePath,
      let keyPath = configuration.tlsPrivateKeyPath
    {
      let chain: [NIOSSLCertificate]
      do {
        chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
      } catch {
        throw .tls(path: certificatePath, reason: "not a PEM certificate chain (\(error))")
      }
      if chain.isEmpty { throw .tls(path: certificatePath, reason: "no certificate in the file") }
      let key: NIOSSLPrivateKey
      do {
        key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
      } catch {
        throw .tls(path: keyPath, reason: "not a PEM private key (\(error))")
      }
      tls = TLSConfiguration.makeServerConfiguration(
        certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    } else {
      tls = nil
    }
  }

  /// Binds and serves until the task is cancelled or graceful shutdown is
  /// triggered. Call it once. On glibc it first fixes the process's mmap
  /// threshold at 1 MiB (``OTLPReceiverHeap``), so large request buffers go
  /// back to the system when freed.
  ///
  /// - Throws: when the address cannot be bound (in use, not local) or the
  ///   server fails.
  public func run() async throws {
    OTLPReceiverHeap.returnLargeBlocksToTheSystem()
    let limits = configuration.readDeadlineLimits
    let http1 = HTTPServerBuilder.http1(
      configuration: .init(
        additionalChannelHandlers: [OTLPReadDeadlineHandler(limits: limits)],
        idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds))))
    let server: HTTPServerBuilder
    if let tls {
      server = try HTTPServerBuilder.tls(http1, tlsConfiguration: tls)
    } else {
      server = http1
    }
    let port = self.port
    let app = Application(
      responder: responder, server: server,
      configuration: ApplicationConfiguration(
        address: .hostname(configuration.host, port: configuration.port), serverName: nil,
        availableConnectionsDelegate: MaximumAvailableConnections(
          configuration.maxConnections, logger: logger)),
      onServerRunning: { channel in port.bind(channel.localAddress?.port ?? 0) },
      logger: logger)
    do {
      try await app.run()
    } catch {
      port.fail(error)
      throw error
    }
    port.fail(CancellationError())
  }

  /// The TCP port the receiver listens on, once it does (useful with port 0).
  ///
  /// - Throws: the error ``run()`` stopped with if it never bound, or
  ///   `CancellationError` if it stopped without binding.
  public func listeningPort() async throws -> Int {
    try await port.value()
  }
}

import FlightDeckCore
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The controller's probes over HTTP/1.1 (Hummingbird, as the OTLP receiver
/// serves): `GET /healthz` answers 200 `ok` while the process runs; `GET
/// /readyz` answers 200 with the probe's detail when ``ControllerProbe/ready``
/// (the process holds the lease and the store is reachable), else 503 with
/// why; `GET /metrics` answers the Prometheus text exposition of `metrics`
/// when one is given (<doc:PrometheusMetrics>). Every other path is 404. Plain
/// text, `text/plain; charset=utf-8` (the exposition: version 0.0.4).
///
/// Meant for loopback (the default `127.0.0.1`): `/metrics` carries artefact
/// and version names and traffic figures, no secrets. A `Service`: stops on
/// the service group's graceful shutdown.
public final class ControllerHealthServer: Service, Sendable {
  /// Where it listens (port 0: the system picks one; see ``listeningPort()``).
  public let listen: ReceiverListenAddress
  private let readiness: @Sendable () -> ControllerProbe
  private let metrics: (@Sendable () -> [UInt8])?
  private let logger: Logger
  private let port = ListeningPort()

  /// A server on `listen` asking `readiness` at each `/readyz` and, when
  /// given, `metrics` at each `/metrics` (the exposition's bytes).
  public init(
    listen: ReceiverListenAddress, logger: Logger, readiness: @escaping @Sendable () -> ControllerProbe,
    metrics: (@Sendable () -> [UInt8])? = nil
  ) {
    self.listen = listen
    self.logger = logger
    self.readiness = readiness
    self.metrics = metrics
  }

  /// Serves until the group shuts down.
  /// - Throws: when the address cannot be bound.
  public func run() async throws {
    let router = Router()
    let readiness = self.readiness
    router.get("healthz") { _, _ -> Response in Self.text(.ok, "ok") }
    router.get("readyz") { _, _ -> Response in
      let probe = readiness()
      return Self.text(probe.ready ? .ok : .serviceUnavailable, probe.detail)
    }
    if let metrics {
      router.get("metrics") { _, _ -> Response in
        Response(
          status: .ok, headers: [.contentType: TelemetryPrometheusMetrics.contentType],
          body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics())))
      }
    }
    let port = self.port
    let app = Application(
      router: router,
      configuration: ApplicationConfiguration(
        address: .hostname(listen.host, port: listen.port), serverName: nil),
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

  /// The port it listens on, once bound.
  /// - Throws: the bind failure, or `CancellationError` once stopped.
  public func listeningPort() async throws -> Int {
    try await port.value()
  }

  /// A plain-text response of `body` and a newline.
  private static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
    Response(
      status: status, headers: [.contentType: "text/plain; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: body + "\n")))
  }
}

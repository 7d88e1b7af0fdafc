import Dispatch
import FlightDeckCore
import Logging
import ServiceLifecycle
import Synchronization

/// An ``OTLPReceiver`` writing into a ``TelemetryDataFolder``: what
/// `flightdeck receive` runs headless and `flightdeck dashboard --otlp-listen`
/// runs beside the screen (which follows the folder).
///
/// Settings come from the configuration's `[receiver]` table
/// (``ReceiverConfiguration``) with the command line's `--otlp-listen`,
/// `--data-dir` and `--token-file` over them.
public final class DataFolderReceiver: Service, Sendable {
  /// The data folder spans are written to.
  public let folder: TelemetryDataFolder
  /// The HTTP receiver.
  public let receiver: OTLPReceiver
  /// Where it listens (the port as configured; 0 until bound, see
  /// ``listeningPort()``).
  public let listen: ReceiverListenAddress

  /// Opens the data folder and prepares the receiver; nothing is bound
  /// until ``run()``.
  ///
  /// - Parameters:
  ///   - settings: the `[receiver]` table.
  ///   - listen: `--otlp-listen`, over `settings.listen`.
  ///   - dataDirectory: `--data-dir`, over `settings.dataDirectory` and
  ///     `<workspace>/telemetry`.
  ///   - tokenFile: `--token-file`, over `settings.tokenFile`.
  ///   - workspace: the registry workspace (default `.flightdeck`).
  ///   - mapping: the OTLP attribute mapping (`[otlp]`).
  ///   - prices: the price table.
  ///   - clock: the data folder's clock (file names, rotation, retention).
  ///   - logger: the receiver's logger.
  ///   - observer: told how each request was answered (`/metrics`); `nil`: nobody.
  /// - Throws: ``OTLPReceiverError`` (a token file that cannot be used, a
  ///   non-loopback address without a token, TLS files), or
  ///   ``TelemetryWriteError`` (the folder cannot be created or listed).
  public init(
    settings: ReceiverConfiguration, listen: ReceiverListenAddress? = nil, dataDirectory: String? = nil,
    tokenFile: String? = nil, workspace: String? = nil, mapping: OTLPAttributeMapping = .default,
    prices: PriceTable, clock: any FlightDeckClock = SystemClock(),
    logger: Logger = Logger(label: "flightdeck.otlp-receiver"),
    observer: (any TelemetryReceiverObserver)? = nil
  ) throws {
    let address = listen ?? settings.listen
    self.listen = address
    self.logger = logger
    var token: String?
    if let path = tokenFile ?? settings.tokenFile { token = try OTLPReceiverToken.read(contentsOf: path) }
    var configuration = OTLPReceiverConfiguration(
      host: address.host, port: address.port, bearerToken: token,
      tlsCertificatePath: settings.tlsCertificate, tlsPrivateKeyPath: settings.tlsKey)
    if let maxBody = settings.maxBodyBytes {
      configuration.maxBodyBytes = maxBody
      configuration.maxInFlightBodyBytes = max(
        configuration.maxInFlightBodyBytes,
        OTLPReceiverConfiguration.largestReservation(maxBodyBytes: maxBody))
    }
    if let ms = settings.headTimeoutMs { configuration.requestHeadTimeout = .milliseconds(ms) }
    if let ms = settings.bodyTimeoutMs { configuration.requestBodyTimeout = .milliseconds(ms) }
    if let rate = settings.minBodyBytesPerSecond { configuration.minBodyBytesPerSecond = rate }
    try configuration.validate()
    folder = try TelemetryDataFolder(
      options: settings.dataFolderOptions(directory: dataDirectory, workspace: workspace), clock: clock)
    receiver = try OTLPReceiver(
      configuration: configuration, sink: folder, mapping: mapping, prices: prices, logger: logger,
      observer: observer)
  }

  /// Whether the receiver speaks HTTPS.
  public var usesTLS: Bool { receiver.configuration.tlsCertificatePath != nil }

  /// Starts the folder's writer and serves until the task is cancelled or a
  /// graceful shutdown (it is a swift-service-lifecycle `Service`); then
  /// writes what is queued and closes the folder.
  ///
  /// - Throws: when the address cannot be bound or the server fails.
  public func run() async throws {
    folder.start()
    defer { folder.close() }
    try await receiver.run()
  }

  /// The bound port, once listening.
  ///
  /// - Throws: the error ``run()`` stopped with before binding.
  public func listeningPort() async throws -> Int { try await receiver.listeningPort() }

  /// The receiver's logger.
  let logger: Logger

  /// The URL exporters post to, e.g. `http://127.0.0.1:4318/v1/traces`.
  public func tracesURL(port: Int) -> String {
    let address = ReceiverListenAddress(host: listen.host, port: port)
    return "\(usesTLS ? "https" : "http")://\(address)/v1/traces"
  }

  /// Starts the receiver on a background task from synchronous code (a
  /// command's `run()`) and waits until it listens.
  ///
  /// - Returns: the running receiver: its port, and ``DataFolderReceiverRun/stop()``.
  /// - Throws: what ``run()`` failed with before listening (an address in
  ///   use, a host that is not local).
  public func startInBackground() throws -> DataFolderReceiverRun {
    let run = DataFolderReceiverRun(self, logger: logger)
    let portReady = DispatchSemaphore(value: 0)
    let port = Mutex<Result<Int, any Error>?>(nil)
    Task {
      do {
        let p = try await self.listeningPort()
        port.withLock { $0 = .success(p) }
      } catch {
        port.withLock { $0 = .failure(error) }
      }
      portReady.signal()
    }
    portReady.wait()
    switch port.withLock({ $0 }) {
    case .success(let p):
      run.port = p
      return run
    case .failure(let error):
      run.stop()
      throw run.failure ?? error
    case nil:
      run.stop()
      throw CancellationError()
    }
  }

  /// Runs the receiver from synchronous code until `stopRequested` says
  /// so (polled every 100 ms), then stops it and closes the folder.
  ///
  /// - Parameters:
  ///   - stopRequested: polled on the calling thread; `true` stops.
  ///   - onListening: called once, on the calling thread, with the port.
  /// - Throws: what ``run()`` failed with (an address in use, say).
  public func runBlocking(stopRequested: () -> Bool, onListening: (Int) -> Void) throws {
    let run = try startInBackground()
    onListening(run.port)
    while !run.waitUntilFinished(milliseconds: 100) {
      if stopRequested() {
        run.stop()
        return
      }
    }
    if let error = run.failure { throw error }
  }
}

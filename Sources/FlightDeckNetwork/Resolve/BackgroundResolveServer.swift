import Dispatch
import FlightDeckCore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The resolve API (``ResolveServer``) served in the background of a
/// command whose own thread does something else: `flightdeck demo
/// --resolve-listen`, whose main thread runs the dashboard. The server runs
/// in a swift-service-lifecycle `ServiceGroup` on a task; ``stop()`` shuts
/// the group down gracefully (long polls are woken first) and waits for it.
public final class BackgroundResolveServer: Sendable {
  /// The port the server listens on (the one asked for, or the system's
  /// pick for port 0).
  public let port: Int
  private let group: ServiceGroup
  private let finished: DispatchSemaphore

  /// Starts a loopback resolve server on `listen` answering from `store`,
  /// and waits until it listens.
  /// - Parameter timeoutSeconds: how long to wait for the port.
  /// - Throws: ``OTLPReceiverError/nonLoopbackWithoutToken(host:)`` for an
  ///   address beyond loopback (no bearer token here); ``StartError`` when
  ///   the address cannot be bound, the store's first read fails, or the
  ///   server did not listen within `timeoutSeconds`.
  public init(
    listen: ReceiverListenAddress, store: any RegistryStore, timeoutSeconds: Double = 10,
    logger: Logger = Logger(label: "flightdeck.resolve")
  ) throws {
    let server = try ResolveServer(listen: listen, store: store, bearerToken: nil, logger: logger)
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [
          ServiceGroupConfiguration.ServiceConfiguration(
            service: server, successTerminationBehavior: .gracefullyShutdownGroup,
            failureTerminationBehavior: .gracefullyShutdownGroup)
        ], gracefulShutdownSignals: [], logger: logger))
    let finished = DispatchSemaphore(value: 0)
    Task {
      try? await group.run()
      finished.signal()
    }
    let outcome = Outcome()
    let ready = DispatchSemaphore(value: 0)
    Task {
      do {
        let port = try await server.listeningPort()
        outcome.value.withLock { $0 = (port, nil) }
      } catch {
        outcome.value.withLock { $0 = (nil, "\(error)") }
      }
      ready.signal()
    }
    self.group = group
    self.finished = finished
    let waited = ready.wait(timeout: .now() + timeoutSeconds) == .success
    let (port, failure) = outcome.value.withLock { $0 }
    guard waited, let port else {
      Task { await group.triggerGracefulShutdown() }
      _ = finished.wait(timeout: .now() + 5)
      throw StartError(
        description: "the resolve API on \(listen) did not start: "
          + (failure ?? "not listening after \(timeoutSeconds) s"))
    }
    self.port = port
  }

  /// Why the server did not start (the address cannot be bound, the store
  /// cannot be read, or it did not listen in time).
  public struct StartError: Error, CustomStringConvertible {
    /// What went wrong, with the address.
    public let description: String
  }

  /// The port or the failure, set once by the task that waits for the bind.
  private final class Outcome: Sendable {
    let value = Mutex<(port: Int?, error: String?)>((nil, nil))
  }

  /// Shuts the server down and waits (at most 5 s) until it has.
  public func stop() {
    let group = self.group
    Task { await group.triggerGracefulShutdown() }
    _ = finished.wait(timeout: .now() + 5)
  }
}

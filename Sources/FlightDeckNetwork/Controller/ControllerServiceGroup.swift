import Dispatch
import Logging
import ServiceLifecycle
import Synchronization

/// Runs `flightdeck serve`'s services in one swift-service-lifecycle
/// `ServiceGroup` from a synchronous command: the controller loop
/// (``ControllerLoopService``), its probes (``ControllerHealthServer``) and
/// any others (the OTLP receiver; the notification sender). SIGTERM and
/// SIGINT shut the group down gracefully: each service finishes what is in
/// flight (the loop its turn, then it releases the lease). When the loop
/// ends on its own or any service fails, the others are shut down too.
public enum ControllerServiceGroup {
  /// Runs `controller` and `services` until a stop signal or a failure.
  /// - Throws: the first failure of a service (a probe port that cannot be bound, …).
  public static func runBlocking(
    controller: ControllerLoopService, services: [any Service], logger: Logger
  ) throws {
    var configured = [
      ServiceGroupConfiguration.ServiceConfiguration(
        service: controller, successTerminationBehavior: .gracefullyShutdownGroup,
        failureTerminationBehavior: .gracefullyShutdownGroup)
    ]
    configured += services.map {
      ServiceGroupConfiguration.ServiceConfiguration(
        service: $0, successTerminationBehavior: .gracefullyShutdownGroup,
        failureTerminationBehavior: .gracefullyShutdownGroup)
    }
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: configured, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    let finished = DispatchSemaphore(value: 0)
    let failure = Mutex<(any Error)?>(nil)
    Task {
      do {
        try await group.run()
      } catch {
        failure.withLock { $0 = error }
      }
      finished.signal()
    }
    finished.wait()
    if let error = failure.withLock({ $0 }) { throw error }
  }
}

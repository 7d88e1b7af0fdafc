import FlightDeckCore
import Foundation
import Synchronization

/// Publishes routing from a dashboard process while no controller runs: a
/// background thread that runs a ``RoutingControllerWork`` (FlightDeckCore,
/// paced on the clock) so a decision taken on screen reaches the routing
/// targets of the configuration's `[routing]` without `flightdeck serve`.
///
/// While a controller holds the store's lease it publishes, and this thread
/// does nothing (checked once a second). Problems are logged, never fatal.
/// This type only owns the thread; what a round does is the core's, tested
/// on a manual clock.
final class RoutingAutopilot: Sendable {
  private let work: RoutingControllerWork
  private let clock: any FlightDeckClock
  private let leases: (any ControllerLeaseStore)?
  private let log: @Sendable (String) -> Void
  private let stopRequested = Atomic<Bool>(false)
  private let finished = Atomic<Bool>(false)

  /// An autopilot over `store` publishing to `configuration`'s targets.
  init(
    store: any RoutingOutboxStore & ArtefactStore, leases: (any ControllerLeaseStore)?,
    configuration: RoutingConfiguration, clock: any FlightDeckClock, log: @escaping @Sendable (String) -> Void
  ) {
    self.work = RoutingControllerWork(
      publisher: RoutingPublisher(store: store, configuration: configuration, clock: clock), clock: clock)
    self.clock = clock
    self.leases = leases
    self.log = log
  }

  /// Starts the background thread.
  func start() {
    let thread = Thread { [self] in self.run() }
    thread.start()
  }

  /// Asks the thread to stop and waits for it (at most one turn).
  func stopAndWait() {
    stopRequested.store(true, ordering: .relaxed)
    while !finished.load(ordering: .acquiring) { usleep(10_000) }
  }

  private func run() {
    defer { finished.store(true, ordering: .releasing) }
    var checkedAt: Timestamp?
    var controllerPublishes = false
    while !stopRequested.load(ordering: .relaxed) {
      let now = clock.now()
      if let leases, checkedAt.map({ now.milliseconds(since: $0) >= 1_000 }) ?? true {
        checkedAt = now
        let holds = leases.controllerHolds(at: now)
        if holds != controllerPublishes {
          log(
            holds
              ? "a controller holds the lease: routing is its to publish"
              : "no controller: this dashboard publishes routing")
        }
        controllerPublishes = holds
      }
      if !controllerPublishes {
        for line in work.runIfDue() { log("routing: \(line)") }
      }
      usleep(50_000)
    }
  }
}

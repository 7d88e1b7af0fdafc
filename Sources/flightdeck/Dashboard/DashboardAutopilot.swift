import FlightDeckCore
import Foundation
import Synchronization

/// Runs controller work from a dashboard process while no controller runs:
/// one background thread that calls each ``ControllerWork``'s
/// ``ControllerWork/runIfDue()`` (FlightDeckCore, paced on the injected
/// clock) — the rollouts (``RolloutController``: steps, analyses on the
/// dashboard's own telemetry, aborts) and the routing publisher
/// (``RoutingControllerWork``) — so a rollout started with
/// `flightdeck rollout start` advances and a decision taken on screen
/// reaches the routing targets without `flightdeck serve`.
///
/// While a controller (`flightdeck serve`) holds the store's lease
/// (``ControllerLeaseStore/controllerHolds(at:)``, checked once a second)
/// no work runs: the dashboard only shows what the controller decided. The
/// change is logged once each way. Everything goes through the store as the
/// work's system actor (``SystemActor``), never as the user at the
/// dashboard. Problems are logged, never fatal. This type only owns the
/// thread; what a round does and when it is due is the core's, tested on a
/// manual clock.
final class DashboardAutopilot: Sendable {
  private let works: [any ControllerWork & Sendable]
  private let clock: any FlightDeckClock
  /// The store's controller lease, when it keeps one.
  private let leases: (any ControllerLeaseStore)?
  private let log: @Sendable (String) -> Void
  private let stopRequested = Atomic<Bool>(false)
  private let finished = Atomic<Bool>(false)

  /// An autopilot over `works`, idle while a controller holds `leases`.
  /// - Parameters:
  ///   - works: the work to run, in this order each turn (empty: the thread only idles).
  ///   - leases: the store's controller lease (`nil`: the store keeps none, the work always runs).
  ///   - clock: the clock the lease is checked on.
  ///   - log: receives one line per thing done or failed, prefixed with the work's name.
  init(
    works: [any ControllerWork & Sendable], leases: (any ControllerLeaseStore)?, clock: any FlightDeckClock,
    log: @escaping @Sendable (String) -> Void
  ) {
    self.works = works
    self.leases = leases
    self.clock = clock
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
    let names = works.map(\.workName).joined(separator: ", ")
    var checkedAt: Timestamp?
    var controllerRuns = false
    while !stopRequested.load(ordering: .relaxed) {
      let now = clock.now()
      if let leases, checkedAt.map({ now.milliseconds(since: $0) >= 1_000 }) ?? true {
        checkedAt = now
        let holds = leases.controllerHolds(at: now)
        if holds != controllerRuns {
          log(
            holds
              ? "a controller holds the lease: \(names) are its to run"
              : "no controller: this dashboard runs \(names)")
        }
        controllerRuns = holds
      }
      if !controllerRuns {
        for work in works {
          for line in work.runIfDue() { log("\(work.workName): \(line)") }
        }
      }
      // Wakes often enough to stop promptly; each work decides when it is due.
      usleep(50_000)
    }
  }
}

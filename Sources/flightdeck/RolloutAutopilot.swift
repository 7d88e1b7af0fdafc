import FlightDeckCore
import Foundation
import Synchronization

/// Drives every unfinished rollout of a workspace from a dashboard process:
/// a background thread that calls a ``RolloutController`` (FlightDeckCore,
/// paced on the clock: a round every `intervalMs`) and judges analysis steps
/// on the dashboard's own telemetry files — so a rollout started with
/// `flightdeck rollout start` advances, is judged and aborts on screen
/// without a separate `rollout drive`.
///
/// Everything goes through the store (one audited transaction per step) as
/// the rollout controller (`system:rollout-controller`, ``SystemActor``),
/// never as the user running the dashboard; the dashboard sees the changes
/// through its usual change-token poll. Problems are logged, never fatal: the
/// dashboard keeps running. While a controller (`flightdeck serve`) holds
/// the store's lease, no round runs. This type only owns the thread; what a round does
/// and when it is due is the core's, tested on a manual clock.
final class RolloutAutopilot: Sendable {
  private let controller: RolloutController
  private let clock: any FlightDeckClock
  /// The store's controller lease, when it keeps one: no round runs while a controller holds it.
  private let leases: (any ControllerLeaseStore)?
  private let log: @Sendable (String) -> Void
  private let stopRequested = Atomic<Bool>(false)
  private let finished = Atomic<Bool>(false)

  /// Creates an autopilot; call ``start()`` to run it.
  init(
    store: any RegistryStore, clock: any FlightDeckClock, paths: [String], intervalMs: Int64 = 2_000,
    windowMs: Int64 = 120_000, log: @escaping @Sendable (String) -> Void
  ) {
    self.log = log
    self.clock = clock
    leases = store as? any ControllerLeaseStore
    controller = RolloutController(
      store: store, clock: clock, intervalMs: intervalMs,
      samples: { artefact in
        let files = (try? TelemetryPaths.expand(paths)) ?? paths
        return try? AnalysisSampleCollector.collect(paths: files, artefact: artefact, windowMs: windowMs)
          .collector
      })
  }

  /// Starts the background thread.
  func start() {
    let thread = Thread { [self] in self.run() }
    thread.start()
  }

  /// Asks the thread to stop and waits for it (at most one round).
  func stopAndWait() {
    stopRequested.store(true, ordering: .relaxed)
    while !finished.load(ordering: .acquiring) { usleep(10_000) }
  }

  private func run() {
    defer { finished.store(true, ordering: .releasing) }
    var controllerCheckedAt: Timestamp?
    var controllerDrives = false
    while !stopRequested.load(ordering: .relaxed) {
      // While `flightdeck serve` holds the store's lease it drives the
      // rollouts; this dashboard only shows them (checked once a second).
      let now = clock.now()
      if let leases, controllerCheckedAt.map({ now.milliseconds(since: $0) >= 1_000 }) ?? true {
        controllerCheckedAt = now
        let drives = leases.controllerHolds(at: now)
        if drives != controllerDrives {
          log(
            drives
              ? "a controller holds the lease: rollouts are its to drive"
              : "no controller: this dashboard drives the rollouts")
        }
        controllerDrives = drives
      }
      if controllerDrives {
        usleep(50_000)
        continue
      }
      if let round = controller.roundIfDue() {
        for stepped in round.steps {
          if let verdict = stepped.step.verdict, let rollout = stepped.step.rollout {
            log(
              "rollout \(rollout.displayID) \(stepped.artefact): measurement \(verdict.summary) → \(rollout.state.phase.rawValue)"
            )
          }
        }
        for problem in round.problems { log("rollout autopilot, \(problem)") }
      }
      // Wakes often enough to stop promptly; the controller decides when a round is due.
      usleep(UInt32(min(50, max(1, controller.millisecondsUntilDue()))) * 1000)
    }
  }
}

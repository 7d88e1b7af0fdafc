import FlightDeckCore
import Foundation
import Synchronization

/// Drives every unfinished rollout of a workspace from a dashboard process:
/// a background thread that, every `intervalMs`, steps a ``RolloutDriver``
/// for each artefact with a running rollout, judging analysis steps on the
/// dashboard's own telemetry files — so a rollout started with
/// `flightdeck rollout start` advances, is judged and aborts on screen
/// without a separate `rollout drive`.
///
/// Everything goes through the store (one audited transaction per step) as
/// the rollout controller (`system:rollout-controller`, ``SystemActor``),
/// never as the user running the dashboard; the
/// dashboard sees the changes through its usual change-token poll. Errors are
/// logged, never fatal: the dashboard keeps running.
final class RolloutAutopilot: Sendable {
  private let store: any RegistryStore
  private let paths: [String]
  private let intervalMs: Int64
  private let windowMs: Int64
  private let log: @Sendable (String) -> Void
  private let stopRequested = Atomic<Bool>(false)
  private let finished = Atomic<Bool>(false)

  /// Creates an autopilot; call ``start()`` to run it.
  init(
    store: any RegistryStore, paths: [String], intervalMs: Int64 = 2_000,
    windowMs: Int64 = 120_000, log: @escaping @Sendable (String) -> Void
  ) {
    self.store = store
    self.paths = paths
    self.intervalMs = intervalMs
    self.windowMs = windowMs
    self.log = log
  }

  /// Starts the background thread.
  func start() {
    let thread = Thread { [self] in self.run() }
    thread.start()
  }

  /// Asks the thread to stop and waits for it (at most one interval).
  func stopAndWait() {
    stopRequested.store(true, ordering: .relaxed)
    while !finished.load(ordering: .acquiring) { usleep(10_000) }
  }

  private func run() {
    defer { finished.store(true, ordering: .releasing) }
    while !stopRequested.load(ordering: .relaxed) {
      stepAll()
      var slept: Int64 = 0
      while slept < intervalMs, !stopRequested.load(ordering: .relaxed) {
        usleep(50_000)
        slept += 50
      }
    }
  }

  private func stepAll() {
    let names: [String]
    do {
      names = try store.snapshot().artefacts.compactMap { $0.rollout == nil ? nil : $0.artefact.name }
    } catch {
      log("rollout autopilot: \(error)")
      return
    }
    guard !names.isEmpty else { return }
    let files = (try? TelemetryPaths.expand(paths)) ?? paths
    for name in names {
      let windowMs = self.windowMs
      let driver = RolloutDriver(
        artefact: name, store: store,
        samples: { a in
          try? AnalysisSampleCollector.collect(paths: files, artefact: a, windowMs: windowMs).collector
        })
      do {
        let step = try driver.step()
        if let v = step.verdict, let r = step.rollout {
          log("rollout \(r.displayID) \(name): measurement \(v.summary) → \(r.state.phase.rawValue)")
        }
      } catch {
        log("rollout autopilot, \(name): \(error)")
      }
    }
  }
}

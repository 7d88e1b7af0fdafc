import FlightDeckCore
import Foundation
import Synchronization

/// The demo's traffic producer: runs the simulator in real time on its own
/// thread, appending to the demo folder, until told to stop.
///
/// With a registry, the simulated traffic follows it (the loop is closed):
/// each tick (200 ms) the producer checks the store's change token and, for
/// every artefact whose `production` pointer or canary weight changed, tells
/// the simulator to serve accordingly — so a promotion or rollback made in
/// the dashboard or from another terminal shows up in the telemetry.
final class DemoProducer: Sendable {
  private let runner: Mutex<SimulationRunner>
  private let directory: String
  private let registry: (any RegistryStore)?
  private let stopRequested = Atomic<Bool>(false)
  private let finished = Atomic<Bool>(false)
  /// The last write error, if the producer had to stop early.
  let failure = Mutex<String?>(nil)

  init(runner: SimulationRunner, directory: String, registry: (any RegistryStore)? = nil) {
    self.runner = Mutex(runner)
    self.directory = directory
    self.registry = registry
  }

  /// Runs until ``stopAndWait()``; write errors end the run and are kept in ``failure``.
  func run() {
    defer { finished.store(true, ordering: .releasing) }
    var follower = RegistryTrafficFollower(store: registry)
    do {
      let writer = try RotatingJSONLWriter(directory: URL(fileURLWithPath: directory))
      defer { writer.close() }
      try runner.withLock { r in
        _ = try r.run(
          clock: SystemClock(), sleep: { ms in usleep(UInt32(min(ms, 1000) * 1000)) },
          sink: { try writer.write($0) }, shouldStop: { self.stopRequested.load(ordering: .relaxed) },
          adjust: { follower.apply(to: &$0) })
      }
    } catch {
      failure.withLock { $0 = "\(error)" }
    }
  }

  /// Asks the producer to stop and waits until it has closed its file.
  func stopAndWait() {
    stopRequested.store(true, ordering: .relaxed)
    while !finished.load(ordering: .acquiring) { usleep(10_000) }
  }
}

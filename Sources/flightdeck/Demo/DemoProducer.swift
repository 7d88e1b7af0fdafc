import FlightDeckCore
import Foundation
import Synchronization

/// The demo's traffic producer: runs the simulator in real time on its own
/// thread, appending to the demo folder, until told to stop.
///
/// With a registry, the simulated traffic follows it (the loop is closed).
/// With a routing target to follow (`flightdeck demo`: its LiteLLM file),
/// the traffic routes by the weights that file says, read back each tick
/// (200 ms) as a router reads it (``PublishedRoutingFollower``): a decision
/// moves the traffic once it is published, and a hand edit of the file
/// moves it too. Without one (`flightdeck serve --demo`), each tick checks
/// the store's change token and follows the store itself
/// (``RegistryTrafficFollower``). Either way a promotion or rollback made
/// in the dashboard or from another terminal shows up in the telemetry.
final class DemoProducer: Sendable {
  private let runner: Mutex<SimulationRunner>
  private let directory: String
  private let registry: (any RegistryStore)?
  private let followed: RoutingTarget?
  private let stopRequested = Atomic<Bool>(false)
  private let finished = Atomic<Bool>(false)
  /// The last write error, if the producer had to stop early.
  let failure = Mutex<String?>(nil)

  /// A producer of `runner`'s traffic into `directory`.
  /// - Parameters:
  ///   - registry: the registry the traffic follows (`nil`: the scenario's own routing).
  ///   - followed: a file target whose published weights the traffic routes
  ///     by, with the roles of the versions from `registry`; `nil`: the store's own weights.
  init(
    runner: SimulationRunner, directory: String, registry: (any RegistryStore)? = nil,
    followed: RoutingTarget? = nil
  ) {
    self.followed = followed
    self.runner = Mutex(runner)
    self.directory = directory
    self.registry = registry
  }

  /// Runs until ``stopAndWait()``; write errors end the run and are kept in ``failure``.
  func run() {
    defer { finished.store(true, ordering: .releasing) }
    var follower = RegistryTrafficFollower(store: registry)
    var published = followed.map { PublishedRoutingFollower(store: registry, target: $0) }
    do {
      let writer = try RotatingJSONLWriter(directory: URL(fileURLWithPath: directory))
      defer { writer.close() }
      try runner.withLock { r in
        _ = try r.run(
          clock: SystemClock(), sleep: { ms in usleep(UInt32(min(ms, 1000) * 1000)) },
          sink: { try writer.write($0) }, shouldStop: { self.stopRequested.load(ordering: .relaxed) },
          adjust: { simulator in
            if published != nil { published?.apply(to: &simulator) } else { follower.apply(to: &simulator) }
          })
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

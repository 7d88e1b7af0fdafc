import FlightDeckCore
import Foundation

/// `flightdeck serve --demo`: the demo's simulated traffic as controller
/// work, so that only the lease holder produces it and a standby that takes
/// over carries on where the dead holder stopped.
///
/// The traffic goes to one folder (``folder``, `WORKSPACE/demo-telemetry`),
/// which the controller follows and a dashboard can open. The folder's
/// `demo-start` file holds the story's start (ms since the epoch): the first
/// holder writes it, five minutes before now, with those five minutes of
/// history, and starts the scenario's story rollouts (as `flightdeck demo`
/// does when its screen opens). A holder that finds it carries the same
/// timeline on: its simulator starts at the stored start and skips to now
/// without writing (what the dead holder wrote stays), with a seed of its
/// own, so request ids never repeat. The traffic follows the registry as in
/// the demo (``DemoProducer``): a promotion, rollback or canary step moves it.
///
/// Made at each takeover, dropped at a loss: `deinit` stops the producer thread.
final class DemoTrafficWork: ControllerWork {
  let workName = "demo"
  /// Where the traffic goes.
  let folder: String
  private let producer: DemoProducer
  private let thread: Thread
  private var reportedFailure = false
  /// What the first takeover said (the folder, the story started), once.
  private var announcement: [String]

  /// The history written by the first holder, ms: what `flightdeck demo` shows when its screen opens.
  static let backfillMs: Int64 = 5 * 60_000

  /// Starts the traffic for the holder that just took the lease.
  /// - Parameters:
  ///   - epoch: the lease's epoch, mixed into the seed so two holders never share request ids.
  /// - Throws: `CLIError` when the folder cannot be made or written.
  init(
    folder: String, scenario: Scenario, seed: UInt64, epoch: Int64, registry: any RegistryStore,
    workspace: String
  ) throws {
    self.folder = folder
    let now = SystemClock().now()
    let marker = URL(fileURLWithPath: folder).appendingPathComponent("demo-start")
    var announcement: [String] = []
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      var simulator: TrafficSimulator
      if let text = try? String(contentsOf: marker, encoding: .utf8),
        let ms = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        // A takeover: the same timeline, from now on.
        let start = Timestamp(millisecondsSinceEpoch: ms)
        simulator = TrafficSimulator(
          scenario: scenario, seed: seed ^ UInt64(bitPattern: epoch &* 0x9E37), start: start)
        while simulator.generatedUntil < now {
          _ = simulator.records(until: now, maxRecords: SimulationRunner.defaultMaxBatchRecords)
        }
        announcement.append("demo traffic resumed in \(folder) (story started \(start.rfc3339))")
      } else {
        let start = now.adding(milliseconds: -Self.backfillMs)
        simulator = TrafficSimulator(scenario: scenario, seed: seed, start: start)
        let writer = try RotatingJSONLWriter(directory: URL(fileURLWithPath: folder))
        try writer.write(simulator.records(until: now))
        writer.close()
        try "\(start.millisecondsSinceEpoch)\n".write(to: marker, atomically: true, encoding: .utf8)
        announcement.append("demo traffic in \(folder): five minutes of history written")
        if let story = try DemoCommand.startStoryRollouts(scenario, store: registry, workspace: workspace) {
          announcement.append("demo story: \(story)")
        }
      }
      let backfill = now.milliseconds(since: simulator.start)
      producer = DemoProducer(
        runner: SimulationRunner(simulator: simulator, speed: 1, backfillMs: backfill), directory: folder,
        registry: registry)
    } catch let e as CLIError {
      throw e
    } catch {
      throw CLIError("demo traffic in \(folder): \(error)")
    }
    self.announcement = announcement
    let producer = self.producer
    thread = Thread { producer.run() }
    thread.name = "flightdeck-demo-traffic"
    thread.start()
  }

  deinit { producer.stopAndWait() }

  /// The announcement once, then a write failure once (the producer stops on one).
  func runIfDue() -> [String] {
    var lines = announcement
    announcement = []
    if !reportedFailure, let failure = producer.failure.withLock({ $0 }) {
      reportedFailure = true
      lines.append("the demo traffic stopped: \(failure)")
    }
    return lines
  }
}

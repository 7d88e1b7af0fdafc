import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// The dashboard engine following the demo's folder while the simulator's
/// real rotating writer renames numbered generations under it counts every
/// request once: its per-series counts equal `flightdeck replay`'s
/// (``ReplayAggregator``, an independent batch read of the same files).
@Suite struct TailerDemoFolderTests {
  /// 30 minutes of simulated time (TestClock), the bundled demo scenario at
  /// 15 req/s (its own 60 makes the test slow, not different), rotation at
  /// 256 KiB (about 750 lines, so 30+ rotations), every generation kept
  /// so that replay sees every record written; the engine polls after each
  /// of the writer's one-second batches of simulated time (rotations fall
  /// inside batches, so a poll sees every generation renamed at once).
  @Test func dashboardFollowingARotatingFolderMatchesReplay() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flightdeck-demo-folder-\(UUID())")
    defer { try? FileManager.default.removeItem(at: dir) }
    let clock = TestClock()
    let start = clock.now()
    let writer = try RotatingJSONLWriter(directory: dir, maxBytes: 256 << 10, keep: 100)
    let durationMs: Int64 = 30 * 60_000
    var options = EngineOptions()
    options.windowMs = durationMs + 60_000
    options.sinceMs = durationMs + 60_000
    let engine = DashboardEngine(patterns: [dir.path], options: options, clock: clock)
    engine.pump()
    var runner = SimulationRunner(
      simulator: TrafficSimulator(scenario: try Scenario.bundledDefault(), seed: 7, start: start, rate: 15),
      speed: 1,
      durationMs: durationMs, tickMs: 1000)
    _ = try runner.run(
      clock: clock,
      sleep: { ms in
        clock.advance(milliseconds: ms)
        while engine.pump() && engine.nextPollDue <= clock.now() {}
      }, sink: writer.write)
    writer.close()
    while engine.pump() && engine.nextPollDue <= clock.now() {}
    #expect(writer.rotations >= 30)

    var live: [String: Int] = [:]
    for artefact in engine.snapshot().artefacts {
      for v in artefact.versions where v.stats.requests > 0 {
        live["\(artefact.name)/\(v.version)/\(v.route.rawValue)", default: 0] += v.stats.requests
      }
    }
    let replay = try ReplayAggregator.run(paths: [dir.path], options: ReplayOptions())
    var batch: [String: Int] = [:]
    for row in replay.rows where row.stats.requests > 0 { batch[row.key.description] = row.stats.requests }
    #expect(replay.records == writer.linesWritten)
    #expect(!batch.isEmpty)
    #expect(live == batch)
  }
}

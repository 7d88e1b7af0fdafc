import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

@Suite("SimulationRunner")
struct SimulationRunnerTests {
  private let start = SimulationFixtures.start

  @Test("speed 10 for 60 virtual s: 30 ticks of 200 ms, same records as direct generation")
  func pacedRun() throws {
    let scenario = SimulationFixtures.scenario(canaryWeight: 25, mirror: 0.1, rate: 40)
    let clock = TestClock(start: Timestamp(millisecondsSinceEpoch: 5_000_000))
    var runner = SimulationRunner(
      simulator: TrafficSimulator(scenario: scenario, seed: 12, start: start), speed: 10, durationMs: 60_000,
      tickMs: 200)
    var sleeps = 0
    var received: [TelemetryRecord] = []
    let summary = try runner.run(
      clock: clock,
      sleep: { ms in
        sleeps += 1
        clock.advance(milliseconds: ms)
      },
      sink: { received += $0 })
    // Each 200 ms real tick is 2000 virtual ms; 60 000 / 2000 = 30 sleeps.
    #expect(sleeps == 30)
    #expect(summary.virtualEnd == start.adding(milliseconds: 60_000))
    var direct = TrafficSimulator(scenario: scenario, seed: 12, start: start)
    let expected = direct.records(until: start.adding(milliseconds: 60_000))
    #expect(received == expected)
    #expect(summary.records == expected.count)
    #expect(summary.recordsByRoute[.shadow, default: 0] == expected.filter { $0.route == .shadow }.count)
  }

  @Test("backfill generates history at once; shouldStop ends a endless run")
  func backfillAndStop() throws {
    let scenario = SimulationFixtures.scenario(rate: 20)
    let clock = TestClock()
    var runner = SimulationRunner(
      simulator: TrafficSimulator(scenario: scenario, seed: 1, start: start), speed: 1, durationMs: nil,
      tickMs: 1000, backfillMs: 300_000)
    var batches: [[TelemetryRecord]] = []
    let summary = try runner.run(
      clock: clock, sleep: { clock.advance(milliseconds: $0) }, sink: { batches.append($0) },
      shouldStop: { batches.count >= 3 })
    // First batch: the 300 s backfill, ≈ 6000 requests at 20 req/s (sd 77).
    #expect(batches.count == 3)
    #expect(abs(batches[0].count - 6000) < 400)
    #expect(batches[0].allSatisfy { $0.timestamp < start.adding(milliseconds: 300_000) })
    // Then 1 s per tick at speed 1.
    #expect(summary.virtualEnd == start.adding(milliseconds: 302_000))
  }

  @Test("runner into writer: the files hold exactly the generated records")
  func endToEnd() throws {
    let directory = try SimulationFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let scenario = SimulationFixtures.scenario(canaryWeight: 50, rate: 30)
    let clock = TestClock()
    let writer = try RotatingJSONLWriter(directory: directory, maxBytes: 1 << 20, keep: 2)
    var runner = SimulationRunner(
      simulator: TrafficSimulator(scenario: scenario, seed: 77, start: start), speed: 60, durationMs: 120_000)
    _ = try runner.run(clock: clock, sleep: { clock.advance(milliseconds: $0) }, sink: writer.write)
    writer.close()
    var direct = TrafficSimulator(scenario: scenario, seed: 77, start: start)
    let expected = direct.records(until: start.adding(milliseconds: 120_000)).map { $0.jsonLine + "\n" }
      .joined()
    let written = try String(
      contentsOf: directory.appendingPathComponent("telemetry.jsonl"), encoding: .utf8)
    #expect(written == expected)
  }

  @Test func aRunOfKnownLengthEndsNowByDefault() {
    // `simulate --duration 10m` at 12:00:00Z starts at 11:50:00Z, so the run
    // (and a story played in it) ends at the clock, never after it.
    let now = Timestamp(millisecondsSinceEpoch: 1_748_779_200_000)  // 2025-06-01T12:00:00Z
    let start = SimulationRunner.defaultStart(given: nil, durationMs: 600_000, now: now)
    #expect(start.rfc3339 == "2025-06-01T11:50:00.000Z")
    #expect(start.adding(milliseconds: 600_000) == now)
    // Without --duration: now; --start wins over both.
    #expect(SimulationRunner.defaultStart(given: nil, durationMs: nil, now: now) == now)
    let given = Timestamp(millisecondsSinceEpoch: 0)
    #expect(SimulationRunner.defaultStart(given: given, durationMs: 600_000, now: now) == given)
  }
}

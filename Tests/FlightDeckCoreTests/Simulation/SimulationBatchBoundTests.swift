import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

@Suite("Simulation: bounded batches")
struct SimulationBatchBoundTests {
  private let start = SimulationFixtures.start

  @Test("a tick whose span holds ≈ 20 000 records goes out in batches of at most 1000 (+1 shadow)")
  func runnerSplitsATickIntoBoundedBatches() throws {
    // 100 req/s at speed 100: a 200 ms real tick is 200 · 100 = 20 000 virtual ms
    // per tick; 20 s at 100 req/s ≈ 2000 requests, +30 % mirrored ≈ 2600 records,
    // so with maxBatchRecords 100 one tick is ≥ 20 batches. Duration 20 000 ms: one tick.
    let scenario = SimulationFixtures.scenario(mirror: 0.3, rate: 100)
    let clock = TestClock(start: Timestamp(millisecondsSinceEpoch: 1_000))
    var runner = SimulationRunner(
      simulator: TrafficSimulator(scenario: scenario, seed: 7, start: start), speed: 100,
      durationMs: 20_000, tickMs: 200, maxBatchRecords: 100)
    var batches: [[TelemetryRecord]] = []
    var sleeps = 0
    let summary = try runner.run(
      clock: clock,
      sleep: {
        sleeps += 1
        clock.advance(milliseconds: $0)
      }, sink: { batches.append($0) })
    // The first tick (elapsed 0) reaches virtual 0: nothing; after one sleep of
    // 200 ms the target is 200 · 100 = 20 000 ms = the end, so exactly 1 sleep.
    #expect(sleeps == 1)
    // A request and its shadow copy stay together: at most 100 + 1.
    #expect(batches.allSatisfy { $0.count <= 101 })
    #expect(batches.count >= 20)
    // The same records, in the same order, as one unbounded call.
    var direct = TrafficSimulator(scenario: scenario, seed: 7, start: start)
    let expected = direct.records(until: start.adding(milliseconds: 20_000))
    #expect(batches.flatMap { $0 } == expected)
    #expect(summary.records == expected.count)
    #expect(summary.batches == batches.count)
    #expect(summary.virtualEnd == start.adding(milliseconds: 20_000))
  }

  @Test("records(until:maxRecords:) stops early at the next arrival and resumes there")
  func simulatorStopsAndResumes() {
    let scenario = SimulationFixtures.scenario(rate: 50)
    let end = start.adding(milliseconds: 10_000)
    var bounded = TrafficSimulator(scenario: scenario, seed: 3, start: start)
    let first = bounded.records(until: end, maxRecords: 10)
    // No shadow: exactly 10 records; generatedUntil is the floor ms of the
    // 11th arrival, which lies after the 10th record and before `end`.
    #expect(first.count == 10)
    #expect(bounded.generatedUntil >= first[9].timestamp)
    #expect(bounded.generatedUntil < end)
    var rest: [TelemetryRecord] = []
    while bounded.generatedUntil < end { rest += bounded.records(until: end, maxRecords: 10) }
    var whole = TrafficSimulator(scenario: scenario, seed: 3, start: start)
    #expect(first + rest == whole.records(until: end))
  }

  @Test("a scenario without traffic still finishes its span (no endless loop)")
  func zeroRateFinishes() throws {
    let scenario = SimulationFixtures.scenario(rate: 0)
    let clock = TestClock()
    var runner = SimulationRunner(
      simulator: TrafficSimulator(scenario: scenario, seed: 1, start: start), speed: 1,
      durationMs: 1_000, tickMs: 500, maxBatchRecords: 1)
    let summary = try runner.run(
      clock: clock, sleep: { clock.advance(milliseconds: $0) }, sink: { _ in })
    // 1000 virtual ms at speed 1 in 500 ms ticks: targets 0, 500, 1000 → 2 sleeps, 0 records.
    #expect(summary.records == 0)
    #expect(summary.virtualEnd == start.adding(milliseconds: 1_000))
  }
}

/// Drives a `TrafficSimulator` from a clock: the loop behind
/// `flightdeck simulate` and `flightdeck demo`.
///
/// Virtual time runs `speed` times faster than the injected clock: after
/// `e` real ms the simulator has generated every record before
/// `simulator.start + backfillMs + e · speed`. Every `tickMs` of real time
/// (paced by the injected `sleep`) the records up to the new virtual instant
/// go to the sink in batches of at most `maxBatchRecords` (+1 for a shadow
/// copy), so a high rate × speed never builds one huge array. The run
/// ends when virtual time reaches `simulator.start + durationMs` (virtual),
/// when `shouldStop` answers true, or never (`durationMs == nil`).
///
/// Time comes only from the injected `FlightDeckClock` and `sleep`, so tests
/// drive a run with `TestClock` and a `sleep` that advances it, without
/// sleeping. The CLI passes `SystemClock()` and a real sleeper.
public struct SimulationRunner: Sendable {
  /// The simulator being driven (its state advances as the run goes).
  public var simulator: TrafficSimulator
  /// Virtual seconds per real second, > 0 (non-positive or non-finite values act as 1).
  public let speed: Double
  /// Run length in virtual ms from `simulator.start`; `nil` runs forever.
  public let durationMs: Int64?
  /// Real ms slept between batches, ≥ 1; default 200.
  public let tickMs: Int64
  /// Virtual ms generated at once in the first batch (history for a
  /// dashboard that starts empty); default 0.
  public let backfillMs: Int64
  /// Most records handed to the sink at once (≥ 1; default 100 000): a
  /// tick's virtual span is split into as many batches as it needs.
  public let maxBatchRecords: Int

  /// The default ``maxBatchRecords``: 100 000 records (about 40 MB in memory).
  public static let defaultMaxBatchRecords = 100_000

  /// Creates a runner.
  public init(
    simulator: TrafficSimulator, speed: Double = 1, durationMs: Int64? = nil, tickMs: Int64 = 200,
    backfillMs: Int64 = 0, maxBatchRecords: Int = SimulationRunner.defaultMaxBatchRecords
  ) {
    self.maxBatchRecords = max(1, maxBatchRecords)
    self.simulator = simulator
    self.speed = speed.isFinite && speed > 0 ? speed : 1
    self.durationMs = durationMs.map { max(0, $0) }
    self.tickMs = max(1, tickMs)
    self.backfillMs = max(0, backfillMs)
  }

  /// The virtual start of a run (`flightdeck simulate`): `given` (`--start`),
  /// else `now − durationMs` for a run of known length (`--duration`: the
  /// run ends now, so nothing it writes — a played story's incident
  /// among it — is dated in the future), else `now` (a run until interrupted).
  public static func defaultStart(given: Timestamp?, durationMs: Int64?, now: Timestamp) -> Timestamp {
    if let given { return given }
    guard let durationMs else { return now }
    return now.adding(milliseconds: -max(0, durationMs))
  }

  /// The virtual instant reached after `realElapsedMs` of real time, capped
  /// at the run's end: `start + backfillMs + realElapsedMs · speed`.
  public func virtualTime(realElapsedMs: Int64) -> Timestamp {
    let offset = Double(backfillMs) + Double(max(0, realElapsedMs)) * speed
    var target = simulator.start.adding(milliseconds: Int64(min(offset, 9.0e15).rounded(.down)))
    if let durationMs {
      target = min(target, simulator.start.adding(milliseconds: durationMs))
    }
    return target
  }

  /// Runs the simulation.
  ///
  /// - Parameters:
  ///   - clock: Source of real time.
  ///   - sleep: Blocks for the given real ms (tests: advance a `TestClock`).
  ///   - sink: Receives each non-empty batch in timestamp order (e.g.
  ///     `RotatingJSONLWriter.write`).
  ///   - shouldStop: Polled before each batch; `true` ends the run (e.g. on SIGINT).
  ///   - adjust: Called once per tick before its records are generated, to
  ///     change the simulator's routing (the demo follows the registry here).
  /// - Returns: Counts of what was produced.
  /// - Throws: Whatever `sleep` or `sink` throws (e.g. `TelemetryWriteError`).
  public mutating func run(
    clock: any FlightDeckClock, sleep: (Int64) throws -> Void,
    sink: ([TelemetryRecord]) throws -> Void, shouldStop: () -> Bool = { false },
    adjust: (inout TrafficSimulator) -> Void = { _ in }
  ) throws -> SimulationSummary {
    let realStart = clock.now()
    let end = durationMs.map { simulator.start.adding(milliseconds: $0) }
    var summary = SimulationSummary(virtualEnd: simulator.generatedUntil)
    tick: while !shouldStop() {
      let target = virtualTime(realElapsedMs: clock.now().milliseconds(since: realStart))
      adjust(&simulator)
      repeat {
        let batch = simulator.records(until: target, maxRecords: maxBatchRecords)
        if !batch.isEmpty {
          try sink(batch)
          summary.batches += 1
          summary.records += batch.count
          for record in batch { summary.recordsByRoute[record.route, default: 0] += 1 }
        }
        summary.virtualEnd = simulator.generatedUntil
        // Between two batches of one tick, a stop request still ends the run promptly.
        if simulator.generatedUntil < target, shouldStop() { break tick }
      } while simulator.generatedUntil < target
      if let end, target >= end { break }
      try sleep(tickMs)
    }
    return summary
  }
}

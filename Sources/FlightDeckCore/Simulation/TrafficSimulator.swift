import Foundation

/// Generates FlightDeck telemetry for a scenario on a virtual clock.
///
/// User-facing requests arrive as a Poisson process of `rate` requests per
/// second (exponential inter-arrival times `-ln(U) / rate`); each arrival
/// picks an artefact with probability proportional to its `share`, then a
/// version through the artefact's `TrafficRouter`, and may be mirrored to the
/// shadow (an extra record with `route: shadow`, the same timestamp and
/// session, request id suffixed `-shadow`, and its own latency, tokens, cost
/// and status — never user-facing, but its cost is real). Timed events apply
/// to arrivals at or after `start + at`.
///
/// Everything is drawn from one `SplitMix64` seeded with `seed`, so the same
/// scenario, seed, rate and start give byte-identical records, however the
/// caller slices time into `records(until:)` calls.
public struct TrafficSimulator: Sendable {
  /// The scenario being simulated.
  public let scenario: Scenario
  /// Seed of the run.
  public let seed: UInt64
  /// Virtual instant the scenario starts (event times are relative to it).
  public let start: Timestamp
  /// User-facing requests per second (≤ 0 means no traffic).
  public let rate: Double
  /// Records with timestamps before this instant have been returned.
  public private(set) var generatedUntil: Timestamp
  /// User-facing requests generated so far (shadow copies not counted).
  public private(set) var requestCount: Int = 0

  private var rng: SplitMix64
  private var nextArrivalOffsetMs: Double
  private var states: [SimulatedArtefactState]
  private var cumulativeShares: [Double]
  private var nextEventIndex = 0
  private let runTag: String

  /// Creates a simulator.
  ///
  /// - Parameters:
  ///   - scenario: A validated scenario.
  ///   - seed: PRNG seed; the same seed reproduces the run exactly.
  ///   - start: Virtual start instant (ms since the epoch).
  ///   - rate: Requests per second; `nil` uses `scenario.rate`.
  ///   - prices: The price table for versions priced by `model = "…"`
  ///     (default: the bundled `prices.toml`, the same table the decoders use).
  public init(
    scenario: Scenario, seed: UInt64, start: Timestamp, rate: Double? = nil,
    prices: PriceTable = .default
  ) {
    self.scenario = scenario
    self.seed = seed
    self.start = start
    self.rate = rate ?? scenario.rate
    generatedUntil = start
    rng = SplitMix64(seed: seed)
    states = scenario.artefacts.map { SimulatedArtefactState($0, prices: prices) }
    var running = 0.0
    cumulativeShares = scenario.artefacts.map {
      running += max(0, $0.share)
      return running
    }
    let tag = String(SplitMix64.mix(seed) >> 32, radix: 16)
    runTag = String(repeating: "0", count: 8 - tag.count) + tag
    nextArrivalOffsetMs = 0
    nextArrivalOffsetMs = nextInterArrivalMs()
  }

  /// The current split of `artefact` (after the events applied so far), or
  /// `nil` for an unknown name.
  public func router(for artefact: String) -> TrafficRouter? {
    states.first { $0.spec.name == artefact }?.router
  }

  /// Makes `artefact` serve traffic as a registry says from now on (the demo
  /// closes the loop: a promotion, rollback or canary weight change made in
  /// FlightDeck shows up in the simulated telemetry).
  ///
  /// - Parameters:
  ///   - artefact: The scenario artefact; unknown names are ignored.
  ///   - production: The version the `production` pointer names (`nil`: the
  ///     scenario's stable version). The canary's version means it was
  ///     promoted: all user-facing traffic goes to it. Any other label is
  ///     served by the stable profile under that label.
  ///   - canaryWeightPercent: The canary traffic weight, 0–100 (`nil`: unchanged).
  ///     Later scenario events that set a weight still apply.
  ///   - canaryMirror: The fraction (0–1) of the other user-facing requests
  ///     mirrored to the canary's version as shadow traffic (records with
  ///     `route: shadow`, request id suffixed `-mirror`), from a running
  ///     rollout plan's ``RolloutPlan/shadowMirror``; `nil` or 0: none.
  ///   - routing: A running rollout plan's routing key: `.request` routes
  ///     each request on its own even when the artefact has sessions; `nil`
  ///     or `.session`: the scenario's (sticky when it has sessions).
  public mutating func serve(
    artefact: String, production: String?, canaryWeightPercent: Double?, canaryMirror: Double? = nil,
    routing: RolloutPlan.RoutingKey? = nil
  ) {
    for index in states.indices where states[index].spec.name == artefact {
      states[index].serve(
        production: production, canaryWeightPercent: canaryWeightPercent, canaryMirror: canaryMirror,
        routing: routing)
    }
  }

  /// All records with timestamps in [`generatedUntil`, `until`), in
  /// timestamp order (a shadow copy directly follows its request).
  ///
  /// Call repeatedly with increasing instants to drive the simulation from a
  /// real or sped-up clock; an `until` not after `generatedUntil` returns
  /// nothing.
  public mutating func records(until: Timestamp) -> [TelemetryRecord] {
    records(until: until, maxRecords: .max)
  }

  /// Like ``records(until:)``, but stops once the batch holds `maxRecords`
  /// records (a request and its shadow copy are never split, so a batch
  /// holds at most `maxRecords + 1`). When it stops early, ``generatedUntil``
  /// is the millisecond of the next arrival (not yet generated) rather than
  /// `until`, and the next call carries on from there: the records are the
  /// same, however the span is split.
  ///
  /// - Parameters:
  ///   - until: End of the span (exclusive).
  ///   - maxRecords: Batch size bound, ≥ 1 (smaller values act as 1).
  public mutating func records(until: Timestamp, maxRecords: Int) -> [TelemetryRecord] {
    var out: [TelemetryRecord] = []
    guard until > generatedUntil else { return out }
    guard !states.isEmpty, let totalShare = cumulativeShares.last, totalShare > 0 else {
      generatedUntil = until  // no traffic at all: the span is done
      return out
    }
    let limit = max(1, maxRecords)
    let untilOffset = Double(until.milliseconds(since: start))
    while nextArrivalOffsetMs < untilOffset {
      if out.count >= limit {
        generatedUntil = start.adding(milliseconds: Int64(nextArrivalOffsetMs.rounded(.down)))
        return out
      }
      applyEvents(upTo: nextArrivalOffsetMs)
      let timestamp = start.adding(milliseconds: Int64(nextArrivalOffsetMs.rounded(.down)))
      let pick = rng.nextUnit() * totalShare
      let index = cumulativeShares.firstIndex { pick < $0 } ?? (states.count - 1)
      requestCount += 1
      let requestID = "\(runTag)-\(requestCount)"
      states[index].generate(at: timestamp, requestID: requestID, using: &rng, into: &out)
      nextArrivalOffsetMs += nextInterArrivalMs()
    }
    generatedUntil = until
    return out
  }

  /// Applies every pending event with `atMs ≤ offsetMs`.
  private mutating func applyEvents(upTo offsetMs: Double) {
    while nextEventIndex < scenario.events.count, Double(scenario.events[nextEventIndex].atMs) <= offsetMs {
      let event = scenario.events[nextEventIndex]
      for index in states.indices where states[index].spec.name == event.artefact {
        states[index].apply(event)
      }
      nextEventIndex += 1
    }
  }

  /// An exponential inter-arrival gap in ms: `-ln(U) · 1000 / rate`, `U` in (0, 1].
  private mutating func nextInterArrivalMs() -> Double {
    guard rate > 0 else { return .infinity }
    return -log(rng.nextOpenUnit()) * 1000 / rate
  }
}

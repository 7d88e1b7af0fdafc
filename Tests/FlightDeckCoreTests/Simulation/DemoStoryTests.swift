import Testing

@testable import FlightDeckCore

/// The default scenario's story, played the way `flightdeck demo` plays it
/// (seeded registry, the scenario's rollout started when the screen opens,
/// the simulated traffic following the registry every second, the rollout
/// driven every 2 s on the last 90 s of telemetry) but on a manual clock.
@Suite("Demo story")
struct DemoStoryTests {
  /// What happened, second by second.
  struct Playback: Sendable {
    /// (seconds after the screen opened, canary weight %) at every weight change.
    var weights: [(Int64, Int)] = []
    /// (seconds, verdict) of every measurement.
    var verdicts: [(Int64, CanaryVerdict)] = []
    /// When the rollout finished, and how.
    var finished: (Int64, RolloutPhase)?
    /// The store, afterwards.
    var store: SQLiteRegistryStore
    /// The story artefact's records (backfill included).
    var records: [TelemetryRecord] = []
    /// When the screen opened.
    var open: Timestamp
  }

  /// The story played once for the whole suite (7 minutes of virtual time).
  static let story = Result { try play(seconds: 420) }

  static func play(seconds: Int64) throws -> Playback {
    let scenario = try Scenario.load(path: nil)
    let t0 = Timestamp(millisecondsSinceEpoch: 1_764_420_000_000)
    let open = t0.adding(milliseconds: 5 * 60_000)  // the demo backfills 5 minutes
    let clock = ManualClock(start: open)
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    _ = try DemoRegistrySeed.seed(store, scenario: scenario, clock: clock, now: open)
    let started = try DemoRegistrySeed.startRollouts(
      store, scenario: scenario, as: DemoRegistrySeed.operators[0])
    #expect(started.count == 1 && started[0].started != nil)
    let artefact = try #require(scenario.rollouts.first).plan.artefact

    var player = ScenarioStoryPlayer(
      scenario: scenario, simulator: TrafficSimulator(scenario: scenario, seed: 1, start: t0), store: store,
      clock: clock, opensAt: open, actor: OperatorIdentity(name: "autopilot"))
    var playback = Playback(store: store, open: open)
    var records: [TelemetryRecord] = []
    var weight = -1
    var second: Int64 = 0
    // Two seconds at a time (the player drives every 2 s); the traffic goes
    // on after the rollout finishes, as in the demo.
    while second < seconds {
      second += 2
      let measured = try player.play(until: open.adding(milliseconds: second * 1000)) { batch in
        records += batch.filter { $0.artefact == artefact }
      }
      for m in measured where m.artefact == artefact {
        if let v = m.verdict { playback.verdicts.append((second, v)) }
        if let r = m.rollout, r.state.phase.isFinished, playback.finished == nil {
          playback.finished = (second, r.state.phase)
        }
      }
      let w = try #require(try store.snapshot().artefact(artefact)).canaryWeightPercent
      if w != weight {
        weight = w
        playback.weights.append((second, w))
      }
    }
    playback.records = records
    return playback
  }

  @Test("p8 steps 5 → 25 → 50 %, degrades at 6 m 40 s, fails the judge twice (one tolerated) and aborts")
  func storyPlaysOut() throws {
    let p = try Self.story.get()
    // The weights the rollout set, in order: 5 at once, 25 and 50 after two
    // passing measurements each, 0 when it aborts.
    #expect(p.weights.map(\.1) == [5, 25, 50, 0])
    // Every measurement before the degradation (t+100 s) passes; at 50 % the
    // analysis tolerates one failed measurement, so the abort follows the
    // second failure, 40 s after the first.
    let before = p.verdicts.filter { $0.0 <= 100 }
    #expect(before.count >= 4 && before.allSatisfy { $0.1.outcome == .pass })
    let failures = p.verdicts.filter { $0.1.outcome == .fail }
    #expect(failures.count == 2)
    let failed = try #require(failures.last)
    #expect(failures[0].0 > 100 && failed.0 - failures[0].0 == 40 && failed.0 <= 200)
    #expect(p.verdicts.last?.0 == failed.0)
    let finished = try #require(p.finished)
    #expect(finished.0 == failed.0 && finished.1 == .aborted)

    // The reason on screen: the critical error-rate metric, high. Its counts
    // are checked against the raw records of the 90 s window, counted here
    // independently of the collector and the judge.
    let errors = try #require(failed.1.metrics.first { $0.name == "error rate" })
    #expect(errors.critical && errors.classification == .high)
    let end = p.open.adding(milliseconds: failed.0 * 1000)
    let window = p.records.filter { $0.timestamp >= end.adding(milliseconds: -90_000) && $0.timestamp < end }
    let canary = window.filter { $0.version == "p8" && $0.route == .canary }
    let stable = window.filter { $0.version == "p7" && $0.route == .stable }
    #expect(errors.canaryCount == canary.count && errors.baselineCount == stable.count)
    let canaryErrors = canary.filter { $0.status == .error }.count
    let stableErrors = stable.filter { $0.status == .error }.count
    #expect(errors.canaryValue == Double(canaryErrors) / Double(canary.count))
    #expect(errors.baselineValue == Double(stableErrors) / Double(stable.count))

    // The abort's effects in the registry: weight 0, p8 marked rolled back,
    // production still p7, every step in an intact audit log.
    let rag = try #require(try p.store.snapshot().artefact("rag-answer"))
    #expect(rag.canaryWeightPercent == 0 && rag.pointers[.production] == "p7")
    #expect(rag.versions.first { $0.label == "p8" }?.rolledBackAt != nil)
    #expect(try p.store.verifyAudit().isIntact)
  }

  @Test("the demo's page alert fires on the degraded canary before the abort, and resolves after it")
  func pageAlertFiresBeforeTheAbort() throws {
    let p = try Self.story.get()
    let abortAt = p.open.adding(milliseconds: try #require(p.finished).0 * 1000)
    let url = try #require(AlertRulesLoader.defaultRulesURL)
    let engine = AlertEngine(
      configuration: AlertConfiguration(), groups: try AlertRulesLoader.load(path: url.path))
    // The story artefact's records, evaluated on their own timestamps.
    let (transitions, _) = AlertReplay.run(records: p.records, alerts: engine)
    let page = transitions.filter { $0.instance.ruleName == "CanaryHighErrorRate" }
    let fired = try #require(page.first { $0.startsFiring })
    #expect(fired.instance.labels["artefact"] == "rag-answer" && fired.instance.severity == "page")
    let degradedAt = p.open.adding(milliseconds: 100_000)
    #expect(fired.at > degradedAt && fired.at < abortAt)
    // No canary traffic after the abort: it resolves once keep_firing_for (1 m) has passed.
    let resolved = try #require(page.first { $0.stopsFiring })
    #expect(resolved.at > abortAt.adding(milliseconds: 60_000))
    // Nothing paged before the degradation (the early, small canary steps).
    #expect(page.allSatisfy { $0.at > degradedAt })
  }

  @Test(
    "a demo restarted on the same workspace does not start the story's rollout twice, nor on a rolled-back p8"
  )
  func startsOnce() throws {
    let p = try Self.play(seconds: 200)
    let again = try DemoRegistrySeed.startRollouts(
      p.store, scenario: try Scenario.load(path: nil), as: DemoRegistrySeed.operators[0])
    #expect(again.count == 1 && again[0].started == nil)
    #expect(again[0].skipped?.contains("rolled back") == true)
  }
}

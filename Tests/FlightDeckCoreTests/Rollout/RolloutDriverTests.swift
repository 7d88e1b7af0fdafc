import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// The rollout driver: ticks, measurements judged on simulated traffic, abort;
/// on both backends (``StoreUnderTest``).
@Suite struct RolloutDriverTests {
  /// The support-bot incident scenario (v13 degrades at minute 4), a fixture
  /// kept apart from the demo's default scenario.
  static func incidentScenario() throws -> Scenario {
    try Scenario.load(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/scenarios/support-bot-incident.toml"))
  }

  typealias F = RegistryFixture
  let clock = TestClock()
  let minute: Int64 = 60_000

  /// Samples of support-bot from the default scenario between `from` and `to`
  /// minutes: v12 (production, stable route) against v13 (canary route), whose
  /// error rate rises to 8 % and latency doubles from minute 4.
  static func samples(fromMinute: Int64, toMinute: Int64) throws -> RolloutDriver.SampleProvider {
    let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)
    var sim = TrafficSimulator(scenario: try Self.incidentScenario(), seed: 1, start: t0)
    var c = AnalysisSampleCollector(
      artefact: "support-bot", from: t0.adding(milliseconds: fromMinute * 60_000),
      to: t0.adding(milliseconds: toMinute * 60_000))
    for r in sim.records(until: t0.adding(milliseconds: toMinute * 60_000)) { c.add(r) }
    let collected = c
    return { _ in collected }
  }

  func rollout(_ store: any RegistryStore) throws {
    let plan = try RolloutPlan(
      artefact: "support-bot", canaryVersion: "v13",
      steps: [
        .setWeight(percent: 10), .analysis(intervalMs: minute, policy: AnalysisPolicy(count: 2)),
        .setWeight(percent: 50), .pauseUntilPromoted,
      ])
    _ = try store.perform(.startRollout(plan), as: F.alice)
  }

  @Test(
    "a degraded canary fails the measurement and the rollout aborts: weight 0, version rolled back",
    arguments: StoreUnderTest.all)
  func degradedCanaryAborts(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock, tier: .high)
    try rollout(store)
    let driver = RolloutDriver(
      artefact: "support-bot", store: store, actor: OperatorIdentity(name: "driver"),
      samples: try Self.samples(fromMinute: 4, toMinute: 10))
    // Before the interval: nothing due, nothing changes.
    let early = try driver.step()
    #expect(early.verdict == nil && !early.changed)
    clock.advance(milliseconds: minute)
    let measured = try driver.step()
    #expect(measured.verdict?.outcome == .fail)
    #expect(measured.rollout?.state.phase == .aborted)
    let bot = try #require(try store.snapshot().artefact("support-bot"))
    #expect(bot.canaryWeightPercent == 0)
    #expect(bot.versions.first { $0.label == "v13" }?.rolledBackAt != nil)
    // The measurement's audit entry records the abort it caused.
    let entry = try #require(try store.auditEntries(since: nil).last { $0.action == .rolloutMeasurement })
    #expect(entry.after?.contains(#""phase":"aborted""#) == true)
    #expect(try store.verifyAudit().isIntact)
  }

  @Test(
    "a healthy canary (before minute 4) passes two measurements and the rollout steps to 50 %",
    arguments: StoreUnderTest.all)
  func healthyCanaryProceeds(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock, tier: .high)
    try rollout(store)
    let driver = RolloutDriver(
      artefact: "support-bot", store: store, actor: OperatorIdentity(name: "driver"),
      samples: try Self.samples(fromMinute: 0, toMinute: 4))
    clock.advance(milliseconds: minute)
    #expect(try driver.step().verdict?.outcome == .pass)
    clock.advance(milliseconds: minute)
    let second = try driver.step()
    #expect(second.verdict?.outcome == .pass)
    #expect(second.rollout?.state.canaryWeight == 50 && second.rollout?.state.phase == .paused)
  }
}

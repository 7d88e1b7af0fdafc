import FlightDeckTestSupport
import Testing

@testable import FlightDeckCore

/// The simulator following a registry's running rollout: weight, shadow
/// mirror and routing key come from the plan, and stop with it.
@Suite("Registry traffic follower")
struct RegistryTrafficFollowerTests {
  typealias F = RegistryFixture

  /// support-bot with stable v12 and canary v13 at 100 req/s.
  static func scenario() -> Scenario {
    Scenario(
      name: "t", rate: 100,
      artefacts: [
        ScenarioArtefact(
          name: "support-bot", kind: .agent, share: 1, stable: SimulationFixtures.version("v12"),
          canary: SimulationFixtures.version("v13"), canaryWeight: 0)
      ])
  }

  @Test("a running plan's weight and 50 % shadow mirror reach the telemetry; the abort stops both")
  func followsThePlan() throws {
    let clock = TestClock()
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(store, clock: clock, tier: .high)
    let plan = try RolloutPlan(
      artefact: "support-bot", canaryVersion: "v13", steps: [.setWeight(percent: 10), .pauseUntilPromoted],
      shadowMirror: 0.5, routingKey: .request)
    _ = try store.perform(.startRollout(plan), as: F.alice)

    let start = SimulationFixtures.start
    var sim = TrafficSimulator(scenario: Self.scenario(), seed: 11, start: start)
    var follower = RegistryTrafficFollower(store: store)
    follower.apply(to: &sim)
    let during = sim.records(until: start.adding(milliseconds: 100_000))
    let users = during.filter { $0.route != .shadow }
    let canary = users.filter { $0.route == .canary }
    let stable = users.filter { $0.route == .stable }
    let mirrored = during.filter { $0.route == .shadow }
    #expect(Set(canary.map(\.version)) == ["v13"] && Set(mirrored.map(\.version)) == ["v13"])
    // ≈ 10 000 requests: 10 % canary (sigma 0.3 points), and half of the
    // other ≈ 9 000 mirrored (sigma 0.5 points); 3 sigma bounds.
    #expect(abs(Double(canary.count) / Double(users.count) - 0.10) < 0.009)
    #expect(abs(Double(mirrored.count) / Double(stable.count) - 0.5) < 0.016)

    _ = try store.perform(.rolloutEvent(artefact: "support-bot", event: .abort(reason: "test")), as: F.alice)
    follower.apply(to: &sim)
    let after = sim.records(until: start.adding(milliseconds: 130_000))
    #expect(!after.isEmpty && after.allSatisfy { $0.route == .stable && $0.version == "v12" })
  }

  @Test("the driver judges the canary's shadow traffic when it served no user-facing request")
  func shadowOnlyIsJudgedAsShadow() throws {
    let store = try SQLiteRegistryStore.inMemory(clock: TestClock())
    let driver = RolloutDriver(
      artefact: "support-bot", store: store, actor: F.alice, samples: { _ in nil })
    let t = SimulationFixtures.start
    var c = AnalysisSampleCollector(artefact: "support-bot", from: t, to: t.adding(milliseconds: 60_000))
    var sim = TrafficSimulator(scenario: Self.scenario(), seed: 1, start: t)
    sim.serve(artefact: "support-bot", production: "v12", canaryWeightPercent: 0, canaryMirror: 0.3)
    for r in sim.records(until: t.adding(milliseconds: 10_000)) { c.add(r) }
    #expect(driver.canaryRoute(c, "v13") == .shadow)
    sim.serve(artefact: "support-bot", production: "v12", canaryWeightPercent: 20, canaryMirror: 0.3)
    for r in sim.records(until: t.adding(milliseconds: 20_000)) { c.add(r) }
    #expect(driver.canaryRoute(c, "v13") == .canary)
    #expect(driver.canaryRoute(nil, "v13") == .canary)
  }
}

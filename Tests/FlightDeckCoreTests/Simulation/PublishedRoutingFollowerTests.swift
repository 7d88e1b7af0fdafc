import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// The simulator routing by a published routing file, not by the store: a
/// decision reaches the traffic once published, and a hand edit of the file
/// reaches it too.
@Suite("Published routing follower")
struct PublishedRoutingFollowerTests {
  typealias F = RegistryFixture
  typealias R = PublishedRoutingFollower.Registered

  @Test("published weights map onto the simulator's stable and canary profiles (worked by hand)")
  func mapping() {
    // The scenario's profiles: stable v12, canary v13; the store's roles as given.
    let roles = R(stable: "v12", canary: "v13", mirror: 0.25, routing: .request)
    func serving(_ w: [String: Int]?, _ r: R = roles) -> (String, Double)? {
      PublishedRoutingFollower.serving(published: w, registered: r, profiles: ("v12", "v13")).map {
        ($0.production, $0.canaryWeightPercent)
      }
    }
    // As published: 90/10.
    #expect(serving(["v12": 90, "v13": 10])! == ("v12", 10))
    // A hand edit: 80/20.
    #expect(serving(["v12": 80, "v13": 20])! == ("v12", 20))
    // Relative weights (an HTTPRoute's 900/100; a LiteLLM file edited to 3/1): 100 · 1 / 4 = 25.
    #expect(serving(["v12": 900, "v13": 100])! == ("v12", 10))
    #expect(serving(["v12": 3, "v13": 1])! == ("v12", 25))
    // The canary at 100 % (stable left out at 0): production stays v12, every request the canary's.
    #expect(serving(["v13": 100])! == ("v12", 100))
    #expect(serving(["v12": 0, "v13": 7])! == ("v12", 100))
    // A rollback written by hand: v11 gets everything; no canary share.
    #expect(serving(["v11": 100])! == ("v11", 0))
    // Two other versions: the heavier, ties by the smaller label; the canary keeps its share (1/4).
    #expect(serving(["v10": 1, "v11": 2, "v13": 1])! == ("v11", 25))
    #expect(serving(["v11": 2, "v10": 2])! == ("v10", 0))
    // After the promotion is published: production v13, no canary (the pointer is on production).
    #expect(serving(["v13": 100], R(stable: "v13", canary: nil))! == ("v13", 0))
    // After it, the old version given 20 % back by hand: v12 on the stable profile, v13 on the canary's at 80 %.
    #expect(serving(["v13": 80, "v12": 20], R(stable: "v13", canary: nil))! == ("v12", 80))
    // A store canary the scenario does not simulate still gets its share (on the canary profile).
    #expect(serving(["v12": 75, "v20": 25], R(stable: "v12", canary: "v20"))! == ("v12", 25))
    // Nothing to follow: the file does not name the artefact, gives it nothing, or no production.
    #expect(serving(nil) == nil)
    #expect(serving(["v12": 0, "v13": 0]) == nil)
    #expect(serving(["v12": 100], R(stable: nil, canary: nil)) == nil)
    // The rollout's mirror and routing key come from the store.
    let s = PublishedRoutingFollower.serving(
      published: ["v12": 100], registered: roles, profiles: ("v12", "v13"))
    #expect(s?.mirror == 0.25 && s?.routing == .request)
  }

  /// support-bot with production v12 and canary v13 at `weight` %, published to a LiteLLM file.
  static func published(weight: Int, folder: String, clock: TestClock) throws -> (
    SQLiteRegistryStore, RoutingPublisher
  ) {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(store, clock: clock, tier: .low)
    _ = try store.run(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .canary, reason: "canary", expectedFrom: nil,
        override: F.gatesNotUnderTest), as: F.alice)
    _ = try store.run(.setCanaryWeight(artefact: "support-bot", percent: weight, reason: "step"), as: F.alice)
    let publisher = RoutingPublisher(
      store: store,
      configuration: RoutingConfiguration(targets: [
        RoutingTarget(name: "litellm", kind: .litellm, path: folder + "/litellm.yaml")
      ]),
      clock: clock)
    return (store, publisher)
  }

  /// The canary's share of the user-facing requests in `records`.
  static func canaryShare(_ records: [TelemetryRecord]) -> Double {
    let users = records.filter { $0.route != .shadow }
    return Double(users.filter { $0.route == .canary }.count) / Double(max(1, users.count))
  }

  @Test("the traffic moves when the file does: a decision once published, a hand edit at once")
  func followsTheFileNotTheStore() throws {
    let folder = try F.temporaryDirectory()
    let clock = TestClock()
    let (store, publisher) = try Self.published(weight: 10, folder: folder, clock: clock)
    let target = publisher.configuration.targets[0]
    let start = SimulationFixtures.start
    var sim = TrafficSimulator(scenario: RegistryTrafficFollowerTests.scenario(), seed: 7, start: start)
    var follower = PublishedRoutingFollower(store: store, target: target)

    // No file yet: the scenario's own split (canary at 0 %).
    follower.apply(to: &sim)
    #expect(Self.canaryShare(sim.records(until: start.adding(milliseconds: 20_000))) == 0)

    // Published at 10 %: ≈ 10 000 requests per 100 s, sigma 0.3 points; 3 sigma bounds.
    #expect(publisher.step().published == 1)
    follower.apply(to: &sim)
    let published = sim.records(until: start.adding(milliseconds: 120_000))
    #expect(abs(Self.canaryShare(published) - 0.10) < 0.009)

    // A decision not yet published does not move the traffic…
    _ = try store.run(.setCanaryWeight(artefact: "support-bot", percent: 50, reason: "step"), as: F.alice)
    follower.apply(to: &sim)
    let owed = sim.records(until: start.adding(milliseconds: 220_000))
    #expect(abs(Self.canaryShare(owed) - 0.10) < 0.009)
    // …the publish does.
    #expect(publisher.step().published == 1)
    follower.apply(to: &sim)
    let moved = sim.records(until: start.adding(milliseconds: 320_000))
    #expect(abs(Self.canaryShare(moved) - 0.50) < 0.015)

    // A hand edit of the file (50 → 20 for v13, 50 → 80 for v12) moves it without any decision.
    let path = target.path
    try """
    model_list:
    - model_name: support-bot
      litellm_params: {model: openai/support-bot-v12, weight: 80}
      model_info: {id: support-bot@v12}
    - model_name: support-bot
      litellm_params: {model: openai/support-bot-v13, weight: 20}
      model_info: {id: support-bot@v13}

    """.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(
      try RoutingRenderer.weights(in: Data(contentsOf: URL(fileURLWithPath: path)), for: target) == [
        "support-bot": ["v12": 80, "v13": 20]
      ])
    follower.apply(to: &sim)
    let edited = sim.records(until: start.adding(milliseconds: 420_000))
    #expect(abs(Self.canaryShare(edited) - 0.20) < 0.012)

    // A file that no longer parses leaves the traffic as it was, and says why.
    try "model_list: [".write(toFile: path, atomically: true, encoding: .utf8)
    follower.apply(to: &sim)
    #expect(follower.problem?.contains("not YAML") == true)
    let broken = sim.records(until: start.adding(milliseconds: 520_000))
    #expect(abs(Self.canaryShare(broken) - 0.20) < 0.012)
  }
}

import Testing

@testable import FlightDeckCore

@Suite("TrafficRouter: weighted, sticky and shadow routing")
struct TrafficRouterTests {
  /// User-facing records of `scenario` over `seconds` virtual seconds.
  private func run(_ scenario: Scenario, seed: UInt64, seconds: Int64) -> [TelemetryRecord] {
    var simulator = TrafficSimulator(scenario: scenario, seed: seed, start: SimulationFixtures.start)
    return simulator.records(until: SimulationFixtures.start.adding(milliseconds: seconds * 1000))
  }

  @Test(
    "without sessions the split over 100 000 requests is within 1 point of the weight",
    arguments: [10.0, 25.0, 50.0])
  func weightedSplit(weight: Double) {
    // 100 req/s for 1000 s ≈ 100 000 requests. Binomial sd of the canary share:
    // sqrt(p(1−p)/n) ≤ sqrt(0.25/100000) = 0.158 points, so 1 point is ≥ 6.3 sd.
    for seed: UInt64 in [1, 42, 9_001] {
      let records = run(SimulationFixtures.scenario(canaryWeight: weight), seed: seed, seconds: 1000)
      #expect(records.count > 98_000)
      let canary = records.filter { $0.route == .canary }
      #expect(canary.allSatisfy { $0.version == "v2" })
      #expect(records.filter { $0.route == .stable }.allSatisfy { $0.version == "v1" })
      let share = 100 * Double(canary.count) / Double(records.count)
      #expect(abs(share - weight) < 1, "seed \(seed): canary share \(share) % for weight \(weight) %")
    }
  }

  @Test("with sessions every request of a session stays on one version, and sessions split by weight")
  func stickySessions() {
    // 200 open sessions × 5 requests each; 100 req/s for 1000 s ≈ 100 000 requests
    // ≈ 20 000 distinct sessions. Each session is canary with p = 0.25 (its
    // hash bucket < 25), so the session share has binomial sd
    // sqrt(0.25·0.75/20000) = 0.31 points; allow 2 points (≈ 6.5 sd).
    let scenario = SimulationFixtures.scenario(
      canaryWeight: 25, sessions: ScenarioSessions(concurrent: 200, requestsPerSession: 5))
    let records = run(scenario, seed: 3, seconds: 1000)
    var versionOfSession: [String: String] = [:]
    var conflicts = 0
    for record in records {
      guard let session = record.sessionID else {
        Issue.record("record without session id")
        continue
      }
      if let seen = versionOfSession[session], seen != record.version { conflicts += 1 }
      versionOfSession[session] = record.version
    }
    #expect(conflicts == 0)
    #expect(versionOfSession.count > 19_000)
    let canarySessions = versionOfSession.values.filter { $0 == "v2" }.count
    let share = 100 * Double(canarySessions) / Double(versionOfSession.count)
    #expect(abs(share - 25) < 2, "canary session share \(share) %")
    // The route is the one the hash bucket dictates: bucket < 25 ⇔ canary.
    for (session, version) in versionOfSession.prefix(500) {
      #expect((StableHash.bucket(forKey: session) < 25) == (version == "v2"))
    }
  }

  @Test("raising the weight only moves sessions from stable to canary")
  func monotoneStickiness() {
    var generator = SplitMix64(seed: 0)
    let keys = (0..<5000).map { "user-\($0)" }
    let at10 = TrafficRouter(canaryWeight: 10)
    let at50 = TrafficRouter(canaryWeight: 50)
    for key in keys where at10.route(routingKey: key, using: &generator) == .canary {
      #expect(at50.route(routingKey: key, using: &generator) == .canary)
    }
  }

  @Test("weight 0 sends no canary traffic; weight 100 sends no stable traffic")
  func extremeWeights() {
    for sessions in [nil, ScenarioSessions(concurrent: 50, requestsPerSession: 3)] {
      let none = run(SimulationFixtures.scenario(canaryWeight: 0, sessions: sessions), seed: 8, seconds: 100)
      #expect(none.count > 9000)  // 100 req/s · 100 s ≈ 10 000
      #expect(none.allSatisfy { $0.route == .stable && $0.version == "v1" })
      let all = run(SimulationFixtures.scenario(canaryWeight: 100, sessions: sessions), seed: 8, seconds: 100)
      #expect(all.count > 9000)
      #expect(all.allSatisfy { $0.route == .canary && $0.version == "v2" })
    }
  }

  @Test("shadow copies: fraction within tolerance, route shadow, shadow version, same timing and session")
  func shadowMirror() {
    // Mirror 0.2 over ≈ 100 000 user-facing requests: sd sqrt(0.2·0.8/100000)
    // = 0.126 points; allow 1 point (≈ 8 sd).
    let scenario = SimulationFixtures.scenario(
      canaryWeight: 10, mirror: 0.2, sessions: ScenarioSessions(concurrent: 100, requestsPerSession: 4))
    let records = run(scenario, seed: 21, seconds: 1000)
    let userFacing = records.filter { $0.route != .shadow }
    let shadows = records.filter { $0.route == .shadow }
    let share = 100 * Double(shadows.count) / Double(userFacing.count)
    #expect(abs(share - 20) < 1, "mirror share \(share) %")
    #expect(shadows.allSatisfy { $0.version == "s1" })
    // Each shadow record directly follows the request it mirrors.
    var checked = 0
    for index in records.indices where records[index].route == .shadow {
      let original = records[index - 1]
      #expect(original.route != .shadow)
      #expect(records[index].requestID == original.requestID + "-shadow")
      #expect(records[index].timestamp == original.timestamp)
      #expect(records[index].sessionID == original.sessionID)
      checked += 1
    }
    #expect(checked == shadows.count)
    // Shadow cost is real: every shadow record is priced.
    #expect(shadows.allSatisfy { ($0.costUSD ?? 0) > 0 })
  }
}

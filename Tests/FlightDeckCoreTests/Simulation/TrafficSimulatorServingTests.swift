import Testing

@testable import FlightDeckCore

/// The simulator following a registry: promotion, rollback, canary weight.
@Suite("Traffic simulator serving as the registry says")
struct TrafficSimulatorServingTests {
  /// Counts records by (version, route) over the next `seconds` of virtual time.
  private func counts(
    _ sim: inout TrafficSimulator, from start: Timestamp, seconds: Int64
  ) -> [String: Int] {
    var out: [String: Int] = [:]
    for r in sim.records(until: start.adding(milliseconds: seconds * 1000)) {
      out["\(r.version)/\(r.route.rawValue)", default: 0] += 1
    }
    return out
  }

  @Test("promoting the canary's version sends every request to it, recorded as stable")
  func promotion() {
    let start = SimulationFixtures.start
    var sim = TrafficSimulator(scenario: SimulationFixtures.scenario(canaryWeight: 10), seed: 3, start: start)
    sim.serve(artefact: "bot", production: "v2", canaryWeightPercent: nil)
    let c = counts(&sim, from: start, seconds: 60)
    // 100 req/s for 60 s: every record is v2 on the stable route.
    #expect(c.keys.sorted() == ["v2/stable"])
    #expect(c["v2/stable", default: 0] > 5000)
  }

  @Test("a rollback to a label the scenario does not know is served by the stable profile under that label")
  func rollbackLabel() {
    let start = SimulationFixtures.start
    var sim = TrafficSimulator(scenario: SimulationFixtures.scenario(canaryWeight: 10), seed: 3, start: start)
    sim.serve(artefact: "bot", production: "v0", canaryWeightPercent: 0)
    let c = counts(&sim, from: start, seconds: 60)
    // Weight 0: no canary record at all; stable traffic is labelled v0.
    #expect(c.keys.sorted() == ["v0/stable"])
  }

  @Test("a canary weight from the registry replaces the scenario's (50 % ± 3 sigma)")
  func weight() {
    let start = SimulationFixtures.start
    var sim = TrafficSimulator(scenario: SimulationFixtures.scenario(canaryWeight: 10), seed: 5, start: start)
    sim.serve(artefact: "bot", production: "v1", canaryWeightPercent: 50)
    let c = counts(&sim, from: start, seconds: 100)
    let canary = Double(c["v2/canary", default: 0])
    let total = canary + Double(c["v1/stable", default: 0])
    // Binomial(n ≈ 10 000, 0.5): sigma = sqrt(n · 0.25) ≈ 50, so 3 sigma ≈ 1.5 % of n.
    #expect(abs(canary / total - 0.5) < 0.015)
  }

  @Test("serving the stable version again restores the scenario's split")
  func restore() {
    let start = SimulationFixtures.start
    var sim = TrafficSimulator(scenario: SimulationFixtures.scenario(canaryWeight: 10), seed: 3, start: start)
    sim.serve(artefact: "bot", production: "v2", canaryWeightPercent: nil)
    _ = counts(&sim, from: start, seconds: 10)
    sim.serve(artefact: "bot", production: "v1", canaryWeightPercent: nil)
    let c = counts(&sim, from: start.adding(milliseconds: 10_000), seconds: 60)
    #expect(Set(c.keys) == ["v1/stable", "v2/canary"])
  }

  @Test("promoting the shadow's version serves users from it and stops mirroring")
  func shadowPromotion() {
    let start = SimulationFixtures.start
    var sim = TrafficSimulator(scenario: SimulationFixtures.scenario(mirror: 0.2), seed: 3, start: start)
    sim.serve(artefact: "bot", production: "s1", canaryWeightPercent: nil)
    let c = counts(&sim, from: start, seconds: 60)
    // Every record is s1 on the stable route: no v1, no shadow copies.
    #expect(c.keys.sorted() == ["s1/stable"])
  }

  @Test("a rollout plan's shadow mirror copies 25 % of the other requests to the canary's version as shadow")
  func canaryMirror() {
    let start = SimulationFixtures.start
    var sim = TrafficSimulator(scenario: SimulationFixtures.scenario(canaryWeight: 10), seed: 7, start: start)
    sim.serve(artefact: "bot", production: "v1", canaryWeightPercent: 0, canaryMirror: 0.25)
    var records = sim.records(until: start.adding(milliseconds: 100_000))
    let users = records.filter { $0.route != .shadow }
    let mirrored = records.filter { $0.route == .shadow }
    // Weight 0: every user-facing request is v1; the copies are v2 on the
    // shadow route, each right after its request, id suffixed "-mirror".
    #expect(Set(users.map(\.version)) == ["v1"])
    #expect(Set(mirrored.map(\.version)) == ["v2"])
    #expect(mirrored.allSatisfy { $0.requestID.hasSuffix("-mirror") })
    // Binomial(n ≈ 10 000, 0.25): sigma = sqrt(n · 0.1875) ≈ 43, 3 sigma ≈ 1.3 % of n.
    #expect(abs(Double(mirrored.count) / Double(users.count) - 0.25) < 0.013)
    // The rollout finished (serve without a mirror): no more copies.
    sim.serve(artefact: "bot", production: "v1", canaryWeightPercent: 0)
    records = sim.records(until: start.adding(milliseconds: 160_000))
    #expect(!records.isEmpty && records.allSatisfy { $0.route == .stable })
  }

  @Test("a plan's routing key `request` unsticks sessions: one session reaches both versions")
  func perRequestRouting() {
    let start = SimulationFixtures.start
    let sessions = ScenarioSessions(concurrent: 20, requestsPerSession: 50)
    var sticky = TrafficSimulator(
      scenario: SimulationFixtures.scenario(canaryWeight: 50, sessions: sessions), seed: 9, start: start)
    var loose = sticky
    loose.serve(artefact: "bot", production: "v1", canaryWeightPercent: 50, routing: .request)
    func sessionsOnBoth(_ records: [TelemetryRecord]) -> Int {
      var versions: [String: Set<String>] = [:]
      for r in records { versions[r.sessionID ?? "", default: []].insert(r.version) }
      return versions.values.filter { $0.count == 2 }.count
    }
    // Sticky (the scenario's default): a session hashes to one version.
    #expect(sessionsOnBoth(sticky.records(until: start.adding(milliseconds: 30_000))) == 0)
    // Per request at 50 %: a session with k requests stays on one version with
    // probability 2 · 0.5^k; with ~50 requests each, essentially every session mixes.
    #expect(sessionsOnBoth(loose.records(until: start.adding(milliseconds: 30_000))) > 20)
  }
}

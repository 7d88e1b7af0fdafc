import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// ``RegistryAsOf`` on a small history whose every instant is known by
/// construction: the clock is set to whole minutes before each command, so
/// what was true at each minute is written down here by hand.
@Suite("Registry as of an instant")
struct RegistryAsOfTests {
  /// 2025-06-01T00:00:00Z plus `minutes`.
  static func at(_ minutes: Int64) -> Timestamp {
    Timestamp(millisecondsSinceEpoch: 1_748_736_000_000 + minutes * 60_000)
  }

  /// The seeded support-bot (production v12, via REQ-1 and REQ-2, in the
  /// first seconds), then:
  /// - 10 min: alice asks for v13 in production (REQ-3, 2 approvals);
  ///   20 min: bob approves; 30 min: carol approves (applied: v13 in production);
  /// - 40 min: a silence until 100 min; 50 min: expired early;
  /// - 60 min: INC-1 opened by hand, SEV3, no commander; 70 min: commander
  ///   dave; 80 min: SEV1; 90 min: resolved.
  static func history() throws -> SQLiteRegistryStore {
    let clock = TestClock()
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try RegistryFixture.seed(store, clock: clock)
    func run(_ minutes: Int64, _ command: RegistryCommand, _ who: OperatorIdentity) throws {
      clock.set(at(minutes))
      _ = try store.run(command, as: who)
    }
    try run(
      10,
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .production, reason: "ship v13", expectedFrom: nil,
        override: RegistryFixture.gatesNotUnderTest), RegistryFixture.alice)
    try run(20, .approve(requestID: 3, comment: "ok"), RegistryFixture.bob)
    try run(30, .approve(requestID: 3, comment: "ok"), RegistryFixture.carol)
    try run(
      40,
      .createSilence(
        matchers: [AlertLabelMatcher(name: "artefact", op: .equal, value: "support-bot")], startsAt: at(40),
        endsAt: at(100), comment: "maintenance"), RegistryFixture.alice)
    try run(50, .expireSilence(id: 1), RegistryFixture.alice)
    try run(
      60,
      .openIncident(
        title: "answers wrong", severity: .sev3, commander: nil,
        links: IncidentLinks(artefacts: ["support-bot"]), source: .manual), RegistryFixture.alice)
    try run(70, .assignIncident(id: 1, commander: "dave"), RegistryFixture.alice)
    try run(80, .setIncidentSeverity(id: 1, severity: .sev1), RegistryFixture.alice)
    try run(90, .resolveIncident(id: 1, note: "fixed"), RegistryFixture.alice)
    return store
  }

  @Test(
    "a request decided later reads pending with the decisions taken by then; the pointer moves when applied")
  func requestsAndPointers() throws {
    let view = try RegistryAsOf.load(from: try Self.history())
    #expect(view.snapshot(at: Self.at(9)).requests.map(\.id).contains(3) == false)
    let states = [10, 20, 29, 30].map { m -> (String, [String], String?) in
      let s = view.snapshot(at: Self.at(Int64(m)))
      let r = s.requests.first { $0.id == 3 }
      return (
        r?.state.rawValue ?? "-", r?.decisions.map(\.actor) ?? [],
        s.artefact("support-bot")?.pointers[.production]
      )
    }
    #expect(states[0] == ("pending", [], "v12"))
    #expect(states[1] == ("pending", ["bob"], "v12"))
    #expect(states[2] == ("pending", ["bob"], "v12"))
    #expect(states[3] == ("applied", ["bob", "carol"], "v13"))
    #expect(view.pointerHistory(artefact: "support-bot", at: Self.at(29)).last?.toVersion == "v12")
  }

  @Test("a silence expired early keeps the end it had until it was expired")
  func silences() throws {
    let view = try RegistryAsOf.load(from: try Self.history())
    #expect(view.silences(at: Self.at(39), includeExpired: true).isEmpty)
    #expect(view.silences(at: Self.at(45), includeExpired: false).map(\.endsAt) == [Self.at(100)])
    #expect(view.silences(at: Self.at(50), includeExpired: false).isEmpty)
    #expect(view.silences(at: Self.at(95), includeExpired: true).map(\.endsAt) == [Self.at(50)])
  }

  @Test("an incident's header as of each instant: state, severity, commander, resolution")
  func incidents() throws {
    let view = try RegistryAsOf.load(from: try Self.history())
    #expect(view.incident(id: 1, at: Self.at(59)) == nil)
    func header(_ m: Int64) -> String {
      guard let i = view.incident(id: 1, at: Self.at(m)) else { return "-" }
      return
        "\(i.state.rawValue) \(i.severity.rawValue) \(i.commander ?? "none") \(i.resolvedAt.map { _ in "R" } ?? "")"
    }
    #expect(header(60) == "triggered SEV3 none ")
    #expect(header(75) == "triggered SEV3 dave ")
    #expect(header(85) == "triggered SEV1 dave ")
    #expect(header(90) == "resolved SEV1 dave R")
    #expect(view.incidents(at: Self.at(59)).isEmpty && view.incidents(at: Self.at(60)).count == 1)
  }

  @Test("an alert that fired again and joined an open incident is linked only from its firing on")
  func joinedAlertLinkedFromItsFiring() throws {
    let clock = TestClock()
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try RegistryFixture.seed(store, clock: clock)
    // The alert fires at 59 min (INC-1 opens at 60), resolves in a gap and
    // fires again at 74 min, joining INC-1 at 75 min.
    for (firing, opened) in [(Int64(59), Int64(60)), (74, 75)] {
      clock.set(Self.at(opened))
      let link = IncidentAlertLink(
        rule: "CanaryErrors", fingerprint: "9f2c01", labels: ["severity": "page"],
        firingSince: Self.at(firing))
      _ = try store.perform(
        .openIncident(
          title: "CanaryErrors", severity: .sev2, commander: nil, links: IncidentLinks(alerts: [link]),
          source: .alert),
        as: .system(.alerting))
    }
    let view = try RegistryAsOf.load(from: store)
    #expect(try store.incidents(states: nil, limit: 10).count == 1)
    #expect(view.incident(id: 1, at: Self.at(70))?.links.alerts.map(\.firingSince) == [Self.at(59)])
    #expect(
      view.incident(id: 1, at: Self.at(80))?.links.alerts.map(\.firingSince).sorted() == [
        Self.at(59), Self.at(74),
      ])
  }
}

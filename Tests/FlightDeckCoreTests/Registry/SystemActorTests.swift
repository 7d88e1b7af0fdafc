import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// Honest attribution: what the rollout controller, the judge and alerting
/// do is recorded as FlightDeck's own named actors (`system:…`), never as
/// the user running the dashboard, with the operator who started the
/// rollout in the entry; no human can take those names, and the actors
/// cannot do what only an operator does.
@Suite struct SystemActorTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let minute: Int64 = 60_000

  /// support-bot (tier high, gates passed on v13); alice starts a rollout
  /// of v13: weight 10 %, a 1-minute analysis, weight 50 % for a minute, then production.
  func started(_ backend: StoreUnderTest) throws -> any RegistryStore {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock, tier: .high)
    try F.passGates(store, "support-bot", ["v13"], tier: .high)
    let plan = try RolloutPlan(
      artefact: "support-bot", canaryVersion: "v13",
      steps: [
        .setWeight(percent: 10), .analysis(intervalMs: minute, policy: AnalysisPolicy(count: 1)),
        .setWeight(percent: 50), .pause(durationMs: minute),
      ])
    _ = try store.perform(.startRollout(plan), as: F.alice)
    return store
  }

  @Test(
    "controller steps and the judge's verdict are the controller's, naming alice who started the rollout",
    arguments: StoreUnderTest.all)
  func controllerStepsAreTheControllers(_ backend: StoreUnderTest) throws {
    let store = try started(backend)
    let before = try store.auditEntries(since: nil).count
    // The driver as the dashboard's autopilot runs it: no identity given.
    let driver = RolloutDriver(
      artefact: "support-bot", store: store,
      samples: try RolloutDriverTests.samples(fromMinute: 0, toMinute: 4))
    clock.advance(milliseconds: minute)
    let step = try driver.step()
    #expect(step.verdict?.outcome == .pass && step.rollout?.state.canaryWeight == 50)
    // The pause ends: the production request is filed and the rollout holds for its approval.
    clock.advance(milliseconds: minute)
    _ = try driver.step()
    let entries = Array(try store.auditEntries(since: nil).dropFirst(before))
    #expect(
      entries.map(\.action) == [
        .rolloutTick, .rolloutMeasurement, .canaryWeight, .requestCreate, .rolloutPause,
      ])
    #expect(entries.allSatisfy { $0.actor == "system:rollout-controller" })
    for e in entries where e.action.rawValue.hasPrefix("rollout.") {
      #expect(e.after?.contains(#""started_by":"alice""#) == true)
    }
    // The tick that only asked for the measurement changed nothing (equal
    // before and after), so an incident's timeline leaves it out.
    #expect(entries[0].before == entries[0].after)
    let incident = Incident(
      id: 1, title: "t", severity: .sev2, state: .triggered, commander: nil, source: .manual,
      openedAt: clock.now(), openedBy: "bob", links: IncidentLinks(artefacts: ["support-bot"]))
    let timeline = IncidentTimeline.build(incident: incident, entries: entries, now: clock.now())
    #expect(timeline.map(\.kind) == [.rollout, .canaryWeight, .request, .rollout])
    #expect(timeline.allSatisfy { $0.actor == "system:rollout-controller" })
    // The request is alice's for four-eyes: she cannot approve it herself.
    let request = try #require(
      try store.requests(artefact: "support-bot", states: [.pending], limit: 5).first)
    #expect(request.requester == "alice")
    #expect(entries.first { $0.action == .requestCreate }?.after?.contains(#""requester":"alice""#) == true)
    try F.expectRefusal(store, .approve(requestID: request.id, comment: "lgtm"), as: F.alice, .fourEyes)
    #expect(try store.verifyAudit().isIntact)
  }

  @Test(
    "a human cannot take a system actor's name (FLIGHTDECK_USER=system:…)",
    arguments: ["system:rollout-controller", "system:alerting", "system:registry", "system:anything"])
  func reservedNamesAreRefusedForHumans(_ name: String) throws {
    let store = try started(.sqlite)
    let impostor = OperatorIdentity.current(environment: ["FLIGHTDECK_USER": name])
    #expect(impostor.name == name)
    let message = try F.expectRefusal(
      store, .rolloutEvent(artefact: "support-bot", event: .tick), as: impostor,
      .invalidInput(field: "operator"))
    #expect(message.contains("reserved for FlightDeck's own actors"))
  }

  @Test(
    "an identity decoded from outside the process is never a system actor", arguments: SystemActor.allCases)
  func decodedIdentitiesAreHuman(_ actor: SystemActor) throws {
    let store = try started(.sqlite)
    let decoded = try JSONDecoder().decode(
      OperatorIdentity.self, from: try JSONEncoder().encode(OperatorIdentity.system(actor)))
    #expect(decoded.systemActor == nil && decoded.name == actor.rawValue)
    try F.expectRefusal(
      store, .rolloutEvent(artefact: "support-bot", event: .tick), as: decoded,
      .invalidInput(field: "operator"))
  }

  @Test(
    "system actors only do their job: no approvals, promotions or aborts, whatever the roles table says",
    arguments: StoreUnderTest.all)
  func systemActorsCannotActForOperators(_ backend: StoreUnderTest) throws {
    let store = try started(backend)
    _ = try store.perform(
      .applyConfiguration(
        policy: .standard, roles: ["release-manager": ["dave", "system:rollout-controller"]]),
      as: F.dave)
    clock.advance(milliseconds: minute)
    let controller = OperatorIdentity.system(.rolloutController)
    for command: RegistryCommand in [
      .rolloutEvent(artefact: "support-bot", event: .promote(full: true)),
      .rolloutEvent(artefact: "support-bot", event: .abort(reason: "no")),
      .approve(requestID: 1, comment: ""),
      .openIncident(title: "x", severity: .sev2, commander: nil, links: IncidentLinks(), source: .manual),
    ] {
      try F.expectRefusal(store, command, as: controller, .notApplicable)
    }
    try F.expectRefusal(
      store, .rolloutEvent(artefact: "support-bot", event: .tick), as: .system(.alerting), .notApplicable)
    // Its own job it does, with no roles.
    let tick = try store.perform(.rolloutEvent(artefact: "support-bot", event: .tick), as: controller)
    #expect(tick.rollout != nil)
  }

  @Test("incidents opened from alerts and alert transitions are alerting's", arguments: StoreUnderTest.all)
  func alertIncidentsAreAlertings(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    var i = AlertInstance(
      ruleName: "CanaryErrors", group: "g",
      labels: ["alertname": "CanaryErrors", "artefact": "support-bot", "severity": "page"])
    i.state = .firing
    i.firedAt = clock.now()
    let report = AlertKeeper(configuration: AlertConfiguration(), store: store).record([
      AlertTransition(from: nil, instance: i, at: clock.now())
    ])
    #expect(report.problems.isEmpty)
    let incident = try #require(report.incidents.first)
    #expect(incident.openedBy == "system:alerting")
    let entries = try store.auditEntries(since: nil).suffix(2)
    #expect(entries.map(\.action) == [.alertFiring, .incidentOpen])
    #expect(entries.map(\.actor) == ["system:alerting", "system:alerting"])
  }
}

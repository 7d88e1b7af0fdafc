import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// Incidents in the registry store: the life cycle with its times, the
/// refusals (each leaving the store unchanged), skipped stages, and at most
/// one incident per alert firing across two stores on one file.
@Suite struct IncidentStoreTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let scratch = RegistryScratch()
  let minute: Int64 = 60_000

  func seeded(_ backend: StoreUnderTest) throws -> any RegistryStore {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    return store
  }

  func open(
    _ store: some RegistryStore, title: String = "support-bot answers slowly",
    severity: IncidentSeverity = .sev2,
    links: IncidentLinks = IncidentLinks(versions: [
      IncidentVersionLink(artefact: "support-bot", label: "v12")
    ]),
    source: IncidentSource = .manual, as who: OperatorIdentity = RegistryFixture.alice
  ) throws -> RegistryOutcome {
    try store.perform(
      .openIncident(title: title, severity: severity, commander: nil, links: links, source: source), as: who)
  }

  @Test(arguments: StoreUnderTest.all) func lifeCycleKeepsItsTimesAndAuditsEveryStep(
    _ backend: StoreUnderTest
  ) throws {
    let store = try seeded(backend)
    let before = try store.auditEntries(since: nil).count
    let t0 = clock.now()
    let opened = try open(store)
    let inc = try #require(opened.incident)
    #expect(inc.id == 1 && inc.displayID == "INC-1" && inc.state == .triggered && inc.openedBy == "alice")
    #expect(inc.openedAt == t0 && inc.source == .manual && inc.links.allArtefacts == ["support-bot"])
    #expect(opened.message == "INC-1 opened (SEV2): support-bot answers slowly")

    clock.advance(milliseconds: 2 * minute)
    _ = try store.perform(.acknowledgeIncident(id: 1), as: F.bob)
    _ = try store.perform(.assignIncident(id: 1, commander: "carol"), as: F.bob)
    // Assigning the same commander again changes nothing and audits nothing.
    let same = try store.perform(.assignIncident(id: 1, commander: "carol"), as: F.bob)
    #expect(!same.changed)
    _ = try store.perform(.addIncidentNote(id: 1, text: "p95 doubled since 12:00"), as: F.carol)
    _ = try store.perform(.setIncidentSeverity(id: 1, severity: .sev1), as: F.carol)
    clock.advance(milliseconds: 5 * minute)
    _ = try store.perform(.mitigateIncident(id: 1, note: "rolled back"), as: F.carol)
    clock.advance(milliseconds: 10 * minute)
    let resolved = try #require(
      try store.perform(.resolveIncident(id: 1, note: "fixed"), as: F.carol).incident)

    // Acknowledged at 2 min, mitigated at 2 + 5 = 7 min, resolved at 7 + 10 = 17 min.
    #expect(resolved.state == .resolved && resolved.severity == .sev1 && resolved.commander == "carol")
    #expect(resolved.acknowledgedBy == "bob")
    #expect(resolved.timeToAcknowledgeMs == 120_000)
    #expect(resolved.timeToMitigateMs == 420_000)
    #expect(resolved.timeToResolveMs == 1_020_000)
    #expect(resolved.durationMs(now: clock.now().adding(milliseconds: 99_999)) == 1_020_000)
    #expect(resolved.timeToDetectMs == nil)
    #expect(try store.incident(id: 1) == resolved)

    let entries = Array(try store.auditEntries(since: nil).dropFirst(before))
    #expect(
      entries.map(\.action) == [
        .incidentOpen, .incidentAcknowledge, .incidentAssign, .incidentNote, .incidentSeverity,
        .incidentMitigate, .incidentResolve,
      ])
    #expect(entries.allSatisfy { $0.subject == "INC-1" })
    #expect(
      entries[0].after
        == #"{"alerts":[],"artefacts":["support-bot"],"commander":null,"rollouts":[],"severity":"SEV2","source":"manual","state":"triggered","title":"support-bot answers slowly","versions":["support-bot@v12"]}"#
    )
    #expect(entries[2].before == #"{"commander":null}"# && entries[2].after == #"{"commander":"carol"}"#)
    #expect(entries[3].reason == "p95 doubled since 12:00" && entries[3].actor == "carol")
    #expect(entries[4].before == #"{"severity":"SEV2"}"# && entries[4].after == #"{"severity":"SEV1"}"#)
    #expect(entries[6].before == #"{"state":"mitigated"}"# && entries[6].after == #"{"state":"resolved"}"#)
    #expect(try store.verifyAudit().isIntact)

    #expect(try store.incidents(states: [.resolved], limit: 10).map(\.id) == [1])
    #expect(try store.incidents(states: [.triggered, .acknowledged], limit: 10).isEmpty)
  }

  @Test(arguments: StoreUnderTest.all) func refusalsNameTheStateAndChangeNothing(_ backend: StoreUnderTest)
    throws
  {
    let store = try seeded(backend)
    _ = try open(store)
    clock.advance(milliseconds: 1000)
    _ = try store.perform(.acknowledgeIncident(id: 1), as: F.bob)
    // 2025-06-01T00:00:10Z after the seed's ten 1-s steps, + 1 s.
    let again = try F.expectRefusal(store, .acknowledgeIncident(id: 1), as: F.carol, .notApplicable)
    #expect(again == "INC-1 is already acknowledged (by bob at 00:00:11Z)")
    let unknown = try F.expectRefusal(store, .acknowledgeIncident(id: 99), as: F.carol, .notFound)
    #expect(unknown == "INC-99 does not exist")
    try F.expectRefusal(
      store,
      .openIncident(title: "  ", severity: .sev3, commander: nil, links: IncidentLinks(), source: .manual),
      as: F.alice, .invalidInput(field: "title"))
    try F.expectRefusal(
      store,
      .openIncident(title: "x", severity: .sev3, commander: nil, links: IncidentLinks(), source: .alert),
      as: F.alice, .invalidInput(field: "links.alerts"))
    try F.expectRefusal(
      store,
      .openIncident(
        title: "x", severity: .sev3, commander: nil, links: IncidentLinks(artefacts: ["nobody"]),
        source: .manual),
      as: F.alice, .notFound)
    try F.expectRefusal(
      store,
      .openIncident(
        title: "x", severity: .sev3, commander: nil, links: IncidentLinks(rollouts: [7]), source: .manual),
      as: F.alice, .notFound)
    try F.expectRefusal(store, .addIncidentNote(id: 1, text: ""), as: F.bob, .invalidInput(field: "note"))
    try F.expectRefusal(
      store, .recordRetro(incident: 1, path: "retro.md", digest: "abc"), as: F.bob,
      .invalidInput(field: "digest"))

    _ = try store.perform(.resolveIncident(id: 1, note: ""), as: F.bob)
    let resolvedAgain = try F.expectRefusal(
      store, .resolveIncident(id: 1, note: ""), as: F.bob, .notApplicable)
    #expect(resolvedAgain == "INC-1 is already resolved (at 00:00:11Z)")
    try F.expectRefusal(store, .mitigateIncident(id: 1, note: ""), as: F.bob, .notApplicable)
    let sev = try F.expectRefusal(
      store, .setIncidentSeverity(id: 1, severity: .sev1), as: F.bob, .notApplicable)
    #expect(sev == "INC-1 is resolved and cannot be re-graded")
    try F.expectRefusal(store, .assignIncident(id: 1, commander: "dave"), as: F.bob, .notApplicable)
    // Notes and a retrospective are still welcome after the resolution.
    #expect(try store.perform(.addIncidentNote(id: 1, text: "retro on Thursday"), as: F.bob).changed)
    let digest = String(repeating: "ab", count: 32)
    let retro = try store.perform(
      .recordRetro(incident: 1, path: "retros/INC-1.md", digest: digest), as: F.bob)
    #expect(retro.incident?.retroPath == "retros/INC-1.md" && retro.incident?.retroDigest == digest)
  }

  @Test(arguments: StoreUnderTest.all)
  func resolvingATriggeredIncidentStampsTheMitigationNotAnAcknowledgement(_ backend: StoreUnderTest) throws {
    let store = try seeded(backend)
    _ = try open(store)
    clock.advance(milliseconds: 3 * minute)
    let out = try store.perform(.resolveIncident(id: 1, note: "false alarm"), as: F.bob)
    let inc = try #require(out.incident)
    #expect(inc.mitigatedAt == clock.now() && inc.resolvedAt == clock.now())
    // Nobody acknowledged it: no TTA (MTTA counts acknowledged incidents only).
    #expect(inc.acknowledgedAt == nil && inc.acknowledgedBy == nil && inc.timeToAcknowledgeMs == nil)
    #expect(inc.timeToMitigateMs == 180_000 && inc.timeToResolveMs == 180_000)
  }

  @Test func oneAlertFiringOpensOneIncidentAcrossTwoStores() throws {
    let ws = RegistryWorkspace(directory: try scratch.directory())
    let a = try ws.create(clock: clock, actor: F.alice)
    try F.seed(a, clock: clock)
    let b = try ws.open(clock: clock)
    let since = clock.now().adding(milliseconds: -5 * minute)
    let alert = IncidentAlertLink(
      rule: "CanaryLatencyHigh", fingerprint: "9f2c",
      labels: ["artefact": "support-bot", "severity": "page"],
      firingSince: since)
    let links = IncidentLinks(alerts: [alert])
    let first = try open(a, title: "CanaryLatencyHigh", links: links, source: .alert)
    #expect(first.changed && first.incident?.openedBy == "system:alerting")
    #expect(first.incident?.timeToDetectMs == 300_000)
    // The second process (or a restart) sees the same firing: nothing opened.
    clock.advance(milliseconds: 1000)
    let second = try open(b, title: "CanaryLatencyHigh", links: links, source: .alert)
    #expect(!second.changed && second.incident?.id == first.incident?.id)
    #expect(second.message == "INC-1 already covers this alert firing (triggered); nothing opened")
    #expect(try b.incidents(states: nil, limit: 10).count == 1)
    // A new firing of the same instance (a later start) while INC-1 is open
    // joins INC-1 (PagerDuty's dedup key): nothing opened, the firing linked.
    var later = alert
    later.firingSince = clock.now()
    let third = try open(b, title: "CanaryLatencyHigh", links: IncidentLinks(alerts: [later]), source: .alert)
    #expect(third.changed && third.incident?.id == 1)
    #expect(third.message == "INC-1 is still triggered: the alert fired again and joined it; nothing opened")
    #expect(try a.incidents(states: nil, limit: 10).map(\.id) == [1])
    #expect(try a.incident(id: 1).links.alerts == [alert, later])
    // The same firing seen again by the other process: already covered.
    let fourth = try open(
      a, title: "CanaryLatencyHigh", links: IncidentLinks(alerts: [later]), source: .alert)
    #expect(!fourth.changed && fourth.incident?.id == 1)
    // Once INC-1 is resolved, a newer firing opens INC-2.
    _ = try a.perform(.resolveIncident(id: 1, note: "fixed"), as: F.bob)
    var latest = alert
    latest.firingSince = clock.now().adding(milliseconds: 1000)
    let fifth = try open(
      b, title: "CanaryLatencyHigh", links: IncidentLinks(alerts: [latest]), source: .alert)
    #expect(fifth.incident?.id == 2)
    #expect(try a.incidents(states: nil, limit: 10).map(\.id) == [2, 1])
  }
}

import Testing

@testable import FlightDeckCore

/// The demo's seeded registry against the built-in scenario.
@Suite("Demo registry seed")
struct DemoRegistrySeedTests {
  @Test("the seed matches the default scenario: versions, pointers, weights, one pending 0/2 request")
  func defaultScenario() throws {
    let scenario = try Scenario.load(path: nil)
    let now = Timestamp(millisecondsSinceEpoch: 1_764_420_000_000)
    let clock = ManualClock(start: now)
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    let summary = try DemoRegistrySeed.seed(store, scenario: scenario, clock: clock, now: now)
    #expect(clock.now() == now)
    // ticket-tagger has the smallest share (0.05): left unregistered on purpose.
    #expect(summary.unregistered == "ticket-tagger")
    #expect(summary.artefacts == ["support-bot", "summarizer", "rag-answer", "intent-classifier"])

    let snap = try store.snapshot()
    let bot = try #require(snap.artefact("support-bot"))
    #expect(bot.artefact.riskTier == .high)
    #expect(bot.versions.map(\.label) == ["v11", "v12", "v13"])
    #expect(bot.pointers[.production] == "v12")
    #expect(bot.pointers[.canary] == "v13")
    #expect(bot.canaryWeightPercent == 10)

    // The pending request: v13 → production, by alice, high tier: 2 approvals, none yet.
    let pending = try #require(summary.pendingRequest)
    #expect(pending.artefact == "support-bot" && pending.version == "v13" && pending.target == .production)
    #expect(pending.state == .pending && pending.requester == "alice")
    #expect(pending.approvalText == "0/2")
    #expect(snap.openRequests(artefact: "support-bot").map(\.id) == [pending.id])

    // v3 has no earlier numbered label above 1 → v2 then v3; p7 → p6 then p7.
    #expect(snap.artefact("intent-classifier")?.versions.map(\.label) == ["v2", "v3"])
    #expect(snap.artefact("rag-answer")?.pointers[.canary] == "p8")
    #expect(snap.artefact("rag-answer")?.canaryWeightPercent == 5)
    #expect(snap.artefact("summarizer")?.pointers[try PointerName("shadow")] == "distill-v2")

    // Production history of support-bot: v11 (14 days ago), then v12 (3 days ago).
    let moves = try store.pointerHistory(artefact: "support-bot", pointer: .production)
    #expect(moves.map(\.toVersion) == ["v11", "v12"])
    let day: Int64 = 86_400_000
    #expect(moves[1].at <= now.adding(milliseconds: -3 * day + 2 * 3_600_000))
    #expect(try store.verifyAudit().isIntact)
    // Played in time order across artefacts: the log's times never go backwards.
    let times = try store.auditEntries(since: nil).map(\.at)
    #expect(times == times.sorted())
    #expect(times.last.map { $0 <= now } == true)
  }

  @Test("previous labels: v12 → v11, p7 → p6, v1 and haiku-3.5's suffix")
  func previousLabels() {
    #expect(DemoRegistrySeed.previousLabel("v12") == "v11")
    #expect(DemoRegistrySeed.previousLabel("p7") == "p6")
    #expect(DemoRegistrySeed.previousLabel("v1") == nil)
    #expect(DemoRegistrySeed.previousLabel("distill") == nil)
    // "haiku-3.5" ends in 5 → "haiku-3.4": a number suffix, as the rule says.
    #expect(DemoRegistrySeed.previousLabel("haiku-3.5") == "haiku-3.4")
  }
}

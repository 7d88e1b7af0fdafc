import FlightDeckCore
import FlightDeckTestSupport
import Testing

/// `flightdeck store migrate`'s copy: every row as it is, so the audit chain
/// is the same chain on the other side.
@Suite struct SQLStoreCopyTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let scratch = RegistryScratch()

  /// A seeded SQLite store copied into a new store of each backend (SQLite
  /// to PostgreSQL is what `flightdeck store migrate` is for).
  @Test(arguments: StoreUnderTest.all)
  func aCopyHoldsTheSameChainAndTheSameRows(into backend: StoreUnderTest) throws {
    let source = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(source, clock: clock)
    _ = try source.perform(
      .openIncident(
        title: "canary errors", severity: .sev2, commander: nil, links: IncidentLinks(), source: .manual),
      as: F.alice)
    let target = try #require(try backend.make(clock: clock) as? any StoreRowTransfer)

    let copied = try source.readingRows { s in
      try target.writingRows { t in try SQLStoreCopy.copy(from: s, to: t) }
    }
    // Worked out from the fixture: its 12 entries (an in-memory store has no
    // `workspace.init`) and the incident's one.
    #expect(copied["audit_log"] == 13)
    #expect(copied["artefact"] == 1)
    #expect(copied["incident"] == 1)
    #expect(
      try target.readingRows { try SQLStoreCopy.counts($0) }
        == source.readingRows { try SQLStoreCopy.counts($0) })
    let a = try source.verifyAudit()
    let b = try target.verifyAudit()
    #expect(b.isIntact)
    #expect(b.entriesChecked == 13)
    #expect(a.headHash == b.headHash)
    #expect(try target.auditEntries(since: nil) == source.auditEntries(since: nil))
    // How each actor was identified comes along (the fixture's names are asserted).
    #expect(try target.auditEntries(since: nil).map(\.identity) == Array(repeating: .asserted, count: 13))
    #expect(try target.snapshot().artefacts == source.snapshot().artefacts)
    // The copy goes on as a store: ids continue after the copied ones.
    let next = try target.perform(
      .openIncident(
        title: "second", severity: .sev3, commander: nil, links: IncidentLinks(), source: .manual),
      as: F.alice)
    #expect(next.incident?.id == 2)
    #expect(try target.verifyAudit().isIntact)
  }

  /// Requests in every closed state copy over: on PostgreSQL, migration 7
  /// checks a request inserted in another state than pending against the
  /// entries the same transaction copied (rejected, cancelled, expired,
  /// applied at once, applied by approval), and the copy is one transaction.
  @Test(arguments: StoreUnderTest.all)
  func requestsInEveryStateCopy(into backend: StoreUnderTest) throws {
    let source = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(source, clock: clock)
    func request(_ target: PointerName) throws -> Int64 {
      clock.advance(milliseconds: 1000)
      return try #require(
        try source.perform(
          .requestPromotion(
            artefact: "support-bot", version: "v13", target: target, reason: "try v13", expectedFrom: nil,
            override: F.gatesNotUnderTest), as: F.alice
        ).request?.id)
    }
    _ = try source.perform(.reject(requestID: try request(.production), comment: "not yet"), as: F.bob)
    _ = try source.perform(.cancel(requestID: try request(.production), comment: "wrong one"), as: F.alice)
    #expect(try request(.production) == 5)
    clock.advance(milliseconds: RiskPolicy.standard.requestLifetimeMs)
    _ = try request(.canary)  // applied at once; its write expires the one before
    let states = try source.requests(artefact: nil, states: nil, limit: 100).map {
      "REQ-\($0.id) \($0.state.rawValue)"
    }
    #expect(
      states.sorted() == [
        "REQ-1 applied", "REQ-2 applied", "REQ-3 rejected", "REQ-4 cancelled", "REQ-5 expired",
        "REQ-6 applied",
      ])
    let target = try #require(try backend.make(clock: clock) as? any StoreRowTransfer)
    _ = try source.readingRows { s in try target.writingRows { t in try SQLStoreCopy.copy(from: s, to: t) } }
    #expect(try target.verifyAudit().isIntact)
    #expect(
      try target.requests(artefact: nil, states: nil, limit: 100).map { "REQ-\($0.id) \($0.state.rawValue)" }
        .sorted() == states.sorted())
  }

  @Test func aTargetThatIsNotNewIsRefusedAndKept() throws {
    let source = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(source, clock: clock)
    let target = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(target, clock: clock)
    let before = try target.readingRows { try SQLStoreCopy.counts($0) }
    #expect {
      _ = try source.readingRows { s in try target.writingRows { t in try SQLStoreCopy.copy(from: s, to: t) }
      }
    } throws: { error in
      (error as? RegistryError)?.code == .alreadyExists
        && (error as? RegistryError)?.message.contains("migrate into a new store") == true
    }
    #expect(try target.readingRows { try SQLStoreCopy.counts($0) } == before)
  }
}

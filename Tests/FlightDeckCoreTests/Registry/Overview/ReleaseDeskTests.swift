import FlightDeckCore
import FlightDeckTestSupport
import Testing

/// The release desk over the real in-memory SQLite store, time from a TestClock.
@Suite struct ReleaseDeskTests {
  static func seeded(_ clock: TestClock) throws -> SQLiteRegistryStore {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    let admin = OperatorIdentity(name: "admin")
    _ = try store.perform(
      .registerArtefact(name: "support-agent", kind: .agent, owner: "ml", riskTier: .high, description: ""),
      as: admin)
    for label in ["v3", "v4"] {
      _ = try store.perform(
        .registerVersion(artefact: "support-agent", label: label, source: nil, tags: [:], description: ""),
        as: admin)
    }
    return store
  }

  @Test func pollReadsOnFirstCallThenOnlyOnChangeAtMostEvery500ms() throws {
    let clock = TestClock()
    let store = try Self.seeded(clock)
    let alice = ReleaseDesk(store: store, identity: OperatorIdentity(name: "alice"), clock: clock)
    let bob = ReleaseDesk(store: store, identity: OperatorIdentity(name: "bob"), clock: clock)
    let first = try #require(alice.poll(now: clock.now()))
    #expect(first.artefacts.map(\.artefact.name) == ["support-agent"])
    #expect(first.artefacts[0].versions.map(\.label) == ["v3", "v4"])
    // Nothing changed: no new snapshot, whenever asked.
    #expect(alice.poll(now: clock.now()) == nil)
    clock.advance(milliseconds: 600)
    #expect(alice.poll(now: clock.now()) == nil)
    // Bob requests a promotion (high tier: pending, 0/2).
    let outcome = bob.perform(
      .requestPromotion(
        artefact: "support-agent", version: "v3", target: .production, reason: "first",
        expectedFrom: .some(nil), override: "gates are not under test here"))
    let request = try outcome.get().request
    #expect(request?.state == .pending)
    #expect(request?.approvalText == "0/2")
    // Alice's last check was at +600 ms: at +1099 ms it is not due yet.
    clock.advance(milliseconds: 499)
    #expect(alice.poll(now: clock.now()) == nil)
    #expect(alice.nextPollDue == clock.now().adding(milliseconds: 1))
    clock.advance(milliseconds: 1)
    let changed = try #require(alice.poll(now: clock.now()))
    #expect(changed.openRequests(artefact: "support-agent").map(\.version) == ["v3"])
    #expect(changed.changeToken > first.changeToken)
  }

  @Test func aSignalledRefreshReloadsUnlessTheSnapshotShowsItsToken() throws {
    let clock = TestClock()
    let store = try Self.seeded(clock)
    let alice = ReleaseDesk(store: store, identity: OperatorIdentity(name: "alice"), clock: clock)
    alice.pollIntervalMs = ReleaseDesk.signalledPollIntervalMs
    let first = try #require(alice.poll(now: clock.now()))
    // 3 audit entries (artefact, v3, v4): the token the snapshot shows.
    #expect(first.changeToken == 3)
    // A signal with the token on screen reads nothing; an attachment (nil) always reloads.
    #expect(alice.refresh(signalled: 3) == nil)
    #expect(alice.refresh(signalled: nil)?.changeToken == 3)
    // Another process registers v5: the signal's token (4) differs, so it reloads.
    _ = try store.perform(
      .registerVersion(artefact: "support-agent", label: "v5", source: nil, tags: [:], description: ""),
      as: OperatorIdentity(name: "bob"))
    clock.advance(milliseconds: 1000)
    let fresh = try #require(alice.refresh(signalled: 4))
    #expect(fresh.artefacts[0].versions.map(\.label) == ["v3", "v4", "v5"])
    // The refresh counts as a check: the safety poll is due 15 s after it.
    #expect(alice.nextPollDue == clock.now().adding(milliseconds: 15_000))
    clock.advance(milliseconds: 14_999)
    #expect(alice.poll(now: clock.now()) == nil)
    #expect(alice.nextPollDue == clock.now().adding(milliseconds: 1))
  }

  @Test func refusalsAndUnknownsAreResultsNotCrashes() throws {
    let clock = TestClock()
    let store = try Self.seeded(clock)
    let alice = ReleaseDesk(store: store, identity: OperatorIdentity(name: "alice"), clock: clock)
    guard case .failure(let error) = alice.perform(.approve(requestID: 99, comment: "")) else {
      Issue.record("approving a missing request succeeded")
      return
    }
    #expect(error.code == .notFound)
    guard case .failure(let missing) = alice.history(artefact: "nope") else {
      Issue.record("history of an unknown artefact succeeded")
      return
    }
    #expect(missing.code == .notFound)
    // Four-eyes: alice may not approve her own request on a high tier.
    let id = try #require(
      try alice.perform(
        .requestPromotion(
          artefact: "support-agent", version: "v3", target: .production, reason: "go", expectedFrom: nil,
          override: "gates are not under test here")
      ).get().request?.id)
    guard case .failure(let own) = alice.perform(.approve(requestID: id, comment: "")) else {
      Issue.record("self-approval succeeded")
      return
    }
    #expect(own.code == .fourEyes)
    // perform refreshed the desk's snapshot: the request is there without a poll.
    #expect(alice.snapshot?.openRequests(artefact: "support-agent").map(\.id) == [id])
  }

  @Test func auditVerifiesTheChain() throws {
    let clock = TestClock()
    let store = try Self.seeded(clock)
    let desk = ReleaseDesk(store: store, identity: OperatorIdentity(name: "alice"), clock: clock)
    let (entries, verification) = try desk.audit().get()
    // artefact.register + 2 × version.register (plus whatever the store wrote at creation).
    #expect(entries.filter { $0.action == .versionRegister }.count == 2)
    #expect(entries.filter { $0.action == .artefactRegister }.count == 1)
    #expect(verification.isIntact)
    #expect(verification.entriesChecked == entries.count)
    #expect(verification.headHash == entries.last?.hash)
  }
}

import FlightDeckCore
import FlightDeckTestSupport
import Testing

/// ``RegistryCommand/importArtefact(_:)``: a hand-built plan (as the MLflow
/// reader makes) imports once; the same plan again changes nothing. On both
/// backends (``StoreUnderTest``).
@Suite struct RegistryImportTests {
  typealias F = RegistryFixture
  let clock = TestClock()

  static let plan = RegistryImportPlan(
    artefact: "fraud-model", kind: .model, description: "card fraud", riskTier: .high,
    versions: [
      .init(
        label: "1", createdAt: Timestamp(millisecondsSinceEpoch: 1_700_000_000_000), createdBy: "",
        source: SourceReference(kind: .mlflowRun, value: "0123456789abcdef0123456789abcdef"), tags: [:],
        description: ""),
      .init(
        label: "2", createdAt: Timestamp(millisecondsSinceEpoch: 1_700_000_100_000), createdBy: "erin",
        source: nil, tags: ["auc": "0.91"], description: "retrained"),
    ],
    pointers: [.production: "1", try! PointerName("champion"): "2"], origin: "fraud.json",
    warnings: ["versions 1 and 2 are both in Production; production points at 1"])

  @Test(arguments: StoreUnderTest.all) func importsOnceThenChangesNothing(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    let first = try store.perform(.importArtefact(Self.plan), as: F.alice)
    #expect(first.message == "imported fraud-model from fraud.json: 2 versions added, 2 pointer moves")
    #expect(first.warnings == Self.plan.warnings)
    // artefact, 2 versions, 2 moves (champion, then production: sorted by pointer), import.
    #expect(first.auditSequences == [1, 2, 3, 4, 5, 6])
    let entries = try store.auditEntries(since: nil)
    #expect(
      entries.map(\.action) == [
        .artefactRegister, .versionRegister, .versionRegister, .pointerMove, .pointerMove, .import,
      ])
    #expect(entries.allSatisfy { $0.reason == "imported from fraud.json" })
    #expect(
      entries.last?.after
        == #"{"artefactCreated":true,"origin":"fraud.json","pointersMoved":2,"versionsAdded":2,"warnings":["versions 1 and 2 are both in Production; production points at 1"]}"#
    )
    let model = try #require(try store.snapshot().artefact("fraud-model"))
    #expect(model.artefact.riskTier == .high)
    #expect(model.versions.map(\.createdBy) == ["alice", "erin"])
    #expect(model.versions.first?.createdAt == Timestamp(millisecondsSinceEpoch: 1_700_000_000_000))
    #expect(model.pointers == [.production: "1", try PointerName("champion"): "2"])
    #expect(model.lastMoves.values.allSatisfy { $0.cause == .import })

    let before = try F.state(store)
    let second = try store.perform(.importArtefact(Self.plan), as: F.bob)
    #expect(!second.changed)
    #expect(second.warnings == Self.plan.warnings)
    let after = try F.state(store)
    #expect(after.0 == before.0 && after.1 == before.1)
  }

  @Test(arguments: StoreUnderTest.all) func existingVersionsAreKeptAndDifferencesWarned(
    _ backend: StoreUnderTest
  ) throws {
    let store = try backend.make(clock: clock)
    _ = try store.perform(
      .registerArtefact(
        name: "fraud-model", kind: .model, owner: "risk", riskTier: .critical, description: ""),
      as: F.alice)
    _ = try store.perform(
      .registerVersion(artefact: "fraud-model", label: "2", source: nil, tags: [:], description: "ours"),
      as: F.alice)
    let out = try store.perform(.importArtefact(Self.plan), as: F.alice)
    #expect(
      out.warnings.contains(
        "fraud-model version 2 differs from the one in fraud.json; kept the registered one (versions are immutable)"
      ))
    let model = try #require(try store.snapshot().artefact("fraud-model"))
    #expect(model.artefact.riskTier == .critical && model.artefact.owner == "risk")
    #expect(model.versions.map(\.description) == ["ours", ""])
  }

  @Test(arguments: StoreUnderTest.all) func aPointerToAnUnknownVersionIsRefused(_ backend: StoreUnderTest)
    throws
  {
    let store = try backend.make(clock: clock)
    var plan = Self.plan
    plan.pointers = [.production: "7"]
    let msg = try F.expectRefusal(store, .importArtefact(plan), as: F.alice, .notFound)
    #expect(msg == "fraud.json points fraud-model production at version 7, which it does not list")
  }

  /// An import must not move production of an artefact already registered
  /// past its risk policy: `support-bot` (tier high: 2 approvals) has
  /// production at v12; a file saying v13 is in Production leaves it at v12,
  /// warns, and records no production move; the file's new alias still moves.
  @Test(arguments: StoreUnderTest.all) func productionOfARegisteredArtefactMovesOnlyThroughPromotion(
    _ backend: StoreUnderTest
  ) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    let plan = RegistryImportPlan(
      artefact: "support-bot", kind: .agent, description: "", riskTier: .low,
      versions: [], pointers: [.production: "v13", try PointerName("champion"): "v13"],
      origin: "bot.json", warnings: [])
    let out = try store.perform(.importArtefact(plan), as: F.alice)
    #expect(
      out.warnings == [
        "bot.json has support-bot production at version v13 but the registry has v12; not moved: high risk needs 2 approvals (flightdeck promote support-bot v13 --to production --reason …)"
      ])
    let bot = try #require(try store.snapshot().artefact("support-bot"))
    #expect(bot.pointers == [.production: "v12", try PointerName("champion"): "v13"])
    let moves = try store.pointerHistory(artefact: "support-bot", pointer: .production)
    #expect(moves.map(\.toVersion) == ["v11", "v12"])
  }

  /// A tier whose production needs no approval (low: 0) is moved by an import,
  /// as `flightdeck promote` would move it at once.
  @Test(arguments: StoreUnderTest.all) func productionOfALowRiskArtefactIsMovedByAnImport(
    _ backend: StoreUnderTest
  ) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock, tier: .low)
    let plan = RegistryImportPlan(
      artefact: "support-bot", kind: .agent, description: "", riskTier: .low,
      versions: [], pointers: [.production: "v13"], origin: "bot.json", warnings: [])
    let out = try store.perform(.importArtefact(plan), as: F.alice)
    #expect(out.warnings.isEmpty)
    #expect(try store.snapshot().artefact("support-bot")?.pointers[.production] == "v13")
  }
}

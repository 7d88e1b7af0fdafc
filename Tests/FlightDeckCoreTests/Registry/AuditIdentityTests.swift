import FlightDeckTestSupport
import Foundation
import GRDB
import Testing

@testable import FlightDeckCore

/// How each audit entry's actor was identified (``AuditEntry/identity``):
/// recorded on every backend, hashed into the chain only when present, so
/// chains written before still verify while a recorded value cannot be
/// changed, dropped or added afterwards.
@Suite struct AuditIdentityTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let scratch = RegistryScratch()

  /// The `workspace.init` entry of a workspace created at
  /// 2025-06-01T00:00:00Z by alice, as written before identities existed.
  static let legacy = AuditEntry(
    sequence: 1, at: Timestamp(millisecondsSinceEpoch: 1_748_736_000_000), actor: "alice",
    action: .workspaceInit, subject: "workspace", before: nil, after: #"{"schema":5}"#,
    reason: "flightdeck init", previousHash: AuditChain.genesisHash, hash: "")

  // MARK: The hash

  /// Hashes worked out with Python's `json.dumps(sort_keys=True,
  /// separators=(",", ":"))` and `hashlib.sha256(previousHash + json)`.
  @Test func anEntryWithoutIdentityHashesAsBeforeAndOneWithItCoversIt() {
    #expect(
      AuditChain.canonicalJSON(of: Self.legacy)
        == #"{"action":"workspace.init","actor":"alice","after":"{\"schema\":5}","at":1748736000000,"before":null,"previousHash":"0000000000000000000000000000000000000000000000000000000000000000","reason":"flightdeck init","sequence":1,"subject":"workspace"}"#
    )
    #expect(
      AuditChain.seal(Self.legacy).hash == "2c55e5de934dae13587c7a6079ca0ee02f89a23b4350b94126fded82c2400070")
    var recorded = Self.legacy
    recorded.identity = .osUser
    #expect(
      AuditChain.canonicalJSON(of: recorded)
        == #"{"action":"workspace.init","actor":"alice","after":"{\"schema\":5}","at":1748736000000,"before":null,"identity":"unauthenticated:os-user","previousHash":"0000000000000000000000000000000000000000000000000000000000000000","reason":"flightdeck init","sequence":1,"subject":"workspace"}"#
    )
    #expect(
      AuditChain.seal(recorded).hash == "b94eaa6614c30baf5618c7769f31cfe8bff1d30911920db019448e238d007c7f")
  }

  @Test func anUnauthenticatedEntryCannotBePassedOffAsAuthenticated() {
    var sealed = Self.legacy
    sealed.identity = .flightdeckUser
    sealed = AuditChain.seal(sealed)
    #expect(AuditChain.isSealedCorrectly(sealed))
    for forged: ActorIdentification? in [.databaseRole, .osUser, .system, nil] {
      var e = sealed
      e.identity = forged
      #expect(!AuditChain.isSealedCorrectly(e), "\(String(describing: forged))")
    }
    // Nor can an entry from before gain one.
    var old = AuditChain.seal(Self.legacy)
    old.identity = .databaseRole
    #expect(!AuditChain.isSealedCorrectly(old))
  }

  @Test func verifySummarisesTheIdentities() {
    func entry(_ identity: ActorIdentification?) -> AuditEntry {
      var e = Self.legacy
      e.identity = identity
      return e
    }
    let entries = [
      entry(nil), entry(nil), entry(.flightdeckUser), entry(.osUser), entry(.flightdeckUser), entry(.system),
      entry(.databaseRole),
    ]
    #expect(
      AuditEntry.identitySummary(entries)
        == "identities: 1 database role, 3 unauthenticated (2 FLIGHTDECK_USER, 1 OS user), 1 FlightDeck itself, 2 not recorded (written before FlightDeck recorded identities)"
    )
    #expect(
      AuditEntry.identityCounts(entries) == [
        "unrecorded": 2, "unauthenticated:FLIGHTDECK_USER": 2, "unauthenticated:os-user": 1, "system": 1,
        "database-role": 1,
      ])
    #expect(AuditEntry.identitySummary([]) == nil)
  }

  // MARK: What the stores record

  /// The shared transaction code on each backend records the source the
  /// identity came from; FlightDeck's own actors are `system`; a claim of a
  /// database role the store did not establish is recorded as asserted.
  @Test(arguments: StoreUnderTest.all)
  func eachEntryRecordsHowItsActorWasIdentified(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    let bob = OperatorIdentity.current(environment: ["FLIGHTDECK_USER": "bob"])
    let osUser = OperatorIdentity.current(environment: [:])
    #expect(bob.name == "bob" && bob.identification == .flightdeckUser)
    #expect(osUser.identification == .osUser)
    let forged = OperatorIdentity(name: "mallory", identification: .databaseRole)
    _ = try store.perform(
      .registerArtefact(name: "bot", kind: .model, owner: "ml", riskTier: .high, description: ""), as: bob)
    _ = try store.perform(
      .registerVersion(artefact: "bot", label: "v1", source: nil, tags: [:], description: ""), as: osUser)
    _ = try store.perform(
      .registerVersion(artefact: "bot", label: "v2", source: nil, tags: [:], description: ""), as: forged)
    _ = try store.perform(
      .requestPromotion(
        artefact: "bot", version: "v1", target: .production, reason: "ship", expectedFrom: nil,
        override: F.gatesNotUnderTest), as: F.alice)
    // Seven days later the request expires in the sweep before carol's command.
    clock.advance(milliseconds: RiskPolicy.standard.requestLifetimeMs + 1)
    _ = try store.perform(
      .registerVersion(artefact: "bot", label: "v3", source: nil, tags: [:], description: ""),
      as: OperatorIdentity(name: "carol", identification: .system))
    let entries = try store.auditEntries(since: nil)
    #expect(
      entries.map { "\($0.actor) \($0.action.rawValue) \($0.identity?.rawValue ?? "-")" } == [
        "bob artefact.register unauthenticated:FLIGHTDECK_USER",
        "\(osUser.name) version.register unauthenticated:os-user",
        "mallory version.register unauthenticated:asserted",
        "alice request.create unauthenticated:asserted",
        "system:registry request.expire system",
        "carol version.register unauthenticated:asserted",
      ])
    #expect(try store.verifyAudit().isIntact)
  }

  /// A workspace created by FlightDeck before this change (schema v5, made
  /// with that binary: `FLIGHTDECK_USER=alice flightdeck init`, `registry
  /// register bot` and its v1, v2, a promotion to staging and one to
  /// production; 9 entries, head `4ba74495…`) opens, is migrated to v6, still
  /// verifies, and goes on with entries that record their identity.
  @Test func aWorkspaceFromBeforeStillVerifiesAndGoesOn() throws {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/registry/v5-before-identity.sqlite")
    let dir = try scratch.directory()
    let path = dir + "/registry.sqlite"
    try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
    let store = try SQLiteRegistryStore(path: path, clock: clock)
    let before = try store.verifyAudit()
    #expect(before.isIntact && before.entriesChecked == 9)
    #expect(before.headHash == "4ba7449581bdabc5103535ef018b0ad520e69933d56cee1e092188a4f75cd344")
    #expect(try store.auditEntries(since: nil).allSatisfy { $0.identity == nil })
    _ = try store.perform(
      .registerVersion(artefact: "bot", label: "v3", source: nil, tags: [:], description: ""),
      as: .current(environment: ["FLIGHTDECK_USER": "bob"]))
    let after = try store.verifyAudit()
    #expect(after.isIntact && after.entriesChecked == 10)
    #expect(try store.auditEntries(since: nil).last?.identity == .flightdeckUser)
    let migrations = try DatabaseQueue(path: path).read {
      try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
    }
    #expect(migrations == ["v1", "v10", "v11", "v12", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"])
    // An entry from before cannot be given an identity afterwards.
    try DatabaseQueue(path: path).write {
      try $0.execute(sql: "UPDATE audit_log SET identity = 'database-role' WHERE sequence = 3")
    }
    let forged = try SQLiteRegistryStore(path: path, clock: clock).verifyAudit()
    #expect(forged.problem?.sequence == 3 && forged.problem?.tampering == .edited)
  }

  /// Rewriting the stored identity of an entry (unauthenticated → database
  /// role, or none at all) is an edit the chain names.
  @Test(arguments: ["'database-role'", "'system'", "NULL"])
  func tamperingWithTheStoredIdentityBreaksTheChain(_ forged: String) throws {
    let ws = RegistryWorkspace(directory: try scratch.directory())
    let store = try ws.create(clock: clock, actor: .current(environment: ["FLIGHTDECK_USER": "alice"]))
    _ = try store.perform(
      .registerArtefact(name: "bot", kind: .model, owner: "ml", riskTier: .high, description: ""),
      as: .current(environment: ["FLIGHTDECK_USER": "bob"]))
    #expect(try store.verifyAudit().isIntact)
    try DatabaseQueue(path: ws.databasePath).write { db in
      try db.execute(sql: "UPDATE audit_log SET identity = \(forged) WHERE sequence = 2")
    }
    let result = try SQLiteRegistryStore(path: ws.databasePath, clock: clock).verifyAudit()
    #expect(result.problem?.sequence == 2)
    #expect(result.problem?.tampering == .edited)
  }
}

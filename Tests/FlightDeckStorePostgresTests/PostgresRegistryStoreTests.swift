import FlightDeckCore
import Foundation
import Testing

@testable import FlightDeckStorePostgres

/// Identities the database vouches for: on a store opened by
/// ``PostgresStoreBackend`` the actor is the authenticated role and its
/// FlightDeck roles are its role memberships, and a role without approval
/// rights is refused by the database itself.
@Suite struct PostgresRegistryStoreTests {
  /// A clock fixed at ``start`` that moves only when told.
  final class FixedClock: FlightDeckClock, @unchecked Sendable {
    /// The start of the minute this test process began, in ms since the
    /// epoch: near the database's clock, which decides a request's expiry for
    /// a team member (migration 9), so a request filed on this clock has not
    /// expired by the database's clock when it is approved.
    static let start: Int64 = Int64(Date().timeIntervalSince1970 * 1000) / 60_000 * 60_000
    private let lock = NSLock()
    private var ms: Int64 = FixedClock.start
    func now() -> Timestamp { lock.withLock { Timestamp(millisecondsSinceEpoch: ms) } }
    func advance(_ delta: Int64) { lock.withLock { ms += delta } }
  }

  /// The team roles applied to a fresh store, and a login role for each of
  /// alice (release manager), bob (approver) and vic (viewer).
  func team() throws -> (
    db: TestDatabase, alice: PostgresLocation, bob: PostgresLocation, vic: PostgresLocation
  )? {
    guard let db = try PostgresTestCluster.freshDatabase() else { return nil }
    let owner = try db.runner()
    defer { owner.close() }
    try owner.withConnection { session in
      for statement in PostgresTeamRoles.statements(database: db.location.database) {
        try session.execute(statement)
      }
    }
    return (
      db, try db.role("alice", grants: ["GRANT flightdeck_release_manager TO ROLE"]),
      try db.role("bob", grants: ["GRANT flightdeck_approver TO ROLE"]),
      try db.role("vic", grants: ["GRANT flightdeck_viewer TO ROLE"])
    )
  }

  func open(_ location: PostgresLocation, _ clock: FixedClock) throws -> any RegistryStore {
    try PostgresStoreBackend().open(
      at: StoreLocation(parsing: location.description), options: StoreOpenOptions(clock: clock))
  }

  @Test func theActorIsTheSessionUserAndAViewersApprovalIsRefusedByTheDatabase() throws {
    guard let (db, aliceAt, bobAt, vicAt) = try team() else { return }
    defer { withExtendedLifetime(db) {} }
    let clock = FixedClock()
    let alice = try open(aliceAt, clock)
    let bob = try open(bobAt, clock)
    let vic = try open(vicAt, clock)
    // alice claims to be "mallory": the audit says alice's role.
    let mallory = OperatorIdentity(name: "mallory", roles: ["release-manager"])
    _ = try alice.perform(
      .registerArtefact(name: "bot", kind: .model, owner: "ml", riskTier: .medium, description: ""),
      as: mallory)
    _ = try alice.perform(
      .registerVersion(artefact: "bot", label: "v1", source: nil, tags: [:], description: ""), as: mallory)
    clock.advance(1000)
    let requested = try alice.perform(
      .requestPromotion(
        artefact: "bot", version: "v1", target: .production, reason: "ship", expectedFrom: nil,
        override: "gates not under test"), as: mallory)
    let request = try #require(requested.request)
    #expect(request.requester == aliceAt.user)
    // Four-eyes holds across names: alice may not approve her own request, whatever name she passes.
    let own = #expect(throws: RegistryError.self) {
      try alice.perform(.approve(requestID: request.id, comment: ""), as: OperatorIdentity(name: "carol"))
    }
    #expect(own?.code == .fourEyes)
    // The viewer's approval: refused by PostgreSQL (no INSERT on request_decision).
    let refused = #expect(throws: RegistryError.self) {
      try vic.perform(.approve(requestID: request.id, comment: "lgtm"), as: OperatorIdentity(name: "bob"))
    }
    #expect(refused?.code == .missingRole("INSERT on request_decision"))
    #expect(
      refused?.message.contains("the database refused: role \(vicAt.user) lacks the INSERT right") == true)
    #expect(try vic.snapshot().artefact("bot")?.pointers[.production] == nil)
    // bob approves as "carol": recorded as bob, and production moves.
    let approved = try bob.perform(
      .approve(requestID: request.id, comment: "ok"), as: OperatorIdentity(name: "carol"))
    #expect(approved.moves.map(\.actor) == [bobAt.user])
    #expect(try alice.snapshot().artefact("bot")?.pointers[.production] == "v1")
    let actors = try vic.auditEntries(since: nil).map(\.actor)
    #expect(!actors.contains("mallory") && !actors.contains("carol"))
    #expect(Set(actors) == [aliceAt.user, bobAt.user])
    // Every entry says the database vouched for its actor, whatever the caller claimed.
    #expect(try vic.auditEntries(since: nil).map(\.identity) == Array(repeating: .databaseRole, count: 5))
    #expect(try vic.verifyAudit().isIntact)
  }

  @Test func rolesComeFromMembership() throws {
    guard let (db, aliceAt, bobAt, vicAt) = try team() else { return }
    let clock = FixedClock()
    for (at, expected) in [
      (aliceAt, ["approver", "operator", "release-manager", "viewer"]),
      (bobAt, ["approver", "operator", "viewer"]),
      (vicAt, ["viewer"]), (db.location, []),
    ] {
      let runner = try PostgresTransactionRunner(location: at)
      defer { runner.close() }
      #expect(
        try PostgresRegistryStore(runner: runner, clock: clock, actorSource: .asGiven).authenticatedActor()
          == nil)
      let store = PostgresRegistryStore(runner: runner, clock: clock)
      let actor = try store.effectiveActor(OperatorIdentity(name: "someone", roles: ["release-manager"]))
      #expect(actor.name == at.user && actor.roles == expected)
      #expect(
        try store.authenticatedActor()
          == OperatorIdentity(name: at.user, roles: expected, identification: .databaseRole))
      // FlightDeck's own actors keep their names and hold no roles.
      #expect(try store.effectiveActor(.system(.registry)).name == "system:registry")
    }
  }
}

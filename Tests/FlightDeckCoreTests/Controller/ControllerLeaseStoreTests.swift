import FlightDeckCore
import FlightDeckStorePostgres
import FlightDeckTestSupport
import Foundation
import Testing

/// The controller lease on both backends (``ControllerLeaseStore``): acquire,
/// renew, expiry and takeover with a fenced renewal, release, on a
/// ``TestClock`` (no sleeping). On PostgreSQL a holder's death is its
/// session ending: the test ends it from another session with
/// `pg_terminate_backend`, as the server does when a killed process's socket closes.
@Suite struct ControllerLeaseStoreTests {
  let clock = TestClock()
  let a = ControllerLeaseHolder(host: "host-a", pid: 101, instance: "instance-a")
  let b = ControllerLeaseHolder(host: "host-b", pid: 202, instance: "instance-b")

  func leases(_ backend: StoreUnderTest) throws -> any ControllerLeaseStore {
    try #require(try backend.make(clock: clock) as? any ControllerLeaseStore)
  }

  /// Ends the session holding the controller advisory lock of this test's
  /// database (PostgreSQL only; other tests hold the same key in their own
  /// databases at the same time): what the server does when the holder's process is killed.
  func killHolderSession(_ store: any ControllerLeaseStore) throws {
    guard let pg = store as? PostgresRegistryStore else { return }
    let key = PostgresAdvisoryLock.controller
    let rows = try pg.runner.read { session in
      try session.query(
        """
        SELECT CAST(pg_terminate_backend(pid) AS INTEGER) AS ended FROM pg_locks
        WHERE locktype = 'advisory' AND granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND classid = CAST(? AS OID) AND objid = CAST(? AS OID) AND objsubid = 1
        """, [.integer(key >> 32), .integer(key & 0xFFFF_FFFF)])
    }
    #expect(rows.count == 1)
  }

  @Test(arguments: StoreUnderTest.all) func theFirstHolderTakesItAndASecondWaits(_ backend: StoreUnderTest)
    throws
  {
    let store = try leases(backend)
    #expect(try store.controllerLease() == nil)
    let t0 = clock.now()
    let lease = try #require(try store.acquireControllerLease(for: a, ttlMs: 5_000))
    #expect(
      lease
        == ControllerLease(
          holder: a, epoch: 1, acquiredAt: t0, heartbeatAt: t0, expiresAt: t0.adding(milliseconds: 5_000)))
    #expect(try store.controllerLease() == lease)
    clock.advance(milliseconds: 4_999)
    #expect(try store.acquireControllerLease(for: b, ttlMs: 5_000) == nil)
    // The holder asking again keeps its epoch and is renewed.
    let again = try #require(try store.acquireControllerLease(for: a, ttlMs: 5_000))
    #expect(again.epoch == 1 && again.acquiredAt == t0 && again.heartbeatAt == clock.now())
    #expect(again.expiresAt == clock.now().adding(milliseconds: 5_000))
  }

  @Test(arguments: StoreUnderTest.all) func renewalMovesTheHeartbeatAndTheExpiry(_ backend: StoreUnderTest)
    throws
  {
    let store = try leases(backend)
    let t0 = clock.now()
    var lease = try #require(try store.acquireControllerLease(for: a, ttlMs: 5_000))
    for _ in 1...3 {
      clock.advance(milliseconds: 1_000)
      lease = try #require(try store.renewControllerLease(lease, ttlMs: 5_000))
    }
    let t3 = t0.adding(milliseconds: 3_000)
    #expect(lease.heartbeatAt == t3 && lease.expiresAt == t3.adding(milliseconds: 5_000) && lease.epoch == 1)
    #expect(try store.controllerLease() == lease)
    // 7.999 s after t0 the lease (renewed at 3 s) still holds against b.
    clock.advance(milliseconds: 4_999)
    #expect(try store.acquireControllerLease(for: b, ttlMs: 5_000) == nil)
  }

  @Test(arguments: StoreUnderTest.all) func anExpiredHolderIsTakenOverAndItsRenewalIsFenced(
    _ backend: StoreUnderTest
  ) throws {
    let store = try leases(backend)
    let old = try #require(try store.acquireControllerLease(for: a, ttlMs: 5_000))
    try killHolderSession(store)
    // Before the expiry the standby still waits (on PostgreSQL with the lock free).
    clock.advance(milliseconds: 4_999)
    #expect(try store.acquireControllerLease(for: b, ttlMs: 5_000) == nil)
    clock.advance(milliseconds: 1)
    let t = clock.now()
    let taken = try #require(try store.acquireControllerLease(for: b, ttlMs: 5_000))
    #expect(
      taken
        == ControllerLease(
          holder: b, epoch: 2, acquiredAt: t, heartbeatAt: t, expiresAt: t.adding(milliseconds: 5_000)))
    // The old holder learns it at its next renewal, and changes nothing.
    #expect(try store.renewControllerLease(old, ttlMs: 5_000) == nil)
    try store.releaseControllerLease(old)
    #expect(try store.controllerLease() == taken)
  }

  @Test(arguments: StoreUnderTest.all) func aHolderWhoseLeaseExpiredUntakenMayNotRenewIt(
    _ backend: StoreUnderTest
  ) throws {
    let store = try leases(backend)
    let lease = try #require(try store.acquireControllerLease(for: a, ttlMs: 5_000))
    clock.advance(milliseconds: 5_000)
    #expect(try store.renewControllerLease(lease, ttlMs: 5_000) == nil)
    #expect(try store.controllerLease() == lease)
  }

  @Test(arguments: StoreUnderTest.all) func releaseLetsTheStandbyTakeOverAtOnce(_ backend: StoreUnderTest)
    throws
  {
    let store = try leases(backend)
    let lease = try #require(try store.acquireControllerLease(for: a, ttlMs: 5_000))
    clock.advance(milliseconds: 1_500)
    let released = clock.now()
    try store.releaseControllerLease(lease)
    var expected = lease
    expected.releasedAt = released
    expected.expiresAt = released
    #expect(try store.controllerLease() == expected)
    #expect(try store.renewControllerLease(lease, ttlMs: 5_000) == nil)
    let taken = try #require(try store.acquireControllerLease(for: b, ttlMs: 5_000))
    #expect(taken.epoch == 2 && taken.holder == b && taken.acquiredAt == released)
  }

  /// PostgreSQL: while the holder's session lives it keeps the advisory lock,
  /// so even an expired lease is not taken by a standby until the holder's
  /// (refused) renewal closes that session.
  @Test(arguments: StoreUnderTest.all.filter { $0 == .postgres }) func aLiveSessionKeepsTheLockPastTheExpiry(
    _ backend: StoreUnderTest
  ) throws {
    let store = try leases(backend)
    let lease = try #require(try store.acquireControllerLease(for: a, ttlMs: 5_000))
    clock.advance(milliseconds: 10_000)
    #expect(try store.acquireControllerLease(for: b, ttlMs: 5_000) == nil)
    #expect(try store.controllerLease() == lease)
    #expect(try store.renewControllerLease(lease, ttlMs: 5_000) == nil)
    #expect(try store.acquireControllerLease(for: b, ttlMs: 5_000)?.epoch == 2)
  }
}

import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Synchronization
import Testing

/// The lease through a turn longer than its TTL, on a ``TestClock``: the
/// heartbeat (``ControllerLeaseKeeper/heartbeat()``, which `serve` runs on a
/// thread of its own; called here from inside the work, where that thread
/// would fire) keeps the lease while the work runs, and a holder that learns
/// mid-turn that its lease is gone writes nothing more.
@Suite struct ControllerHeartbeatTests {
  let clock = TestClock()
  let settings = ControllerLeaseSettings(ttlMs: 5_000, heartbeatMs: 1_000)

  func holder(_ name: String) -> ControllerLeaseHolder {
    ControllerLeaseHolder(host: "host-\(name)", pid: 1, instance: "instance-\(name)")
  }

  /// A turn of twelve seconds: each second the clock moves on, `meanwhile`
  /// runs (the heartbeat thread, a standby's turn), then one write is made
  /// if the fence still holds; the run stops at the first fence that does not.
  final class LongWork: ControllerWork {
    let clock: TestClock
    let meanwhile: (Int) -> Void
    /// The seconds at which a write was made.
    var writes: [Int] = []
    init(clock: TestClock, meanwhile: @escaping (Int) -> Void) {
      self.clock = clock
      self.meanwhile = meanwhile
    }
    var workName: String { "long" }
    func runIfDue() -> [String] { runIfDue(fence: .always) }
    func runIfDue(fence: ControllerFence) -> [String] {
      guard writes.isEmpty else { return [] }
      for second in 1...12 {
        clock.advance(milliseconds: 1_000)
        meanwhile(second)
        guard fence.holds else { return ["stopped at \(second) s"] }
        writes.append(second)
      }
      return ["wrote \(writes.count)"]
    }
  }

  /// Forwards to a store; refuses renewals while ``refusing`` is set (as
  /// PostgreSQL does when the lock's connection died).
  final class RefusingLeases: ControllerLeaseStore {
    let base: any ControllerLeaseStore
    let refusing = Atomic<Bool>(false)
    init(_ base: any ControllerLeaseStore) { self.base = base }
    func acquireControllerLease(for holder: ControllerLeaseHolder, ttlMs: Int64) throws -> ControllerLease? {
      try base.acquireControllerLease(for: holder, ttlMs: ttlMs)
    }
    func renewControllerLease(_ lease: ControllerLease, ttlMs: Int64) throws -> ControllerLease? {
      if refusing.load(ordering: .relaxed) { return nil }
      return try base.renewControllerLease(lease, ttlMs: ttlMs)
    }
    func releaseControllerLease(_ lease: ControllerLease) throws { try base.releaseControllerLease(lease) }
    func controllerLease() throws -> ControllerLease? { try base.controllerLease() }
  }

  @Test func aTurnLongerThanTheTTLKeepsTheLeaseThroughTheHeartbeat() throws {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    let keeperA = ControllerLeaseKeeper(store: store, holder: holder("a"), clock: clock, settings: settings)
    let b = ControllerLoop(
      keeper: ControllerLeaseKeeper(store: store, holder: holder("b"), clock: clock, settings: settings),
      makeWork: { [LongWork(clock: clock, meanwhile: { _ in })] })
    var standbyActed = false
    var beats: [ControllerLeaseKeeper.Step?] = []
    let work = LongWork(clock: clock) { _ in
      beats.append(keeperA.heartbeat())
      if b.turn().acted { standbyActed = true }
    }
    var made = 0
    let a = ControllerLoop(
      keeper: keeperA,
      makeWork: {
        made += 1
        return [work]
      })
    let first = a.turn()
    guard case .acquired(let lease) = first.lease else {
      Issue.record("a did not take the lease: \(first.lease)")
      return
    }
    // Twelve seconds of work, more than twice the 5 s TTL: every write made,
    // renewed every second (expiry 1 s + 5 s, …, 12 s + 5 s), the standby idle.
    #expect(work.writes == Array(1...12) && first.lines == ["long: wrote 12"])
    #expect(beats.count == 12 && beats.allSatisfy { if case .renewed = $0 { true } else { false } })
    #expect(!standbyActed && b.runningWork.isEmpty)
    let row = try #require(try store.controllerLease())
    #expect(row.epoch == 1 && row.holder == holder("a") && row.heartbeatAt == clock.now())
    #expect(row.expiresAt == clock.now().adding(milliseconds: 5_000))
    // The next turn keeps the same lease and the same work (not lost, not taken again).
    let next = a.turn()
    var renewedLease = lease
    renewedLease.heartbeatAt = clock.now()
    renewedLease.expiresAt = clock.now().adding(milliseconds: 5_000)
    #expect(next.lease == .holding(renewedLease) && next.acted && made == 1)
  }

  @Test func aHolderStalledPastItsExpiryAndTakenOverWritesNothingMore() throws {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    let keeperA = ControllerLeaseKeeper(store: store, holder: holder("a"), clock: clock, settings: settings)
    let b = ControllerLoop(
      keeper: ControllerLeaseKeeper(store: store, holder: holder("b"), clock: clock, settings: settings),
      makeWork: { [] })
    var takeover: ControllerLease?
    // a renews at 1 and 2 s (expiry 7 s), then stalls (no heartbeat, as under
    // SIGSTOP); b tries every second and takes the lease at that expiry.
    let work = LongWork(clock: clock) { second in
      if second <= 2 { _ = keeperA.heartbeat() }
      if case .acquired(let lease) = b.turn().lease { takeover = lease }
    }
    let t0 = clock.now()
    let a = ControllerLoop(keeper: keeperA, makeWork: { [work] })
    let first = a.turn()
    guard case .acquired(let lease) = first.lease else {
      Issue.record("a did not take the lease: \(first.lease)")
      return
    }
    #expect(takeover?.epoch == 2 && takeover?.acquiredAt == t0.adding(milliseconds: 7_000))
    // a writes while it holds the lease by its clock (to 6 s), and nothing
    // once b holds it (7 s).
    #expect(work.writes == Array(1...6) && first.lines == ["long: stopped at 7 s"])
    // The next turn's renewal is refused (b holds epoch 2): lost, work dropped.
    var renewedAt2 = lease
    renewedAt2.heartbeatAt = t0.adding(milliseconds: 2_000)
    renewedAt2.expiresAt = t0.adding(milliseconds: 7_000)
    let next = a.turn()
    #expect(next.lease == .lost(renewedAt2) && !next.acted && a.runningWork.isEmpty)
    #expect(try store.controllerLease()?.epoch == 2)
    clock.advance(milliseconds: 1_000)
    let after = a.turn()
    #expect(!after.acted)
    if case .standby = after.lease {} else { Issue.record("a is not a standby: \(after.lease)") }
  }

  @Test func aRenewalRefusedMidTurnStopsTheWritesBeforeTheExpiry() throws {
    let leases = RefusingLeases(try SQLiteRegistryStore.inMemory(clock: clock))
    let keeper = ControllerLeaseKeeper(store: leases, holder: holder("a"), clock: clock, settings: settings)
    var beats: [ControllerLeaseKeeper.Step?] = []
    let work = LongWork(clock: clock) { second in
      if second == 3 { leases.refusing.store(true, ordering: .relaxed) }
      beats.append(keeper.heartbeat())
    }
    let loop = ControllerLoop(keeper: keeper, makeWork: { [work] })
    let first = loop.turn()
    // Renewed at 1 and 2 s (expiry 7 s by the clock); refused at 3 s: lost
    // then, and the write of 3 s is not made although the clock is before 7 s.
    #expect(work.writes == [1, 2] && first.lines == ["long: stopped at 3 s"])
    if case .lost = beats.last {
    } else {
      Issue.record("the refusal was not a loss: \(String(describing: beats.last))")
    }
    #expect(!keeper.isActing && keeper.heartbeat() == nil)
    let next = loop.turn()
    if case .lost(let lost) = next.lease {
      #expect(lost.epoch == 1)
    } else {
      Issue.record("the loss was not reported by the next turn: \(next.lease)")
    }
    #expect(!next.acted && loop.runningWork.isEmpty)
  }

  @Test func theHeartbeatNeverTakesTheLease() throws {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    let keeper = ControllerLeaseKeeper(store: store, holder: holder("a"), clock: clock, settings: settings)
    let noRow = try store.controllerLease()
    #expect(keeper.heartbeat() == nil && noRow == nil)
    clock.advance(milliseconds: 2_000)
    #expect(keeper.heartbeat() == nil && !keeper.isActing)
    guard case .acquired = keeper.step() else {
      Issue.record("the step did not take the free lease")
      return
    }
    // Held: the heartbeat renews only when one is due (every 1 s).
    clock.advance(milliseconds: 500)
    if case .holding = keeper.heartbeat() {} else { Issue.record("renewed before the heartbeat was due") }
    clock.advance(milliseconds: 500)
    if case .renewed = keeper.heartbeat() {} else { Issue.record("not renewed when due") }
  }
}

import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

/// Live updates: with a store that offers a change signal, the loop reloads
/// the registry on a notification and reads the change token only for a
/// slow safety poll; without one (SQLite) it polls every 500 ms. Time is a
/// manual clock; the store's work runs inline.
@Suite struct DashboardLoopLiveUpdateTests {
  let now = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)
  let admin = OperatorIdentity(name: "admin")

  /// A store with `summarizer` (v7) and a loop over a store that signals
  /// changes (when `signalling`) or does not.
  func setUp(_ clock: TestClock, signalling: Bool = true) throws -> (
    SignallingRegistryStore, DashboardLoop, TestBackend
  ) {
    let base = try SQLiteRegistryStore.inMemory(clock: clock)
    _ = try base.perform(
      .registerArtefact(name: "summarizer", kind: .model, owner: "", riskTier: .medium, description: ""),
      as: admin)
    _ = try base.perform(
      .registerVersion(artefact: "summarizer", label: "v7", source: nil, tags: [:], description: ""),
      as: admin)
    let store = SignallingRegistryStore(base: base)
    let desk = ReleaseDesk(
      store: signalling ? store : PollOnlyRegistryStore(base: store),
      identity: OperatorIdentity(name: "alice"),
      clock: clock)
    let backend = TestBackend(width: 120, height: 40)
    let loop = DashboardLoop(
      engine: DashboardEngine(patterns: [], clock: clock), backend: backend, clock: clock,
      configuration: .init(themes: [ThemeLoader.builtInDefault], symbols: .ascii),
      releaseDesk: desk, storeWork: .inline)
    return (store, loop, backend)
  }

  /// Another process registers `label` of summarizer (a write straight to the database).
  func registerElsewhere(_ store: SignallingRegistryStore, _ label: String) throws {
    _ = try store.base.perform(
      .registerVersion(artefact: "summarizer", label: label, source: nil, tags: [:], description: ""),
      as: admin)
  }

  /// Steps the loop `steps` times, advancing the clock `ms` before each.
  func run(_ loop: DashboardLoop, _ clock: TestClock, steps: Int, ms: Int64 = 100) throws {
    for _ in 0..<steps {
      clock.advance(milliseconds: ms)
      _ = try loop.step()
    }
  }

  func versions(_ loop: DashboardLoop) -> [String] {
    loop.state.registry?.artefacts.first?.versions.map(\.label).sorted() ?? []
  }

  @Test func aNotificationReloadsAndTheChangeTokenIsNotPolled() throws {
    let clock = TestClock(start: now)
    let (store, loop, _) = try setUp(clock)
    #expect(loop.followsChangeSignal && store.subscribed)
    // The first turn reads the registry (one token read, one snapshot).
    _ = try loop.step()
    #expect(versions(loop) == ["v7"])
    #expect(store.tokenReads == 1 && store.snapshotReads == 1)
    // The signal attaches: one reload, whatever the token (changes before
    // it was attached were not signalled).
    store.emit(.attached(token: try store.base.changeToken()))
    _ = try loop.step()
    #expect(store.snapshotReads == 2 && store.tokenReads == 1)

    // 10 s of turns, 100 ms apart: a polling desk would read the token 20
    // times; the signalled one reads it not at all.
    try run(loop, clock, steps: 100)
    #expect(store.tokenReads == 1)
    #expect(store.snapshotReads == 2)

    // Another process registers v8 and the signal says so: the next turn
    // shows it, with one snapshot read and no token read.
    try registerElsewhere(store, "v8")
    store.emit(.changed(token: try store.base.changeToken()))
    try run(loop, clock, steps: 1, ms: 1)
    #expect(versions(loop) == ["v7", "v8"])
    #expect(store.snapshotReads == 3 && store.tokenReads == 1)
    // A repeated notification of the token the snapshot shows reads nothing.
    store.emit(.changed(token: try store.base.changeToken()))
    try run(loop, clock, steps: 1, ms: 1)
    #expect(store.snapshotReads == 3 && store.tokenReads == 1)

    // The safety poll: 15 s after the last check (the reload at 10.002 s),
    // one token read, and no reload since nothing changed.
    try run(loop, clock, steps: 149)
    #expect(store.tokenReads == 1)
    try run(loop, clock, steps: 1)
    #expect(store.tokenReads == 2)
    #expect(store.snapshotReads == 3)
  }

  @Test func notificationsDuringAReloadAreCoalescedIntoTheLatest() throws {
    let clock = TestClock(start: now)
    let (store, loop, _) = try setUp(clock)
    _ = try loop.step()
    store.emit(.attached(token: try store.base.changeToken()))
    _ = try loop.step()
    let reads = store.snapshotReads
    // Three commits arrive before the loop's next turn: one reload shows all three
    // (signalled reloads are at least DashboardLoop.signalledRefreshIntervalMs apart).
    for label in ["v8", "v9", "v10"] {
      try registerElsewhere(store, label)
      store.emit(.changed(token: try store.base.changeToken()))
    }
    try run(loop, clock, steps: 1, ms: DashboardLoop.signalledRefreshIntervalMs)
    #expect(versions(loop) == ["v10", "v7", "v8", "v9"])
    #expect(store.snapshotReads == reads + 1)
  }

  /// Any role may send `NOTIFY` on the store's channel with any payload
  /// (PostgreSQL cannot refuse it): a flood of notifications with tokens
  /// never seen reloads at most once per
  /// ``DashboardLoop/signalledRefreshIntervalMs`` (200 ms) on the clock.
  @Test func aNotificationFloodReloadsAtMostOncePerInterval() throws {
    let clock = TestClock(start: now)
    let (store, loop, _) = try setUp(clock)
    _ = try loop.step()
    store.emit(.attached(token: try store.base.changeToken()))
    _ = try loop.step()
    let reads = store.snapshotReads
    // 2 s of turns 10 ms apart, five bogus notifications before each.
    var bogus: Int64 = 1_000_000
    for _ in 0..<200 {
      for _ in 0..<5 {
        bogus += 1
        store.emit(.changed(token: bogus))
      }
      try run(loop, clock, steps: 1, ms: 10)
    }
    // Reloads at 200, 400, …, 2000 ms: 10, not 200.
    #expect(store.snapshotReads - reads == 10)
    // A notification of the token on screen reloads nothing, even once the interval has passed.
    try run(loop, clock, steps: 30, ms: 10)
    let settled = store.snapshotReads
    store.emit(.changed(token: try #require(loop.state.registry?.changeToken)))
    try run(loop, clock, steps: 30, ms: 10)
    #expect(store.snapshotReads == settled)
  }

  @Test func aDetachedSignalFallsBackToPollingAndItsReturnReloadsOnce() throws {
    let clock = TestClock(start: now)
    let (store, loop, backend) = try setUp(clock)
    _ = try loop.step()
    store.emit(.attached(token: try store.base.changeToken()))
    _ = try loop.step()
    try run(loop, clock, steps: 10)
    #expect(store.tokenReads == 1)

    // The connection drops: the status line says so and the desk polls every 500 ms.
    store.emit(.detached(reason: "the change listener's connection to 127.0.0.1:5432 dropped; reconnecting"))
    try run(loop, clock, steps: 1, ms: 1)
    #expect(loop.state.statusMessage?.hasPrefix("live updates interrupted") == true)
    // Too long for one row at this width: it takes both footer rows.
    #expect(backend.frameText.suffix(2).joined(separator: " ").contains("live updates interrupted"))
    let before = store.tokenReads
    try run(loop, clock, steps: 20)  // 2 s
    #expect(store.tokenReads - before == 4)

    // A change lands while detached, then the signal is back with a token
    // the loop has not seen (the catch-up read), and one more change right
    // after: it reloads, shows both, and stops polling.
    try registerElsewhere(store, "v8")
    store.emit(.attached(token: try store.base.changeToken()))
    try run(loop, clock, steps: 1, ms: 1)
    #expect(versions(loop) == ["v7", "v8"])
    #expect(loop.state.statusMessage?.hasPrefix("live updates resumed") == true)
    let resumed = store.tokenReads
    try run(loop, clock, steps: 100)  // 10 s
    #expect(store.tokenReads == resumed)
  }

  @Test func anAttachmentReloadsEvenWhenTheTokenLooksUnchanged() throws {
    let clock = TestClock(start: now)
    let (store, loop, _) = try setUp(clock)
    _ = try loop.step()
    let reads = store.snapshotReads
    // The catch-up token equals the one on screen: an attachment still reloads.
    store.emit(.attached(token: try store.base.changeToken()))
    try run(loop, clock, steps: 1, ms: 1)
    #expect(store.snapshotReads == reads + 1)
  }

  @Test func aStoreWithoutASignalIsPolledEvery500ms() throws {
    let clock = TestClock(start: now)
    let (store, loop, _) = try setUp(clock, signalling: false)
    #expect(!loop.followsChangeSignal && !store.subscribed)
    _ = try loop.step()
    #expect(store.tokenReads == 1)
    try run(loop, clock, steps: 100)  // 10 s
    #expect(store.tokenReads == 21)
    try registerElsewhere(store, "v8")
    try run(loop, clock, steps: 5)
    #expect(versions(loop) == ["v7", "v8"])
  }

  @Test func theSignalStopsWhenTheLoopEnds() throws {
    let clock = TestClock(start: now)
    let (store, loop, backend) = try setUp(clock)
    backend.enqueue(.key(.char("q")))
    #expect(try loop.run() == .quit)
    #expect(store.stops == 1 && !store.subscribed)
    #expect(!loop.followsChangeSignal)
  }
}

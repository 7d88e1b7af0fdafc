import FlightDeckCore
import Foundation
import Testing

@testable import FlightDeckStorePostgres

/// The PostgreSQL store's change signal (``PostgresRegistryStore/signalChanges(_:)``):
/// another store's commit reaches it as a change, and a dropped listener
/// comes back as an attachment that the desk answers with a reload.
@Suite struct PostgresStoreChangeSignalTests {
  let clock = ManualClock(start: Timestamp(millisecondsSinceEpoch: 1_748_736_000_000))
  let admin = OperatorIdentity(name: "admin")

  func register(_ store: PostgresRegistryStore, _ name: String) throws {
    _ = try store.run(
      .registerArtefact(name: name, kind: .model, owner: "", riskTier: .low, description: ""), as: admin)
  }

  @Test func aSecondStoresWriteReachesTheFirstStoresSignal() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let a = PostgresRegistryStore(runner: try db.runner(), clock: clock, actorSource: .asGiven)
    let b = PostgresRegistryStore(runner: try db.runner(), clock: clock, actorSource: .asGiven)
    defer {
      a.runner.close()
      b.runner.close()
    }
    let events = Inbox<StoreChangeEvent>()
    let signal = try #require(try a.signalChanges { events.put($0) })
    defer { signal.stop() }
    #expect(events.wait { $0 == [.attached(token: 0)] })
    let desk = ReleaseDesk(store: a, identity: admin, clock: clock)
    #expect(desk.poll()?.artefacts.isEmpty == true)

    // Another process (store b, its own connections) registers an artefact.
    try register(b, "summarizer")
    #expect(events.wait { $0.contains(.changed(token: 1)) })
    #expect(events.all == [.attached(token: 0), .changed(token: 1)])
    // The desk reloads on the signal; the snapshot carries the counter.
    let fresh = try #require(desk.refresh(signalled: 1))
    #expect(fresh.artefacts.map(\.artefact.name) == ["summarizer"])
    #expect(fresh.changeToken == 1)
    #expect(try a.changeToken() == 1)
    // The same token again (a duplicate delivery) reads nothing.
    #expect(desk.refresh(signalled: 1) == nil)

    // After stop, commits reach nobody.
    signal.stop()
    try register(b, "reranker")
    #expect(try a.changeToken() == 2)
    #expect(events.all == [.attached(token: 0), .changed(token: 1)])
  }

  @Test func theSignalsReconnectTriggersAReload() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let a = PostgresRegistryStore(runner: try db.runner(), clock: clock, actorSource: .asGiven)
    let b = PostgresRegistryStore(runner: try db.runner(), clock: clock, actorSource: .asGiven)
    defer {
      a.runner.close()
      b.runner.close()
    }
    let events = Inbox<StoreChangeEvent>()
    // A reconnect delay long enough for the write below to land while it is away.
    let signal = try a.signalChanges(reconnectDelayMilliseconds: 1500) { events.put($0) }
    defer { signal.stop() }
    #expect(events.wait { $0 == [.attached(token: 0)] })
    let desk = ReleaseDesk(store: a, identity: admin, clock: clock)
    #expect(desk.poll()?.artefacts.isEmpty == true)

    // An administrator ends the listener's backend; a write lands while it is away.
    let ended = try b.runner.withConnection { session in
      try session.queryOne(
        """
        SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
        WHERE application_name = 'flightdeck-listener' AND datname = current_database()
        """)?.decode(Int64.self, forColumn: "n")
    }
    #expect(ended == 1)
    #expect(events.wait { $0.count >= 2 })
    guard case .detached(let reason) = events.all[1] else {
      Issue.record("expected a detachment, got \(events.all)")
      return
    }
    #expect(reason.contains("dropped; reconnecting"))
    try register(b, "summarizer")
    // Its notification went nowhere; the reconnection says attached, with the new counter.
    #expect(events.wait { $0.count >= 3 })
    #expect(events.all.dropFirst(2).first == .attached(token: 1))
    #expect(!events.all.contains(.changed(token: 1)))
    // What the dashboard does on an attachment: one reload, whatever the token.
    let fresh = try #require(desk.refresh(signalled: nil))
    #expect(fresh.artefacts.map(\.artefact.name) == ["summarizer"])
  }
}

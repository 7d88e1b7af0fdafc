import FlightDeckCore
import Foundation
import Testing

@testable import FlightDeckStorePostgres

/// The change feed: each committed write reaches a listener with its
/// counter; a dropped connection is reopened and catches up.
@Suite struct PostgresChangeListenerTests {
  @Test func aCommittedWriteReachesTheListener() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let counters = Inbox<Int64>()
    let listener = try PostgresChangeListener(location: db.location, onChange: { counters.put($0) })
    listener.start()
    defer { listener.stop() }
    // The catch-up delivery says the listener is attached.
    #expect(counters.wait { $0 == [0] })
    try runner.write { try $0.execute("INSERT INTO meta (key, value) VALUES ('a', '1')") }
    try runner.write { try $0.execute("UPDATE meta SET value = '2' WHERE key = 'a'") }
    // A refused write sends nothing.
    _ = try? runner.write { _ in throw RegistryError(.fourEyes, "no") }
    try runner.write { try $0.execute("DELETE FROM meta") }
    #expect(counters.wait { $0.count >= 4 })
    #expect(counters.all == [0, 1, 2, 3])
    #expect(try runner.changeToken() == 3)
  }

  @Test func theListenerReconnectsAfterItsConnectionIsEnded() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let counters = Inbox<Int64>()
    let drops = Inbox<String>()
    let listener = try PostgresChangeListener(
      location: db.location, reconnectDelayMilliseconds: 50, onChange: { counters.put($0) },
      onError: { drops.put($0.message) })
    listener.start()
    defer { listener.stop() }
    #expect(counters.wait { $0 == [0] })
    // An administrator ends the listener's backend; a write lands while it is away.
    let ended = try runner.withConnection { session in
      try session.queryOne(
        """
        SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
        WHERE application_name = 'flightdeck-listener' AND datname = current_database()
        """)?.decode(Int64.self, forColumn: "n")
    }
    #expect(ended == 1)
    #expect(drops.wait { !$0.isEmpty })
    try runner.write { try $0.execute("INSERT INTO meta (key, value) VALUES ('a', '1')") }
    // The second delivery is the catch-up after reconnecting (nothing arrives while the
    // connection is down), made after LISTEN: once 1 has arrived too, the listener is attached again.
    #expect(counters.wait { $0.count >= 2 && $0.contains(1) })
    try runner.write { try $0.execute("INSERT INTO meta (key, value) VALUES ('b', '2')") }
    #expect(counters.wait { $0.contains(2) })
    #expect(drops.all.first?.contains("dropped; reconnecting") == true)
  }
}

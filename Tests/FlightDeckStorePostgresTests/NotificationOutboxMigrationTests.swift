import FlightDeckStorePostgres
import Foundation
import GRDB
import Testing

@testable import FlightDeckCore

/// SQLite v10 / PostgreSQL migration 10 on outbox rows written before it:
/// each row's claims are its old `attempts` (which counted claims), and each
/// receiver of `delivered_to` becomes a delivered record with the row's
/// attempts and delivery time; a row no receiver took has no record.
@Suite struct NotificationOutboxMigrationTests {
  /// (id, state, attempts, delivered_to, delivered_at) in the old shape.
  static let oldRows: [(Int64, String, Int64, String, Int64?)] = [
    (1, "delivered", 2, #"["b","a"]"#, 5_000), (2, "failed", 3, #"["a"]"#, nil), (3, "pending", 0, "[]", nil),
  ]

  static func event(_ id: Int64) throws -> String {
    let e = NotificationEvent(
      key: String(repeating: "\(id)", count: 64), auditSequence: id, kind: .gateFailed, subject: "bot@v\(id)",
      at: Timestamp(millisecondsSinceEpoch: 1_000), actor: "carol", summary: "gate failed")
    return String(decoding: try JSONEncoder().encode(e), as: UTF8.self)
  }

  static let insert = """
    INSERT INTO notification_outbox (id, event_key, audit_sequence, kind, subject, created_at, event, state,
      attempts, next_attempt_at, last_error, delivered_to, delivered_at)
    VALUES (?, ?, ?, 'gate.failed', 'bot', 1000, ?, ?, ?, 9000, NULL, ?, ?)
    """

  /// The rows as read after the migration, checked against the old ones.
  static func check(_ entries: [NotificationOutboxEntry]) {
    let byID = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })
    let at5 = Timestamp(millisecondsSinceEpoch: 5_000)
    #expect(byID[1]?.claims == 2 && byID[1]?.state == .delivered)
    #expect(
      byID[1]?.deliveries == [
        NotificationDelivery(receiver: "a", state: .delivered, attempts: 2, deliveredAt: at5),
        NotificationDelivery(receiver: "b", state: .delivered, attempts: 2, deliveredAt: at5),
      ])
    #expect(byID[2]?.claims == 3 && byID[2]?.state == .failed && byID[2]?.attempts == 3)
    #expect(byID[2]?.deliveries == [NotificationDelivery(receiver: "a", state: .delivered, attempts: 3)])
    #expect(byID[3]?.claims == 0 && byID[3]?.deliveries == [] && byID[3]?.state == .pending)
  }

  @Test func sqliteV10MigratesOldRows() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-v10-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/registry.sqlite"
    let queue = try DatabaseQueue(path: path)
    try SQLiteRegistrySchema.migrator.migrate(queue, upTo: "v9")
    try queue.write { db in
      for (id, state, attempts, to, at) in Self.oldRows {
        try db.execute(
          sql: Self.insert,
          arguments: [
            id, String(repeating: "\(id)", count: 64), id, try Self.event(id), state, attempts, to, at,
          ])
      }
    }
    try queue.close()
    let store = try SQLiteRegistryStore(
      path: path, clock: FixedClock(Timestamp(millisecondsSinceEpoch: 10_000)))
    Self.check(try store.notificationOutbox(states: nil, limit: 10))
  }

  @Test func postgresMigration10MigratesOldRows() throws {
    guard let db = try PostgresTestCluster.freshDatabase(migrated: false) else { return }
    let runner = try db.runner()
    defer { runner.close() }
    try PostgresMigrator.migrate(runner, migrations: PostgresSchema.migrations.filter { $0.version < 10 })
    try runner.write { session in
      for (id, state, attempts, to, at) in Self.oldRows {
        try session.execute(
          Self.insert,
          binding: [
            id, String(repeating: "\(id)", count: 64), id, try Self.event(id), state, attempts, to, at,
          ])
      }
    }
    // 10 and every later migration.
    #expect(
      try PostgresMigrator.migrate(runner) == PostgresSchema.migrations.map(\.version).filter { $0 >= 10 })
    Self.check(try runner.read { try SQLStoreOutbox.entries($0, states: nil, limit: 10) })
  }
}

import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import GRDB
import Testing

/// `flightdeck audit verify` against a real database file tampered with
/// directly through a plain GRDB connection, as an attacker with write access
/// to the file would: each of the four tamperings is found and named.
///
/// The workspace holds 13 entries: `workspace.init` (1), then the seed's 12
/// (artefact 2, versions 3–5, v11's request/approvals/move 6–9, v12's 10–13).
/// `audit_log.id` (the rowid, storage order) equals the sequence until tampered.
@Suite struct AuditTamperTests {
  let clock = TestClock()
  let scratch = RegistryScratch()

  /// A seeded workspace in a fresh folder; returns its database path and the entries.
  func workspace() throws -> (path: String, entries: [AuditEntry]) {
    let dir = try scratch.directory()
    let store = try RegistryWorkspace(directory: dir).create(clock: clock, actor: RegistryFixture.alice)
    try RegistryFixture.seed(store, clock: clock)
    let entries = try store.auditEntries(since: nil)
    #expect(entries.count == 13)
    return (RegistryWorkspace(directory: dir).databasePath, entries)
  }

  /// Runs `sql` on the file through a plain GRDB queue (no FlightDeck code).
  func tamper(_ path: String, _ body: (Database) throws -> Void) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write(body)
  }

  func write(_ e: AuditEntry, id: Int64, into db: Database) throws {
    try db.execute(
      sql: """
        INSERT INTO audit_log (id, sequence, at, actor, action, subject, before, after, reason, previous_hash, hash,
          identity)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        id, e.sequence, e.at.millisecondsSinceEpoch, e.actor, e.action.rawValue, e.subject, e.before, e.after,
        e.reason, e.previousHash, e.hash, e.identity?.rawValue,
      ])
  }

  /// What a fresh process running `audit verify` reports.
  func verify(_ path: String) throws -> AuditVerification {
    try SQLiteRegistryStore(path: path, clock: clock).verifyAudit()
  }

  @Test func intactChainVerifies() throws {
    let (path, entries) = try workspace()
    let r = try verify(path)
    #expect(r.isIntact && r.entriesChecked == 13 && r.headHash == entries.last?.hash)
    #expect(entries.first?.action == .workspaceInit && entries.first?.actor == "alice")
  }

  @Test func editedEntryIsNamed() throws {
    let (path, _) = try workspace()
    try tamper(path) {
      try $0.execute(sql: "UPDATE audit_log SET reason = 'nothing to see' WHERE sequence = 5")
    }
    let p = try #require(try verify(path).problem)
    #expect(p.tampering == .edited && p.sequence == 5)
  }

  /// An entry with an action FlightDeck does not know (BREAKER-13b M2)
  /// made every later `audit verify` fail with an error; it is reported.
  @Test func anUnreadableEntryIsReportedNotThrown() throws {
    let (path, entries) = try workspace()
    try tamper(path) {
      try $0.execute(
        sql: """
          INSERT INTO audit_log (id, sequence, at, actor, action, subject, before, after, reason, previous_hash, hash)
          VALUES (14, 14, 0, 'mallory', 'note', 'x', NULL, NULL, '', ?, ?)
          """, arguments: [entries[12].hash, String(repeating: "0", count: 64)])
      try $0.execute(
        sql: "UPDATE audit_head SET sequence = 14, hash = ?", arguments: [String(repeating: "0", count: 64)])
    }
    let r = try verify(path)
    #expect(r.entriesChecked == 13 && r.headHash == entries[12].hash)
    let p = try #require(r.problem)
    #expect(p.tampering == .inserted && p.sequence == 14)
    #expect(p.detail.hasPrefix("entry 14 cannot be read ("), "\(p.detail)")
  }

  @Test func editedEntryWithRecomputedHashIsNamed() throws {
    let (path, entries) = try workspace()
    var forged = entries[4]
    forged.actor = "mallory"
    forged = AuditChain.seal(forged)
    try tamper(path) {
      try $0.execute(
        sql: "UPDATE audit_log SET actor = ?, hash = ? WHERE sequence = 5",
        arguments: [forged.actor, forged.hash])
    }
    let r = try verify(path)
    // Entry 6 still links to the old hash of 5.
    #expect(r.problem?.tampering == .edited && r.problem?.sequence == 5 && r.entriesChecked == 4)
  }

  @Test func deletedEntryIsNamed() throws {
    let (path, _) = try workspace()
    try tamper(path) { try $0.execute(sql: "DELETE FROM audit_log WHERE sequence = 7") }
    let p = try #require(try verify(path).problem)
    #expect(p.tampering == .deleted && p.sequence == 7)
  }

  @Test func deletedLastEntryIsCaughtByTheHead() throws {
    let (path, _) = try workspace()
    try tamper(path) { try $0.execute(sql: "DELETE FROM audit_log WHERE sequence = 13") }
    let r = try verify(path)
    #expect(r.problem?.tampering == .deleted && r.problem?.sequence == 13 && r.entriesChecked == 12)
  }

  @Test func swappedEntriesAreReordered() throws {
    let (path, entries) = try workspace()
    // Swap the whole contents of rows 4 and 5: storage order 1,2,3,5,4,6,….
    try tamper(path) { db in
      try db.execute(sql: "DELETE FROM audit_log WHERE id IN (4, 5)")
      try write(entries[4], id: 4, into: db)
      try write(entries[3], id: 5, into: db)
    }
    let p = try #require(try verify(path).problem)
    #expect(p.tampering == .reordered && p.sequence == 4)
  }

  @Test func swappedSequenceNumbersAreReordered() throws {
    let (path, _) = try workspace()
    try tamper(path) { db in
      try db.execute(sql: "UPDATE audit_log SET sequence = -1 WHERE id = 8")
      try db.execute(sql: "UPDATE audit_log SET sequence = 8 WHERE id = 9")
      try db.execute(sql: "UPDATE audit_log SET sequence = 9 WHERE id = 8")
    }
    let p = try #require(try verify(path).problem)
    #expect(p.tampering == .reordered && p.sequence == 8)
  }

  @Test func forgedEntryAtTheEndIsInserted() throws {
    let (path, entries) = try workspace()
    let last = try #require(entries.last)
    let forged = AuditChain.seal(
      AuditEntry(
        sequence: 14, at: last.at, actor: "mallory", action: .rollback, subject: "support-bot:production",
        before: nil, after: nil, reason: "", previousHash: last.hash, hash: ""))
    try tamper(path) { try write(forged, id: 14, into: $0) }
    let p = try #require(try verify(path).problem)
    #expect(p.tampering == .inserted && p.sequence == 14)
  }

  @Test func forgedEntryInTheMiddleIsInserted() throws {
    let (path, entries) = try workspace()
    // A forged entry 6 linked to 5 and sealed; the old 6…13 renumbered 7…14
    // and stored after it (hashes of the renumbered ones not recomputed).
    let forged = AuditChain.seal(
      AuditEntry(
        sequence: 6, at: entries[5].at, actor: "mallory", action: .pointerMove,
        subject: "support-bot:production",
        before: nil, after: #"{"version":"v13"}"#, reason: "", previousHash: entries[4].hash, hash: ""))
    var rewritten = Array(entries[0..<5]) + [forged]
    for var e in entries[5...] {
      e.sequence += 1
      rewritten.append(e)
    }
    try tamper(path) { db in
      try db.execute(sql: "DELETE FROM audit_log")
      for (i, e) in rewritten.enumerated() { try write(e, id: Int64(i + 1), into: db) }
      try db.execute(sql: "UPDATE audit_head SET sequence = 14")
    }
    let p = try #require(try verify(path).problem)
    #expect(p.tampering == .inserted && p.sequence == 6)
  }

  @Test func forgedDuplicateSequenceIsInserted() throws {
    let (path, entries) = try workspace()
    let forged = AuditChain.seal(
      AuditEntry(
        sequence: 6, at: entries[5].at, actor: "mallory", action: .rollback,
        subject: "support-bot:production",
        before: nil, after: nil, reason: "", previousHash: entries[4].hash, hash: ""))
    try tamper(path) { db in
      try db.execute(sql: "DROP INDEX audit_log_by_sequence")
      try write(forged, id: 100, into: db)
    }
    let p = try #require(try verify(path).problem)
    #expect(p.tampering == .inserted && p.sequence == 6)
  }

  /// The limit of a chain kept in the file it protects: an attacker who edits
  /// entry 5 and recomputes every later hash is caught only by the recorded
  /// head; one who also rewrites the head is caught only by a head exported
  /// elsewhere beforehand.
  @Test func rewritingEveryLaterHashIsCaughtOnlyByTheHead() throws {
    let (path, entries) = try workspace()
    let exportedHead = try #require(entries.last?.hash)
    var rewritten = entries
    rewritten[4].reason = "rewritten"
    for i in 4..<rewritten.count {
      rewritten[i].previousHash = i == 0 ? AuditChain.genesisHash : rewritten[i - 1].hash
      rewritten[i] = AuditChain.seal(rewritten[i])
    }
    try tamper(path) { db in
      for e in rewritten[4...] {
        try db.execute(
          sql: "UPDATE audit_log SET reason = ?, previous_hash = ?, hash = ? WHERE sequence = ?",
          arguments: [e.reason, e.previousHash, e.hash, e.sequence])
      }
    }
    let r = try verify(path)
    #expect(r.problem?.tampering == .edited && r.problem?.sequence == 13)
    #expect(r.problem?.detail.contains("every later hash recomputed") == true)

    try tamper(path) { db in
      try db.execute(sql: "UPDATE audit_head SET hash = ?", arguments: [rewritten[12].hash])
    }
    let fooled = try verify(path)
    #expect(fooled.isIntact)
    #expect(fooled.headHash != exportedHead)
  }

  // MARK: The markers beside the log

  @Test func deletingTheHeadRowIsAFailure() throws {
    let (path, _) = try workspace()
    try tamper(path) { db in try db.execute(sql: "DELETE FROM audit_head") }
    let p = try #require(try verify(path).problem)
    #expect(p.tampering == .deleted && p.sequence == 14)
    #expect(p.detail.contains("audit_head"))
  }

  @Test func truncatedTailWithoutHeadRowIsAFailure() throws {
    let (path, _) = try workspace()
    try tamper(path) { db in
      try db.execute(sql: "DELETE FROM audit_log WHERE sequence > 10")
      try db.execute(sql: "DELETE FROM audit_head")
    }
    let r = try verify(path)
    let p = try #require(r.problem)
    // Entries 11–13 are gone; the high-water mark (13) says so as well.
    #expect(p.tampering == .deleted && p.sequence == 11 && r.entriesChecked == 10)
  }

  @Test func wipedLogAndHeadRowIsAFailure() throws {
    let (path, _) = try workspace()
    try tamper(path) { db in
      try db.execute(sql: "DELETE FROM audit_log")
      try db.execute(sql: "DELETE FROM audit_head")
    }
    let r = try verify(path)
    #expect(r.problem?.tampering == .deleted && r.problem?.sequence == 1 && r.entriesChecked == 0)
  }

  @Test func wipedLogWithHeadResetIsAFailure() throws {
    let (path, _) = try workspace()
    try tamper(path) { db in
      try db.execute(sql: "DELETE FROM audit_log")
      try db.execute(
        sql: "UPDATE audit_head SET sequence = 0, hash = ?", arguments: [AuditChain.genesisHash])
    }
    let p = try #require(try verify(path).problem)
    #expect(p.tampering == .deleted && p.sequence == 1)
    #expect(p.detail.contains("the log is empty but this workspace once had entries up to #13"))
  }
}

import Foundation
import GRDB
import Testing

@testable import FlightDeckCore

/// ``SQLiteSession``, the SQLite backend's ``SQLSession``: every
/// ``SQLValue`` case bound and read back as SQLite stores it, `NULL` into an
/// `Optional`, a type mismatch as `.corrupt` naming the column, and
/// `INSERT … RETURNING id`. Expected values are written out by hand (SQLite's
/// `typeof()` names the storage class it kept:
/// <https://www.sqlite.org/datatype3.html>).
@Suite struct SQLiteSessionTests {
  /// Runs `body` with a session on a fresh in-memory database holding one
  /// table `t` with a column of each storage class and no declared affinity
  /// for `x` (so SQLite keeps exactly what was bound).
  func withSession<T>(_ body: (SQLiteSession) throws -> T) throws -> T {
    let queue = try DatabaseQueue()
    return try queue.write { db in
      try db.execute(
        sql: "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, x, label TEXT, n INTEGER, r REAL, b BLOB)"
      )
      return try body(SQLiteSession(db, path: "/tmp/test.sqlite"))
    }
  }

  @Test func everyValueBindsAsItsStorageClassAndReadsBack() throws {
    let values: [SQLValue] = [
      .null, .integer(-9_007_199_254_740_993), .integer(Int64.max), .real(0.1), .real(-2.5e-300),
      .text("héllo ✓"), .text(""), .blob([0, 255, 7]), .blob([]),
    ]
    let expectedTypes = ["null", "integer", "integer", "real", "real", "text", "text", "blob", "blob"]
    let rows = try withSession { s in
      for v in values { try s.execute("INSERT INTO t (x) VALUES (?)", [v]) }
      return try s.query("SELECT x, typeof(x) AS kind FROM t ORDER BY id", [])
    }
    #expect(rows.map { $0["x"] } == values)
    #expect(rows.map { $0["kind"] } == expectedTypes.map { SQLValue.text($0) })
    #expect(rows.first?.columns == ["x", "kind"])
  }

  @Test func boundArgumentsMatchTheirPlaceholdersInOrder() throws {
    let row = try withSession { s in
      try s.queryOne(
        "SELECT ? - ? AS d, ? || ? AS s, ? AS n", [.integer(10), .integer(3), "ab", "cd", .null])
    }
    #expect(row?["d"] == .integer(7))
    #expect(row?["s"] == .text("abcd"))
    #expect(row?["n"] == .null)
  }

  @Test func decodingTypedValuesAndNullIntoOptional() throws {
    let row = try #require(
      try withSession { s in
        try s.execute(
          "INSERT INTO t (label, n, r, b) VALUES (?, ?, ?, ?)",
          binding: ["v12", Int64(42), 1.5, [UInt8]([1, 2])])
        return try s.queryOne("SELECT label, n, r, b, x FROM t", [])
      })
    #expect(try row.decode(String.self, forColumn: "label") == "v12")
    #expect(try row.decode(Int64.self, forColumn: "n") == 42)
    #expect(try row.decode(Int.self, forColumn: "n") == 42)
    #expect(try row.decode(Double.self, forColumn: "r") == 1.5)
    // An integer column reads as a Double (the one conversion SQLValueConvertible makes).
    #expect(try row.decode(Double.self, forColumn: "n") == 42.0)
    #expect(try row.decode([UInt8].self, forColumn: "b") == [1, 2])
    // x was never set: NULL decodes into an Optional as nil, and as .some(nil) is not a String.
    #expect(try row.decode(String?.self, forColumn: "x") == nil)
    #expect(try row.decode(Int64?.self, forColumn: "n") == 42)
  }

  @Test func aTypeMismatchIsCorruptNamingTheColumn() throws {
    let row = try #require(
      try withSession { s in
        try s.execute("INSERT INTO t (label, n) VALUES ('v12', NULL)")
        return try s.queryOne("SELECT label, n FROM t", [])
      })
    let text = try #require(throws: RegistryError.self) { try row.decode(Int64.self, forColumn: "label") }
    #expect(text.code == .corrupt)
    #expect(text.message.contains("label"))
    #expect(text.message.contains("holds text, not a Int64"))
    let null = try #require(throws: RegistryError.self) { try row.decode(String.self, forColumn: "n") }
    #expect(null.code == .corrupt)
    #expect(null.message.contains("the stored column n holds NULL"))
    let missing = try #require(throws: RegistryError.self) { try row.decode(String.self, forColumn: "nope") }
    #expect(missing.code == .corrupt)
    #expect(missing.message.contains("no column nope"))
  }

  @Test func insertReturningIDGivesEachNewRowsID() throws {
    let ids = try withSession { s in
      [
        try s.insertReturningID("INSERT INTO t (label) VALUES (?)", binding: ["a"]),
        try s.insertReturningID("INSERT INTO t (label) VALUES (?)", binding: ["b"]),
        try s.insertReturningID("INSERT INTO t (id, label) VALUES (?, ?)", binding: [Int64(40), "c"]),
        try s.insertReturningID("INSERT INTO t (label) VALUES (?)", binding: ["d"]),
      ]
    }
    // AUTOINCREMENT: 1, 2, then the explicit 40, then one past the highest ever used.
    #expect(ids == [1, 2, 40, 41])
  }

  @Test func sqliteFailuresAreMappedNamingTheFile() throws {
    let e = try #require(throws: RegistryError.self) {
      try withSession { s in try s.execute("INSERT INTO missing_table (x) VALUES (1)") }
    }
    #expect(e.code == .storage)
    #expect(e.message.contains("/tmp/test.sqlite"))
    #expect(e.message.contains("no such table: missing_table"))
  }

  @Test func tableExistsSeesTheSchema() throws {
    let (t, missing) = try withSession { s in (try s.tableExists("t"), try s.tableExists("rollout")) }
    #expect(t)
    #expect(!missing)
  }
}

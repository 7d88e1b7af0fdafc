import FlightDeckCore
import Foundation
import Testing

@testable import FlightDeckStorePostgres

/// The session against a real PostgreSQL: every ``SQLValue`` bound and read
/// back, NULLs, column names, placeholders, the catalog.
@Suite struct PostgresSQLSessionTests {
  @Test func everyValueRoundTripsThroughItsColumnType() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let blob: [UInt8] = [0, 1, 0x7F, 0x80, 0xFF, 0x27, 0x3F]
    let values: [(String, SQLValue)] = [
      ("i", .integer(Int64.min)), ("j", .integer(Int64.max)), ("k", .integer(0)),
      ("r", .real(-1.5e300)), ("s", .real(0.1)), ("t", .text("naïve 'quote' ? \"dq\" \\ 日本")),
      ("e", .text("")), ("b", .blob(blob)), ("z", .blob([])),
    ]
    let rows = try runner.write { session -> [SQLRow] in
      try session.execute(
        """
        CREATE TABLE v (i BIGINT, j BIGINT, k BIGINT, r DOUBLE PRECISION, s DOUBLE PRECISION,
          t TEXT, e TEXT, b BYTEA, z BYTEA)
        """)
      try session.execute(
        "INSERT INTO v (i, j, k, r, s, t, e, b, z) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values.map(\.1))
      try session.execute("INSERT INTO v (i) VALUES (?)", [.null])
      return try session.query("SELECT i, j, k, r, s, t, e, b, z FROM v ORDER BY i NULLS LAST", [])
    }
    #expect(rows.count == 2)
    #expect(rows[0] == SQLRow(columns: values.map(\.0), values: values.map(\.1)))
    #expect(rows[1] == SQLRow(columns: values.map(\.0), values: Array(repeating: .null, count: values.count)))
    // Read back by an independent path: PostgreSQL's own text rendering of the stored values.
    let text = try runner.read { session in
      try session.queryOne(
        "SELECT CAST(i AS TEXT) AS i, CAST(r AS TEXT) AS r, encode(b, 'hex') AS b, length(t) AS n FROM v WHERE i IS NOT NULL"
      )
    }
    #expect(text?["i"] == .text("-9223372036854775808"))
    #expect(text?["r"] == .text("-1.5e+300"))
    #expect(text?["b"] == .text("00017f80ff273f"))
    #expect(text?["n"] == .integer(25))  // characters, not bytes: the text arrived as UTF-8
  }

  @Test func columnTypesDecodeByDataType() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let row = try runner.read { session in
      try session.queryOne(
        """
        SELECT CAST(7 AS SMALLINT) AS small, 8 AS int4, CAST(9 AS BIGINT) AS int8,
          CAST(0.25 AS REAL) AS f4, CAST(0.5 AS DOUBLE PRECISION) AS f8, CAST(12.75 AS NUMERIC) AS num,
          SUM(CAST(3 AS BIGINT)) AS summed, true AS yes, false AS no,
          CAST('v' AS VARCHAR(3)) AS vc, CAST('n' AS NAME) AS nm, CAST('c' AS CHAR(2)) AS ch,
          CAST(NULL AS TEXT) AS nothing, count(*) AS counted
        """)
    }
    let expected: [String: SQLValue] = [
      "small": 7, "int4": 8, "int8": 9, "f4": 0.25, "f8": 0.5, "num": 12.75, "summed": 3.0, "yes": 1, "no": 0,
      "vc": "v", "nm": "n", "ch": "c ", "nothing": nil, "counted": 1,
    ]
    for (column, value) in expected { #expect(row?[column] == value, "\(column)") }
    #expect(
      row?.columns == [
        "small", "int4", "int8", "f4", "f8", "num", "summed", "yes", "no", "vc", "nm", "ch", "nothing",
        "counted",
      ])
  }

  @Test func anUnreadableColumnTypeIsNamed() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let error = #expect(throws: RegistryError.self) {
      try runner.read { try $0.query("SELECT now() AS stamp", []) }
    }
    #expect(error?.code == .storage)
    #expect(error?.message.contains("stamp") == true && error?.message.contains("TIMESTAMPTZ") == true)
  }

  @Test func aQuestionMarkInsideALiteralStaysText() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let row = try runner.read { session in
      try session.queryOne(
        "SELECT 'why?' AS a, ? AS b, 'it''s ?' AS c, \"q?\" AS d, ? AS e -- trailing ?\nFROM (SELECT 1 AS \"q?\") AS s /* ? */",
        [.text("first"), .integer(2)])
    }
    #expect(row == SQLRow(columns: ["a", "b", "c", "d", "e"], values: ["why?", "first", "it's ?", 1, 2]))
  }

  @Test func aPlaceholderCountMismatchIsRefusedBeforeSending() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    let error = #expect(throws: RegistryError.self) {
      try runner.read { try $0.query("SELECT ? AS a, ? AS b", [.integer(1)]) }
    }
    #expect(error?.message.contains("2 placeholders but 1 arguments") == true)
  }

  @Test func tableExistsReadsTheCatalog() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let runner = try db.runner()
    defer { runner.close() }
    #expect(try runner.read { try $0.tableExists("scratch") } == false)
    try runner.write { try $0.execute("CREATE TABLE scratch (name TEXT)") }
    #expect(try runner.read { try $0.tableExists("scratch") } == true)
    #expect(try runner.read { try $0.tableExists("artefact") } == true)
    #expect(try runner.read { try $0.tableExists("ARTEFACT") } == false)
    #expect(try runner.read { try $0.tableExists("no'such\"table") } == false)
  }
}

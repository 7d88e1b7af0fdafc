import Testing

@testable import FlightDeckStorePostgres

/// `?` → `$n` outside literals, quoted identifiers, dollar quotes and comments.
@Suite struct PostgresPlaceholdersTests {
  @Test(arguments: [
    ("SELECT ?", "SELECT $1", 1),
    (
      "INSERT INTO t (a, b) VALUES (?, ?) RETURNING id", "INSERT INTO t (a, b) VALUES ($1, $2) RETURNING id",
      2
    ),
    ("SELECT '?' , ?", "SELECT '?' , $1", 1),
    ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1),
    ("SELECT E'\\' ?', ?", "SELECT E'\\' ?', $1", 1),
    ("SELECT '\\', ?", "SELECT '\\', $1", 1),
    ("SELECT \"a?\"\"b\" FROM t WHERE x = ?", "SELECT \"a?\"\"b\" FROM t WHERE x = $1", 1),
    ("SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2),
    ("SELECT /* a /* nested ? */ still ? */ ?", "SELECT /* a /* nested ? */ still ? */ $1", 1),
    ("SELECT $$ ? $$, $tag$ it's ? $tag$, ?", "SELECT $$ ? $$, $tag$ it's ? $tag$, $1", 1),
    ("SELECT a$b, ?", "SELECT a$b, $1", 1),
    ("SELECT 1", "SELECT 1", 0),
    ("SELECT 'unterminated ?", "SELECT 'unterminated ?", 0),
  ])
  func rewrites(sql: String, expected: String, count: Int) {
    let result = PostgresPlaceholders.rewrite(sql)
    #expect(result.sql == expected)
    #expect(result.count == count)
  }

  @Test func numbersPastNine() {
    let sql = Array(repeating: "?", count: 12).joined(separator: ",")
    #expect(PostgresPlaceholders.rewrite(sql).sql == (1...12).map { "$\($0)" }.joined(separator: ","))
  }
}

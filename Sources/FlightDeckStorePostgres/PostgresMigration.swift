/// One versioned change of the PostgreSQL schema: statements run in order,
/// in the migration's transaction, then recorded in
/// `flightdeck_schema_migrations` under ``version``.
public struct PostgresMigration: Sendable, Hashable {
  /// 1, 2, …: applied in increasing order, each once.
  public let version: Int
  /// What it does, stored with it.
  public let summary: String
  /// The statements, one per element (the extended protocol runs one at a time).
  public let statements: [String]

  /// A migration.
  public init(version: Int, summary: String, statements: [String]) {
    self.version = version
    self.summary = summary
    self.statements = statements
  }
}

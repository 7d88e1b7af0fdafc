import FlightDeckCore
import FlightDeckStorePostgres

extension StoreBackends {
  /// The backends the command-line tool opens: the embedded SQLite store and PostgreSQL.
  static let cli = StoreBackends.embedded.adding(PostgresStoreBackend())
}

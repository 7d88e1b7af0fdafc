import FlightDeckCore

extension StoreBackends {
  /// The backends the command-line tool opens: the embedded SQLite store.
  static let cli = StoreBackends.embedded
}

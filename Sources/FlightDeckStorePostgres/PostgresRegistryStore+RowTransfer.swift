import FlightDeckCore

extension PostgresRegistryStore: StoreRowTransfer {
  /// The tables whose `id` is an identity column (``PostgresSchema``).
  static let identityTables = [
    "version", "pointer_move", "promotion_request", "request_decision", "audit_log", "gate_result", "rollout",
    "silence", "incident", "incident_link", "incident_note", "notification_outbox",
  ]

  /// Runs `body` in one `REPEATABLE READ READ ONLY` transaction (one snapshot of every table).
  /// - Throws: ``RegistryError`` on a storage failure, or what `body` throws.
  public func readingRows<T>(_ body: (any SQLSession) throws -> T) throws -> T {
    try runner.read(body)
  }

  /// Runs `body` in one write transaction, then moves every identity
  /// column's sequence past the largest id now in its table (rows copied
  /// with their own ids do not advance it), so the next insert continues
  /// after them (`setval`, <https://www.postgresql.org/docs/current/functions-sequence.html>).
  /// - Throws: ``RegistryError`` on a storage failure, or what `body` throws
  ///   (nothing is then written).
  public func writingRows<T>(_ body: (any SQLSession) throws -> T) throws -> T {
    try runner.write { session in
      let result = try body(session)
      for table in Self.identityTables {
        _ = try session.query(
          "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE((SELECT MAX(id) FROM \(table)), 0) + 1, false) AS v",
          [])
      }
      return result
    }
  }
}

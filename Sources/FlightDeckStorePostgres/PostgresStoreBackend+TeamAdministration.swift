import FlightDeckCore

extension PostgresStoreBackend: StoreTeamAdministration {
  /// ``PostgresTeamRoles/setupSQL(database:)`` for the location's database,
  /// followed by how to add a person.
  /// - Throws: ``RegistryError`` `.invalidInput(field: "store")` for a bad location.
  public func teamSetupScript(at location: StoreLocation) throws -> String {
    let postgres = try PostgresLocation(parsing: location.text)
    return PostgresTeamRoles.setupSQL(database: postgres.database)
      + """
      -- Then one login role per person, a member of the group role of their job:
      --   CREATE ROLE alice LOGIN PASSWORD '…';  GRANT flightdeck_operator TO alice;
      --   CREATE ROLE bob   LOGIN PASSWORD '…';  GRANT flightdeck_approver TO bob;
      --   CREATE ROLE carol LOGIN PASSWORD '…';  GRANT flightdeck_release_manager TO carol;
      -- FlightDeck records session_user as the actor and reads roles from these memberships.

      """
  }

  /// Runs every statement of ``PostgresTeamRoles/statements(database:)`` in
  /// one write transaction.
  /// - Returns: how many statements ran.
  /// - Throws: ``RegistryError`` for a bad location, a connection failure or
  ///   the database's refusal; nothing is then changed.
  public func applyTeamSetup(at location: StoreLocation) throws -> Int {
    let postgres = try PostgresLocation(parsing: location.text)
    let runner = try PostgresTransactionRunner(location: postgres, poolSize: 1)
    defer { runner.close() }
    let statements = PostgresTeamRoles.statements(database: postgres.database)
    try runner.write { session in
      for statement in statements { try session.execute(statement, []) }
    }
    return statements.count
  }
}

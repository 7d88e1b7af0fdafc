import FlightDeckCore

/// The SQL that sets up a team's roles and grants on a migrated PostgreSQL
/// store (what `flightdeck admin` prints and can apply): four group roles,
/// each a member of the one below it, so that the database itself refuses a
/// role the right it lacks.
///
/// | role | may |
/// |---|---|
/// | `flightdeck_viewer` | read every table |
/// | `flightdeck_operator` | + request promotions, record gates, run rollouts, alerts, silences, incidents (and the audit append every write makes) |
/// | `flightdeck_approver` | + decide requests (`request_decision`) and apply them (move pointers) |
/// | `flightdeck_release_manager` | + register artefacts and versions, set canary weights, roll back |
///
/// A person logs in as their own role (`CREATE ROLE alice LOGIN`; `GRANT
/// flightdeck_approver TO alice`), so `session_user` names them. The roles
/// are `NOLOGIN` and inherit: privileges flow through membership
/// (<https://www.postgresql.org/docs/current/role-membership.html>). Every
/// statement is idempotent: the SQL can be applied again after a migration.
public enum PostgresTeamRoles {
  /// The group roles, from least to most trusted.
  public static let roles = [
    "flightdeck_viewer", "flightdeck_operator", "flightdeck_approver", "flightdeck_release_manager",
  ]

  /// The FlightDeck role each group role stands for: `flightdeck_viewer` →
  /// `viewer`, `flightdeck_operator` → `operator`, `flightdeck_approver` →
  /// `approver`, `flightdeck_release_manager` → `release-manager` (the role
  /// ``RiskPolicy`` asks of one approver of a critical promotion). A member of
  /// a higher role is a member of every lower one, so a release manager is
  /// also an approver, an operator and a viewer.
  public static let flightDeckRole = [
    "flightdeck_viewer": "viewer", "flightdeck_operator": "operator", "flightdeck_approver": "approver",
    "flightdeck_release_manager": "release-manager",
  ]

  /// The FlightDeck roles of the session's role (`session_user`): those of
  /// ``flightDeckRole`` whose group role exists and has it as a member,
  /// directly or through other roles (`pg_has_role(…, 'MEMBER')`), sorted.
  /// - Throws: ``RegistryError`` when the catalog cannot be read.
  public static func flightDeckRoles(of session: any SQLSession) throws -> [String] {
    let names = roles.map { "'\($0)'" }.joined(separator: ", ")
    return try session.query(
      """
      SELECT CAST(rolname AS TEXT) AS name FROM pg_catalog.pg_roles
      WHERE rolname IN (\(names)) AND pg_has_role(session_user, oid, 'MEMBER')
      """, []
    ).compactMap { flightDeckRole[try $0.decode(String.self, forColumn: "name")] }.sorted()
  }

  /// The statements for the database named `database`, in order (each one
  /// statement, for a client that runs one at a time).
  public static func statements(database: String) -> [String] {
    let db = "\"" + database.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    var sql: [String] = []
    for role in roles {
      sql.append(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(role)') THEN CREATE ROLE \(role) NOLOGIN INHERIT; END IF; END $$"
      )
    }
    for (lower, higher) in zip(roles, roles.dropFirst()) { sql.append("GRANT \(lower) TO \(higher)") }
    sql += [
      "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
      "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
      "GRANT CONNECT ON DATABASE \(db) TO flightdeck_viewer",
      "GRANT USAGE ON SCHEMA public TO flightdeck_viewer",
      "GRANT SELECT ON ALL TABLES IN SCHEMA public TO flightdeck_viewer",
      // Every write transaction appends to the audit chain and bumps the change counter.
      "GRANT INSERT ON audit_log TO flightdeck_operator",
      "GRANT UPDATE ON audit_head, \(PostgresChangeFeed.table) TO flightdeck_operator",
      "GRANT INSERT, UPDATE ON meta TO flightdeck_operator",
      // Requests (and their expiry, which any write performs), gates, rollouts, alerts, silences, incidents.
      "GRANT INSERT, UPDATE ON promotion_request TO flightdeck_operator",
      "GRANT INSERT ON gate_result TO flightdeck_operator",
      "GRANT INSERT, UPDATE ON rollout TO flightdeck_operator",
      "GRANT INSERT, UPDATE, DELETE ON alert_instance TO flightdeck_operator",
      "GRANT INSERT, UPDATE ON silence, incident, incident_link, incident_note TO flightdeck_operator",
      // Deciding and applying requests.
      "GRANT INSERT ON request_decision TO flightdeck_approver",
      "GRANT INSERT, UPDATE ON pointer TO flightdeck_approver",
      "GRANT INSERT ON pointer_move TO flightdeck_approver",
      "GRANT UPDATE ON version TO flightdeck_approver",
      // The registry itself.
      "GRANT INSERT, UPDATE ON artefact TO flightdeck_release_manager",
      "GRANT INSERT ON version TO flightdeck_release_manager",
    ]
    return sql
  }

  /// ``statements(database:)`` as one script, each statement ending with `;`.
  public static func setupSQL(database: String) -> String {
    statements(database: database).map { $0 + ";\n" }.joined()
  }
}

import FlightDeckCore

/// The SQL that sets up a team's roles and grants on a migrated PostgreSQL
/// store (what `flightdeck admin` prints and can apply): four group roles,
/// each a member of the one below it, so that the database itself refuses a
/// role the right it lacks.
///
/// | role | may |
/// |---|---|
/// | `flightdeck_viewer` | read every table |
/// | `flightdeck_operator` | + request promotions, move any pointer but `production` (canary promotions, rollouts), set canary weights, record gates, rollouts, alerts, silences, incidents (and the audit append every write makes); move `production` only by applying a request whose rule needs no approval |
/// | `flightdeck_approver` | + decide requests (`request_decision`), move `production` (the approval that applies a request, a rollback to a version that served production before) |
/// | `flightdeck_release_manager` | + register artefacts and versions, import, change the configuration in force |
///
/// Table grants carry what a whole table or column allows; row-level
/// security policies (``policyStatements``) carry what depends on the row:
/// which pointer moves, which `meta` key is written.
///
/// A person logs in as their own role (`CREATE ROLE alice LOGIN`; `GRANT
/// flightdeck_approver TO alice`), so `session_user` names them. The roles
/// are `NOLOGIN` and inherit: privileges flow through membership
/// (<https://www.postgresql.org/docs/current/role-membership.html>). The SQL
/// can be applied again (after an upgrade, to an older workspace): it revokes
/// the four roles' table grants and drops its policies before granting and
/// creating them, so every run leaves the same grants and policies.
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
    // Roles and their memberships are the cluster's, shared by every
    // database in it: two databases set up at once race to create the same
    // role or membership, and the loser's insert into the catalog fails with
    // duplicate_object or unique_violation. What it wanted then exists, so
    // that failure is taken as success (check-then-create alone is not enough).
    for role in roles {
      sql.append(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(role)') THEN CREATE ROLE \(role) NOLOGIN INHERIT; END IF; "
          + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
      )
    }
    for (lower, higher) in zip(roles, roles.dropFirst()) {
      sql.append(
        "DO $$ BEGIN GRANT \(lower) TO \(higher); EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
      )
    }
    let team = roles.joined(separator: ", ")
    sql += [
      "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
      "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
      // Start from nothing, so applying the SQL again leaves exactly these grants
      // (a grant of an older FlightDeck, such as UPDATE on all of version, goes).
      "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM \(team)",
      "GRANT CONNECT ON DATABASE \(db) TO flightdeck_viewer",
      "GRANT USAGE ON SCHEMA public TO flightdeck_viewer",
      "GRANT SELECT ON ALL TABLES IN SCHEMA public TO flightdeck_viewer",
      // Every write transaction appends to the audit chain and bumps the change counter.
      "GRANT INSERT ON audit_log TO flightdeck_operator",
      "GRANT UPDATE ON audit_head, \(PostgresChangeFeed.table) TO flightdeck_operator",
      "GRANT INSERT, UPDATE ON meta TO flightdeck_operator",
      // Requests (and their expiry, which any write performs), gates, rollouts, alerts, silences, incidents.
      // A request is filed whole; afterwards only its state moves (decided, applied, expired,
      // cancelled): its version, target and rule stay as filed (BREAKER-13 #1).
      "GRANT INSERT ON promotion_request TO flightdeck_operator",
      "GRANT UPDATE (state, state_changed_at) ON promotion_request TO flightdeck_operator",
      "GRANT INSERT ON gate_result TO flightdeck_operator",
      "GRANT INSERT, UPDATE ON rollout TO flightdeck_operator",
      "GRANT INSERT, UPDATE, DELETE ON alert_instance TO flightdeck_operator",
      "GRANT INSERT, UPDATE ON notification_outbox TO flightdeck_operator",
      // The controller's notification log: written after each notification, expired entries deleted.
      "GRANT INSERT, UPDATE, DELETE ON notification_log TO flightdeck_operator",
      // Every pointer move and weight change owes its artefact a publish; publishers record targets.
      "GRANT INSERT, UPDATE ON routing_outbox, routing_target TO flightdeck_operator",
      "GRANT INSERT, UPDATE ON silence, incident, incident_link, incident_note TO flightdeck_operator",
      // The controller (`flightdeck serve`) takes and renews its lease.
      "GRANT INSERT, UPDATE ON controller_lease TO flightdeck_operator",
      // Rollouts and canaries: pointers (production only as the policies below allow),
      // the canary weight, and the rolled-back mark an abort sets and a retry clears.
      "GRANT INSERT, UPDATE ON pointer TO flightdeck_operator",
      "GRANT INSERT ON pointer_move TO flightdeck_operator",
      "GRANT UPDATE (canary_weight) ON artefact TO flightdeck_operator",
      "GRANT UPDATE (rolled_back_at) ON version TO flightdeck_operator",
      // Deciding requests (the approval that meets the rule moves production: the policies).
      "GRANT INSERT ON request_decision TO flightdeck_approver",
      // The registry itself.
      "GRANT INSERT, UPDATE ON artefact TO flightdeck_release_manager",
      "GRANT INSERT ON version TO flightdeck_release_manager",
      "GRANT INSERT ON version_template TO flightdeck_release_manager",
    ]
    sql += policyStatements
    return sql
  }

  /// What a row-level security policy refuses on each table it guards, as
  /// the rest of a sentence after "role NAME" (``PostgresErrors`` words the
  /// database's "new row violates row-level security policy" with it).
  static let policyRefusals = [
    "pointer_move": productionRefusal + ", nor record a move in another member's name",
    "pointer": productionRefusal,
    "request_decision": "may not decide a request in another member's name",
    "promotion_request":
      "may not file a request in another member's name (only the rollout controller may, for the starter of the unfinished rollout of that version)",
    "audit_log":
      "may not append an audit entry in another member's name, nor one whose identity is not its own database role",
    "meta":
      "may not change the workspace's configuration (risk policy, roles, gates): only a member of flightdeck_release_manager may",
  ]

  static let productionRefusal =
    "may not move the production pointer: only the application of a promotion request whose approvals meet its rule may, a rollback by a member of flightdeck_approver to a version that served production before, or an import by a member of flightdeck_release_manager"

  /// The row-level security of `pointer_move`, `pointer`, `promotion_request`,
  /// `request_decision`, `audit_log` and `meta`: the rules
  /// a table grant cannot state.
  ///
  /// - A `pointer_move` of `production` must be the application of a
  ///   promotion request to production of that version, applied, whose
  ///   approvals meet its rule (approvals by distinct people, the requester
  ///   counted only if the rule allows self-approval, one with the rule's
  ///   role if it names one; none for the low tier's "applied at once"),
  ///   not used by any earlier move — or a rollback by a member of
  ///   `flightdeck_approver` to a version that served production before
  ///   (`flightdeck_served_production`), or an import by a member of
  ///   `flightdeck_release_manager`; any other pointer moves freely (canary, staging…).
  /// - A `promotion_request` names its filer as requester, or the starter of
  ///   the unfinished rollout of that artefact and version whose id heads the
  ///   reason (`RO-7: …`: the rollout controller files a rollout's production
  ///   request on behalf of whoever started it).
  /// - The `pointer` row of `production` must point along the artefact's
  ///   newest production move (so a non-approver cannot set it by hand).
  /// - `meta` rows other than the audit high-water mark (the configuration
  ///   in force) are written by release managers only.
  /// - Who: a `pointer_move` names the role that makes it (or one of
  ///   FlightDeck's own `system:` actors), a `request_decision` the role
  ///   that decides, and an `audit_log` entry either the role, as
  ///   `database-role`, or a `system:` actor, as `system` — so nobody
  ///   decides, moves or appends in another member's name (BREAKER-13 #2, #3).
  ///
  /// The three lookups (arguments: artefact, version, and a request or move id) that
  /// read `pointer_move` from its own policy are
  /// `SECURITY DEFINER` functions (a policy that queries its own table
  /// recurses); they run as the role applying this SQL, the tables' owner,
  /// which RLS does not bind (no `FORCE ROW LEVEL SECURITY`: the owner
  /// migrates and copies workspaces, and is no team member).
  static let policyStatements: [String] = {
    let approver = "pg_has_role('flightdeck_approver', 'MEMBER')"
    var sql = [
      """
      CREATE OR REPLACE FUNCTION flightdeck_holds_role(TEXT, TEXT)
      RETURNS BOOLEAN LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        team_role TEXT := 'flightdeck_' || replace($2, '-', '_');
      BEGIN
        -- A decision's roles are what the approver's session declared: the database checks
        -- the approver (a login role) really is a member of the team role the rule needs.
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)
           OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = team_role) THEN
          RETURN false;
        END IF;
        RETURN pg_has_role($1, team_role, 'MEMBER');
      END $$
      """,
      """
      CREATE OR REPLACE FUNCTION flightdeck_applies_request(TEXT, TEXT, BIGINT)
      RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        SELECT EXISTS (
          SELECT 1 FROM promotion_request r WHERE r.id = $3 AND r.artefact = $1
            AND r.version = $2 AND r.target = 'production' AND r.state = 'applied'
            AND (SELECT count(DISTINCT d.actor) FROM request_decision d
                 WHERE d.request_id = r.id AND d.verdict = 'approve'
                   AND (r.rule_self_approval = 1 OR d.actor <> r.requester)) >= r.rule_approvals
            AND (r.rule_role IS NULL OR r.rule_approvals = 0 OR EXISTS (
                 SELECT 1 FROM request_decision d
                 WHERE d.request_id = r.id AND d.verdict = 'approve' AND d.roles::jsonb ? r.rule_role
                   AND flightdeck_holds_role(d.actor, r.rule_role)))
        ) AND NOT EXISTS (SELECT 1 FROM pointer_move m WHERE m.request_id = $3)
      $$
      """,
      """
      CREATE OR REPLACE FUNCTION flightdeck_is_newest_move(TEXT, TEXT, TEXT, BIGINT)
      RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        SELECT EXISTS (
          SELECT 1 FROM pointer_move m WHERE m.id = $4 AND m.artefact = $1 AND m.pointer = $2
            AND m.to_version = $3
            AND m.id = (SELECT max(n.id) FROM pointer_move n WHERE n.artefact = $1 AND n.pointer = $2)
        )
      $$
      """,
      """
      CREATE OR REPLACE FUNCTION flightdeck_served_production(TEXT, TEXT)
      RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        SELECT EXISTS (
          SELECT 1 FROM pointer_move m WHERE m.artefact = $1 AND m.pointer = 'production' AND m.to_version = $2
        )
      $$
      """,
    ]
    let ownName = "actor = CAST(session_user AS TEXT)"
    let system = "actor LIKE 'system:%'"
    let releaseManager = "pg_has_role('flightdeck_release_manager', 'MEMBER')"
    let movesProduction =
      "(pointer <> 'production' OR (cause = 'promotion' AND flightdeck_applies_request(artefact, to_version, request_id)) OR (cause = 'rollback' AND \(approver) AND flightdeck_served_production(artefact, to_version)) OR (cause = 'import' AND \(releaseManager))) AND (\(ownName) OR \(system))"
    // A request names its filer, or — filed by the rollout controller on behalf of whoever
    // started the rollout — the starter of the unfinished rollout of that very version,
    // with the rollout's id at the head of the reason.
    let filesOwnRequest =
      "requester = CAST(session_user AS TEXT) OR EXISTS (SELECT 1 FROM rollout r WHERE r.artefact = promotion_request.artefact AND r.version = promotion_request.version AND r.finished = 0 AND r.started_by = promotion_request.requester AND promotion_request.reason LIKE 'RO-' || r.id || ':%')"
    let appendsOwnEntry =
      "(\(ownName) AND identity = '\(ActorIdentification.databaseRole.rawValue)') OR (\(system) AND identity = '\(ActorIdentification.system.rawValue)')"
    // Every pointer, for every role: it holds what its newest move set (BREAKER-13 C2: an
    // approver's bare UPDATE of production, an operator's of a canary, left no move behind).
    let pointsProduction = "flightdeck_is_newest_move(artefact, name, version, last_move)"
    let configuration =
      "key = '\(AuditChain.highWaterKey)' OR pg_has_role('flightdeck_release_manager', 'MEMBER')"
    let policies: [(table: String, name: String, rule: String)] = [
      ("pointer_move", "flightdeck_read", "FOR SELECT TO flightdeck_viewer USING (true)"),
      (
        "pointer_move", "flightdeck_move", "FOR INSERT TO flightdeck_operator WITH CHECK (\(movesProduction))"
      ),
      ("pointer", "flightdeck_read", "FOR SELECT TO flightdeck_viewer USING (true)"),
      ("pointer", "flightdeck_set", "FOR INSERT TO flightdeck_operator WITH CHECK (\(pointsProduction))"),
      (
        "pointer", "flightdeck_update",
        "FOR UPDATE TO flightdeck_operator USING (true) WITH CHECK (\(pointsProduction))"
      ),
      ("promotion_request", "flightdeck_read", "FOR SELECT TO flightdeck_viewer USING (true)"),
      (
        "promotion_request", "flightdeck_file",
        "FOR INSERT TO flightdeck_operator WITH CHECK (\(filesOwnRequest))"
      ),
      (
        "promotion_request", "flightdeck_update",
        "FOR UPDATE TO flightdeck_operator USING (true) WITH CHECK (true)"
      ),
      ("request_decision", "flightdeck_read", "FOR SELECT TO flightdeck_viewer USING (true)"),
      ("request_decision", "flightdeck_decide", "FOR INSERT TO flightdeck_approver WITH CHECK (\(ownName))"),
      ("audit_log", "flightdeck_read", "FOR SELECT TO flightdeck_viewer USING (true)"),
      ("audit_log", "flightdeck_append", "FOR INSERT TO flightdeck_operator WITH CHECK (\(appendsOwnEntry))"),
      ("meta", "flightdeck_read", "FOR SELECT TO flightdeck_viewer USING (true)"),
      ("meta", "flightdeck_write", "FOR INSERT TO flightdeck_operator WITH CHECK (\(configuration))"),
      (
        "meta", "flightdeck_update",
        "FOR UPDATE TO flightdeck_operator USING (\(configuration)) WITH CHECK (\(configuration))"
      ),
    ]
    for table in ["pointer_move", "pointer", "promotion_request", "request_decision", "audit_log", "meta"] {
      sql.append("ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY")
    }
    for p in policies {
      sql.append("DROP POLICY IF EXISTS \(p.name) ON \(p.table)")
      sql.append("CREATE POLICY \(p.name) ON \(p.table) \(p.rule)")
    }
    // The looser check of earlier roles SQL (any approver could move production), once no policy uses it.
    sql.append("DROP FUNCTION IF EXISTS flightdeck_applies_request_at_once(TEXT, TEXT, BIGINT)")
    return sql
  }()

  /// ``statements(database:)`` as one script, each statement ending with `;`.
  public static func setupSQL(database: String) -> String {
    statements(database: database).map { $0 + ";\n" }.joined()
  }
}

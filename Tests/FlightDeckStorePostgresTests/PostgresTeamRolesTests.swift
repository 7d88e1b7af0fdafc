import FlightDeckCore
import Foundation
import Testing

@testable import FlightDeckStorePostgres

/// The team roles applied to a real store: a viewer reads but cannot write,
/// an operator requests but cannot decide, an approver decides.
@Suite struct PostgresTeamRolesTests {
  @Test func eachRoleIsRefusedWhatItLacksByTheDatabase() throws {
    guard let db = try PostgresTestCluster.freshDatabase() else { return }
    let owner = try db.runner()
    defer { owner.close() }
    try owner.withConnection { session in
      for statement in PostgresTeamRoles.statements(database: db.location.database) {
        try session.execute(statement)
      }
      // Idempotent: a second application changes nothing and fails on nothing.
      for statement in PostgresTeamRoles.statements(database: db.location.database) {
        try session.execute(statement)
      }
      try session.execute(
        "INSERT INTO artefact (name, kind, owner, risk_tier, description, created_at, created_by) VALUES ('m', 'model', 'o', 'low', '', 0, 'x')"
      )
      try session.execute(
        "INSERT INTO version (artefact, label, created_at, created_by, tags, description) VALUES ('m', 'v1', 0, 'x', '[]', '')"
      )
    }
    let viewer = try db.role("fd_view", grants: ["GRANT flightdeck_viewer TO ROLE"])
    let opRole = try db.role("fd_oper", grants: ["GRANT flightdeck_operator TO ROLE"])
    let approver = try db.role("fd_appr", grants: ["GRANT flightdeck_approver TO ROLE"])

    let asViewer = try PostgresTransactionRunner(location: viewer)
    defer { asViewer.close() }
    #expect(try asViewer.read { try $0.query("SELECT name FROM artefact", []) }.count == 1)
    let refused = #expect(throws: RegistryError.self) {
      try asViewer.write { try $0.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')") }
    }
    #expect(
      refused?.code == .missingRole("UPDATE on flightdeck_change")
        || refused?.code == .missingRole("INSERT on meta"))
    #expect(refused?.message.contains("role \(viewer.user) lacks the") == true)

    let request = """
      INSERT INTO promotion_request (artefact, version, target, requester, reason, created_at, expires_at, state,
        state_changed_at, rule_approvals, rule_self_approval) VALUES ('m', 'v1', 'production', ?, 'r', 0,
        flightdeck_now_ms() + 60000, 'pending', 0, 1, 0)
      RETURNING id
      """
    let asOperator = try PostgresTransactionRunner(location: opRole)
    defer { asOperator.close() }
    // Filed with its request.create entry (migration 9), sealed by the public recipe.
    let id = try asOperator.write { session in
      let id = try session.queryOne(request, [.text(try asOperator.sessionUser())])?.decode(
        Int64.self, forColumn: "id")
      try PostgresFourEyesGuardsTests.appendByHand(
        session, actor: opRole.user, action: .requestCreate, subject: "REQ-\(id ?? -1)",
        after: #"{"approvalsNeeded":1}"#, at: 0)
      return id
    }
    let decide =
      "INSERT INTO request_decision (request_id, actor, roles, verdict, at, comment) VALUES (?, ?, '[]', 'approve', 0, '')"
    let notApprover = #expect(throws: RegistryError.self) {
      try asOperator.write { try $0.execute(decide, [.integer(id ?? -1), .text(opRole.user)]) }
    }
    #expect(notApprover?.code == .missingRole("INSERT on request_decision"))
    #expect(
      notApprover?.message
        == "the database refused: role \(opRole.user) lacks the INSERT right on table request_decision (permission denied for table request_decision); only a role granted it (flightdeck admin) may do this"
    )

    let asApprover = try PostgresTransactionRunner(location: approver)
    defer { asApprover.close() }
    // The decision alone is refused at commit (migration 3's audit guard) ...
    let unaudited = #expect(throws: RegistryError.self) {
      try asApprover.write { try $0.execute(decide, [.integer(id ?? -1), .text(approver.user)]) }
    }
    #expect(unaudited?.code == .missingRole("INSERT on request_decision"))
    // ... and goes through with its audit entry (and the head) in the same transaction.
    try asApprover.write { session in
      try session.execute(decide, [.integer(id ?? -1), .text(approver.user)])
      // Migration 6: an entry is appended together with the head moving to it.
      try PostgresFourEyesGuardsTests.appendByHand(
        session, actor: approver.user, action: .requestApprove, subject: "REQ-\(id ?? -1)", at: 0)
    }
    #expect(
      try owner.read { try $0.query("SELECT actor FROM request_decision", []) }.map { $0["actor"] } == [
        .text(approver.user)
      ])
    #expect(
      PostgresTeamRoles.setupSQL(database: "a\"b").contains(
        "GRANT CONNECT ON DATABASE \"a\"\"b\" TO flightdeck_viewer;\n"))
  }
}

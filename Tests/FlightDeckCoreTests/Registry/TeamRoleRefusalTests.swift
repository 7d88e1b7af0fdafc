import FlightDeckCore
import Testing

/// ``TeamRoleRefusal``: the one wording of a team store's refusal that the
/// command line and the dashboard share.
@Suite struct TeamRoleRefusalTests {
  let bob = OperatorIdentity(name: "bob", roles: ["approver", "operator", "viewer"])

  /// Each command's role, as the grants table in PostgreSQLStore.md gives it.
  @Test func eachCommandNeedsTheRoleItsGrantsNeed() {
    let plan = RegistryImportPlan(
      artefact: "a", kind: .model, description: "", riskTier: .low, versions: [], pointers: [:],
      origin: "test",
      warnings: [])
    let cases: [(RegistryCommand, String, String)] = [
      (.approve(requestID: 1, comment: ""), "approver", "approval"),
      (.reject(requestID: 1, comment: ""), "approver", "rejection"),
      (.rollback(artefact: "a", to: nil, reason: "", expectedProduction: nil), "approver", "rollback"),
      (.importArtefact(plan), "release-manager", "import"),
      (.setCanaryWeight(artefact: "a", percent: 5, reason: ""), "operator", "canary weight change"),
      (.expireSilence(id: 1), "operator", "silencing"),
      (.cancel(requestID: 1, comment: ""), "operator", "cancelling a request"),
    ]
    for (command, role, noun) in cases {
      #expect(TeamRoleRefusal.requiredRole(for: command) == role, "\(command)")
      #expect(TeamRoleRefusal.noun(for: command) == noun, "\(command)")
    }
  }

  /// A refusal for want of the role names the role and what to do; one by
  /// the database's guards for a member who holds it keeps the guard's
  /// reason without the SQL; anything else, and an administrator's (no team
  /// role), is left as it was.
  @Test func theDatabasesWordingBecomesWhatToDo() {
    let vic = OperatorIdentity(name: "vic", roles: ["viewer"])
    let denied = RegistryError(
      .missingRole("INSERT on request_decision"),
      "the database refused: role vic lacks the INSERT right on table request_decision (permission denied for table request_decision); only a role granted it (flightdeck admin) may do this"
    )
    let approve = RegistryCommand.approve(requestID: 4, comment: "")
    #expect(
      TeamRoleRefusal.explain(denied, command: approve, actor: vic).message
        == "vic cannot do this: approval needs the approver role (flightdeck_approver membership); vic holds viewer — ask someone who holds it, or an administrator to `GRANT flightdeck_approver TO vic`"
    )
    let guarded = RegistryError(
      .missingRole("INSERT on request_decision"),
      "the database refused: role bob may not INSERT on request_decision: REQ-4 expired at 2026-06-01T00:00:00Z by the database's clock: it may not be approved; request the promotion again"
    )
    let explained = TeamRoleRefusal.explain(guarded, command: approve, actor: bob)
    #expect(explained.code == .missingRole("INSERT on request_decision"))
    #expect(
      explained.message
        == "bob cannot do this: REQ-4 expired at 2026-06-01T00:00:00Z by the database's clock: it may not be approved; request the promotion again (refused by the database)"
    )
    let busy = RegistryError(.busy, "the store is busy")
    #expect(TeamRoleRefusal.explain(busy, command: approve, actor: vic) == busy)
    let owner = OperatorIdentity(name: "flightdeck", roles: [])
    #expect(TeamRoleRefusal.explain(denied, command: approve, actor: owner) == denied)
  }
}

import FlightDeckCore
import FlightDeckTUI
import Testing

/// Reducer tests for the registry keys and dialogs, on hand-built snapshots
/// (``DashboardFixture`` telemetry, ``RegistryFixture`` registry).
/// Registry rows: 0 gpt-4o-mini 2024-07-18, 1 summarise-prompt ?p7,
/// 2 support-agent v3, 3 v4 (REQ-3 1/2), 4 v6, 5 ?v5.
@Suite struct RegistryKeysTests {
  static func state(readOnly: Bool = false, registry: RegistrySnapshot? = RegistryFixture.registry())
    -> AppState
  {
    var s = AppState(readOnly: readOnly)
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    if let registry { _ = AppUpdate.update(&s, .registrySnapshot(registry)) }
    return s
  }

  /// Presses `key` and returns the effects.
  @discardableResult
  static func press(_ s: inout AppState, _ key: Key) -> [AppEffect] { AppUpdate.update(&s, .key(key)) }

  static func select(_ s: inout AppState, row: Int) {
    for _ in 0..<row { press(&s, .char("j")) }
  }

  static func type(_ s: inout AppState, _ text: String) {
    for c in text { press(&s, .char(c)) }
  }

  @Test func rowsAreVersionsOfTheMergedOverview() {
    var s = Self.state()
    Self.select(&s, row: 5)
    #expect(s.selection(of: .registry).key == .version(artefact: "support-agent", version: "v5"))
    #expect(s.selectedVersion?.version == "v5")
    #expect(s.selectedArtefact == "support-agent")
  }

  @Test func promoteOpensTypesAndSubmitsWithWhatWasSeen() {
    var s = Self.state()
    Self.select(&s, row: 4)  // support-agent v6
    #expect(Self.press(&s, .char("P")).isEmpty)
    #expect(s.overlay == .dialog)
    #expect(s.dialog?.kind == .promote)
    #expect(s.dialog?.text(of: "target") == "production")
    #expect(s.dialog?.focusedField == 1)  // the reason field
    // Enter with a blank reason: refused by the dialog, nothing sent.
    #expect(Self.press(&s, .enter).isEmpty)
    #expect(s.dialog?.problem == "reason is required")
    #expect(s.statusLevel == .warn)
    // Printable keys type, even bound ones (q, j, P); Backspace deletes.
    Self.type(&s, "fixes qj")
    Self.press(&s, .backspace)
    #expect(s.dialog?.text(of: "reason") == "fixes q")
    // Another operator moves production to v4 while the dialog is open.
    _ = AppUpdate.update(&s, .registrySnapshot(RegistryFixture.registry(production: "v4")))
    let effects = Self.press(&s, .enter)
    // expectedFrom carries the v3 the operator saw, so the store refuses the stale request.
    #expect(
      effects == [
        .registry(
          .requestPromotion(
            artefact: "support-agent", version: "v6", target: .production, reason: "fixes q",
            expectedFrom: .some("v3")))
      ])
    #expect(s.dialog == nil)
  }

  @Test func promoteTargetIsEditableAndValidated() {
    var s = Self.state()
    Self.select(&s, row: 4)
    Self.press(&s, .char("P"))
    Self.press(&s, .tab)  // to the target field
    for _ in "production" { Self.press(&s, .backspace) }
    Self.type(&s, "Bad Name")
    Self.press(&s, .tab)
    Self.type(&s, "try staging")
    #expect(Self.press(&s, .enter).isEmpty)
    #expect(s.dialog?.problem?.hasPrefix("target \"Bad Name\" is not a pointer name") == true)
    Self.press(&s, .tab)
    for _ in "Bad Name" { Self.press(&s, .backspace) }
    Self.type(&s, "staging")
    // staging pointed at v6 when the dialog opened.
    #expect(
      Self.press(&s, .enter) == [
        .registry(
          .requestPromotion(
            artefact: "support-agent", version: "v6", target: RegistryFixture.staging, reason: "try staging",
            expectedFrom: .some("v6")))
      ])
  }

  @Test func escCancelsWithoutSending() {
    var s = Self.state()
    Self.select(&s, row: 4)
    Self.press(&s, .char("P"))
    Self.type(&s, "abc")
    #expect(Self.press(&s, .escape).isEmpty)
    #expect(s.dialog == nil)
    #expect(s.statusMessage == "cancelled: request promotion")
  }

  @Test func approveAndRejectTheSelectedVersionsRequest() {
    var s = Self.state()
    Self.select(&s, row: 3)  // v4, REQ-3
    Self.press(&s, .char("a"))
    #expect(s.dialog?.kind == .approve)
    #expect(s.dialog?.requestID == 3)
    #expect(
      s.dialog?.requestSummary
        == "REQ-3 production v3 → v4, approvals 1/2, by alice: canary clean for 2 h")
    Self.type(&s, "lgtm")
    #expect(Self.press(&s, .enter) == [.registry(.approve(requestID: 3, comment: "lgtm"))])
    Self.press(&s, .char("x"))
    #expect(s.dialog?.kind == .reject)
    // A rejection needs a comment (as `flightdeck reject --comment`): a blank
    // or whitespace-only one is refused by the dialog, and nothing is sent.
    #expect(Self.press(&s, .enter).isEmpty)
    #expect(s.dialog?.problem == "comment is required: say why the request is rejected")
    #expect(s.statusMessage == "comment is required: say why the request is rejected")
    #expect(s.statusLevel == .warn)
    Self.type(&s, "   ")
    #expect(Self.press(&s, .enter).isEmpty)
    #expect(s.dialog?.kind == .reject)
    Self.type(&s, "p95 regressed")
    #expect(Self.press(&s, .enter) == [.registry(.reject(requestID: 3, comment: "p95 regressed"))])
  }

  @Test func approveCommentStaysOptional() {
    var s = Self.state()
    Self.select(&s, row: 3)  // v4, REQ-3
    Self.press(&s, .char("a"))
    #expect(s.dialog?.fields.map(\.required) == [false])
    #expect(Self.press(&s, .enter) == [.registry(.approve(requestID: 3, comment: ""))])
  }

  @Test func approveWithoutAnOpenRequestSaysSo() {
    var s = Self.state()
    Self.select(&s, row: 2)  // v3: no request
    #expect(Self.press(&s, .char("a")).isEmpty)
    #expect(s.dialog == nil)
    #expect(s.statusMessage == "no open request on support-agent v3")
    #expect(s.statusLevel == .warn)
  }

  @Test func unregisteredVersionsCannotBePromoted() {
    var s = Self.state()
    Self.select(&s, row: 5)  // ?v5
    Self.press(&s, .char("P"))
    #expect(s.dialog == nil)
    #expect(s.statusMessage == "support-agent v5 is not registered (flightdeck registry register)")
    Self.select(&s, row: 0)
    Self.press(&s, .char("k"))
    Self.press(&s, .char("k"))
    Self.press(&s, .char("k"))
    Self.press(&s, .char("k"))  // row 1: summarise-prompt
    Self.press(&s, .char("r"))
    #expect(s.statusMessage == "summarise-prompt is not registered (flightdeck registry register)")
  }

  @Test func rollbackAsksForTheHistoryAndNamesBothVersions() {
    var s = Self.state()
    Self.select(&s, row: 4)  // any row of support-agent
    #expect(Self.press(&s, .char("r")) == [.loadHistory("support-agent")])
    #expect(s.dialog?.kind == .rollback)
    #expect(s.dialog?.seenProduction == "v3")
    #expect(s.dialog?.rollbackTarget == nil)
    _ = AppUpdate.update(&s, .history(artefact: "support-agent", .success(RegistryFixture.moves)))
    // Production went nil → v2 → v3: the previous production version is v2.
    #expect(s.dialog?.rollbackTarget == "v2")
    #expect(Self.press(&s, .enter).isEmpty)
    #expect(s.dialog?.problem == "reason is required")
    Self.type(&s, "p95 doubled")
    #expect(
      Self.press(&s, .enter) == [
        .registry(
          .rollback(
            artefact: "support-agent", to: "v2", reason: "p95 doubled", expectedProduction: .some("v3")))
      ])
  }

  @Test func previousProductionSkipsRolledBackVersions() {
    // nil → v2, v2 → v3, v3 → v2 (rollback; v3 rolled back): from v2 nothing earlier remains.
    var moves = RegistryFixture.moves
    moves.append(
      PointerMove(
        id: 4, artefact: "support-agent", pointer: .production, fromVersion: "v3", toVersion: "v2",
        actor: "carol",
        at: RegistryFixture.t0.adding(milliseconds: 9 * 60_000), reason: "incident", requestID: nil,
        cause: .rollback))
    #expect(AppUpdate.previousProduction(moves, current: "v2", rolledBack: ["v3"]) == nil)
    #expect(AppUpdate.previousProduction(moves, current: "v2", rolledBack: []) == "v3")
    #expect(AppUpdate.previousProduction(RegistryFixture.moves, current: "v3", rolledBack: []) == "v2")
  }

  /// BREAKER-13 (minor): on a store that vouches for its roles (PostgreSQL),
  /// an operator without approval rights was offered approve, reject and
  /// rollback dialogs the database then refused. They are hidden from the
  /// footer and their keys say which role they need; what the role may do opens.
  @Test func aRoleWithoutApprovalRightsIsNotOfferedTheApproverDialogs() {
    var s = Self.state()
    s.operatorName = "vic"
    s.restrict(toTeamRoles: ["viewer", "operator"])
    Self.select(&s, row: 3)
    for (key, noun) in [("a", "approval"), ("x", "rejection"), ("r", "rollback")] {
      #expect(Self.press(&s, .char(Character(key))).isEmpty)
      #expect(s.dialog == nil)
      #expect(
        s.statusMessage
          == "vic cannot do this: \(noun) needs the approver role (flightdeck_approver membership); vic holds operator, viewer — ask someone who holds it, or an administrator to `GRANT flightdeck_approver TO vic`"
      )
    }
    let hinted = s.keyMap.hints(in: s.keyContext).map(\.action)
    #expect(!hinted.contains(.approveRequest) && !hinted.contains(.rollback))
    #expect(hinted.contains(.requestPromotion))
    Self.press(&s, .char("P"))
    #expect(s.dialog?.kind == .promote)

    var approver = Self.state()
    approver.restrict(toTeamRoles: ["viewer", "operator", "approver"])
    Self.select(&approver, row: 3)
    Self.press(&approver, .char("a"))
    #expect(approver.dialog?.kind == .approve)
  }

  @Test func readOnlyKeysSayTheyAreDisabled() {
    var s = Self.state(readOnly: true)
    Self.select(&s, row: 3)
    for (key, noun) in [("P", "promotion"), ("a", "approval"), ("x", "rejection"), ("r", "rollback")] {
      #expect(Self.press(&s, .char(Character(key))).isEmpty)
      #expect(s.dialog == nil)
      #expect(s.statusMessage == "read-only: \(noun) disabled")
      #expect(s.statusLevel == .warn)
    }
    // History and audit are not dangerous: still there.
    #expect(Self.press(&s, .char("h")) == [.loadHistory("support-agent")])
    #expect(!s.keyMap.bindings.contains { $0.isDangerous })
  }

  @Test func withoutARegistryTheKeysSaySo() {
    var s = Self.state(registry: nil)
    Self.select(&s, row: 2)
    for key in ["P", "a", "x", "r", "h", "A"] {
      s.statusMessage = nil
      #expect(Self.press(&s, .char(Character(key))).isEmpty)
      #expect(s.statusMessage == "no registry workspace (flightdeck init)")
    }
    // Telemetry rows are still listed (no flags without a registry).
    #expect(AppRows.keys(for: .registry, snapshot: s.snapshot, registry: nil, filter: "").count == 5)
  }

  @Test func outcomesGoToTheStatusLineStyledByKind() {
    var s = Self.state()
    _ = AppUpdate.update(
      &s,
      .registryOutcome(
        .success(RegistryOutcome(message: "REQ-3 approved by carol (2/2)", auditSequences: [10]))))
    #expect(s.statusMessage == "REQ-3 approved by carol (2/2)")
    #expect(s.statusLevel == .ok)
    let cases: [(RegistryError, String, StatusLevel)] = [
      (
        RegistryError(.fourEyes, "alice requested REQ-3 and cannot approve it"),
        "refused: alice requested REQ-3 and cannot approve it", .warn
      ),
      (
        RegistryError(.changedSinceYouLooked, "production is v4, not v3"),
        "changed since you looked: production is v4, not v3", .warn
      ),
      (RegistryError(.diskFull, "the disk is full"), "registry error: the disk is full", .critical),
      (RegistryError(.requestClosed(.applied), "REQ-3 is applied"), "refused: REQ-3 is applied", .warn),
    ]
    for (error, text, level) in cases {
      _ = AppUpdate.update(&s, .registryOutcome(.failure(error)))
      #expect(s.statusMessage == text)
      #expect(s.statusLevel == level)
    }
    // Untrusted text from the store is kept as is in the state and
    // sanitised once where the status line is drawn.
    _ = AppUpdate.update(&s, .registryOutcome(.success(RegistryOutcome(message: "ok \u{1B}[2J"))))
    #expect(s.statusMessage == "ok \u{1B}[2J")
    #expect(FooterPane.statusText(s) == #"ok \x1B[2J"#)
    var canvas = Canvas(width: 40, height: 2)
    FooterPane.draw(into: &canvas, rect: Rect(x: 0, y: 0, width: 40, height: 2), state: s)
    #expect(canvas.textRows()[1].hasPrefix(#"ok \x1B[2J "#))
  }

  @Test func historyOverlayLoadsScrollsAndCloses() {
    var s = Self.state()
    s.height = 16  // large overlay box 16 − 3 = 13 rows → 10 move rows
    Self.select(&s, row: 2)
    #expect(Self.press(&s, .char("h")) == [.loadHistory("support-agent")])
    #expect(s.overlay == .history)
    _ = AppUpdate.update(&s, .history(artefact: "support-agent", .success(RegistryFixture.moves)))
    #expect(s.history?.moves?.count == 3)
    // 3 moves fit: scrolling stays at 0.
    Self.press(&s, .char("j"))
    #expect(s.history?.offset == 0)
    Self.press(&s, .escape)
    #expect(s.history == nil)
    #expect(s.overlay == nil)
  }

  @Test func auditPaneReportsTheChain() {
    var s = Self.state()
    #expect(Self.press(&s, .char("A")) == [.loadAudit])
    #expect(s.overlay == .audit)
    _ = AppUpdate.update(&s, .audit(.success(RegistryFixture.audit(tampered: false))))
    #expect(s.statusMessage == "audit chain intact: 4 entries")
    #expect(s.statusLevel == .ok)
    _ = AppUpdate.update(&s, .audit(.success(RegistryFixture.audit(tampered: true))))
    #expect(s.statusMessage == "audit chain TAMPERED at #3: edited")
    #expect(s.statusLevel == .critical)
    // 4 entries on a 24-row screen (box 21 rows → 17 entry rows): no scrolling.
    Self.press(&s, .pageDown)
    #expect(s.audit?.offset == 0)
    Self.press(&s, .char("A"))
    #expect(s.audit == nil)
  }

  @Test func auditScrollClampsToTheLastPage() {
    var s = Self.state()
    s.height = 16  // box 16 − 3 = 13 rows (header and footer stay) → 13 − 4 = 9 entry rows
    Self.press(&s, .char("A"))
    let (entries, v) = RegistryFixture.audit(tampered: false)
    let many = (0..<25).map { i -> AuditEntry in
      var e = entries[i % 4]
      e.sequence = Int64(i + 1)
      return e
    }
    _ = AppUpdate.update(&s, .audit(.success((many, v))))
    // An intact log opens on its newest page: 25 entries, 9 visible → offset 16.
    #expect(s.audit?.offset == 16)
    Self.press(&s, .pageUp)
    #expect(s.audit?.offset == 6)
    Self.press(&s, .pageUp)
    #expect(s.audit?.offset == 0)
    Self.press(&s, .pageDown)
    #expect(s.audit?.offset == 10)
    Self.press(&s, .pageDown)
    // The last page starts at 16: paging stops there.
    #expect(s.audit?.offset == 16)
    Self.press(&s, .char("k"))
    #expect(s.audit?.offset == 15)
    Self.press(&s, .pageUp)
    Self.press(&s, .pageUp)
    #expect(s.audit?.offset == 0)
  }
}

@Suite struct RegistryOverlayStackingTests {
  @Test func auditFromHistoryReplacesIt() {
    var s = RegistryKeysTests.state()
    RegistryKeysTests.select(&s, row: 2)
    RegistryKeysTests.press(&s, .char("h"))
    #expect(s.overlay == .history)
    // `A` is global: it opens the audit pane in place of the history.
    #expect(RegistryKeysTests.press(&s, .char("A")) == [.loadAudit])
    #expect(s.history == nil)
    #expect(s.overlay == .audit)
    RegistryKeysTests.press(&s, .escape)
    #expect(s.overlay == nil)
  }

  @Test func historyPagesClampToTheLastPage() {
    var s = RegistryKeysTests.state()
    s.height = 16  // box 16 − 3 = 13 rows → 10 move rows
    RegistryKeysTests.select(&s, row: 2)
    RegistryKeysTests.press(&s, .char("h"))
    // 30 moves: the last page starts at 30 − 10 = 20.
    let many = (0..<30).map { i -> PointerMove in
      var m = RegistryFixture.moves[i % 3]
      m.id = Int64(i + 1)
      return m
    }
    _ = AppUpdate.update(&s, .history(artefact: "support-agent", .success(many)))
    RegistryKeysTests.press(&s, .pageDown)
    #expect(s.history?.offset == 10)
    RegistryKeysTests.press(&s, .pageDown)
    #expect(s.history?.offset == 20)
    RegistryKeysTests.press(&s, .pageUp)
    #expect(s.history?.offset == 10)
  }
}

import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Testing

/// Screens of the registry features on hand-built snapshots (see
/// ``RegistryFixture``): the pane with pointers, a pending `1/2` request
/// and unregistered versions, the rollback dialog, the history overlay and
/// the audit pane (intact and tampered), at 80×24 and 200×50.
@Suite struct RegistryScreenTests {
  func driver(width: Int, height: Int, readOnly: Bool = false) -> AppDriver {
    let d = AppDriver(width: width, height: height, state: AppState(readOnly: readOnly))
    d.apply(snapshot: DashboardFixture.snapshot())
    d.apply(.registrySnapshot(RegistryFixture.registry()))
    return d
  }

  func check(_ d: AppDriver, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let canvas = d.backend.lastFrame else {
      Issue.record("no frame", sourceLocation: sourceLocation)
      return
    }
    CanvasSnapshot.assertMatches(canvas, named: name, includeStyles: true, sourceLocation: sourceLocation)
  }

  @Test func registryPane80x24() {
    let d = driver(width: 80, height: 24)
    for _ in 0..<3 { d.send(.char("j")) }  // support-agent v4
    let text = d.frame.joined(separator: "\n")
    #expect(text.contains("REQ-3 1/2"))
    #expect(text.contains("? v5"))
    #expect(text.contains("? not registered"))
    #expect(text.contains("prod"))
    check(d, "registry-80x24")
  }

  @Test func registryPane200x50() {
    let d = driver(width: 200, height: 50)
    for _ in 0..<3 { d.send(.char("j")) }
    let text = d.frame.joined(separator: "\n")
    // Wide enough for every column: kind and share too.
    #expect(text.contains("kind"))
    #expect(text.contains("share"))
    #expect(text.contains("staging"))
    check(d, "registry-200x50")
  }

  @Test func rollbackDialog80x24() {
    let d = driver(width: 80, height: 24)
    for _ in 0..<2 { d.send(.char("j")) }
    d.send(.char("r"))
    #expect(d.frame.joined().contains("support-agent production: v3 → previous production version"))
    d.apply(.history(artefact: "support-agent", .success(RegistryFixture.moves)))
    d.type("p95 doubled")
    #expect(d.frame.joined().contains("support-agent production: v3 → v2"))
    check(d, "rollback-dialog-80x24")
  }

  @Test func historyOverlay200x50() {
    let d = driver(width: 200, height: 50)
    for _ in 0..<2 { d.send(.char("j")) }
    d.send(.char("h"))
    d.apply(.history(artefact: "support-agent", .success(RegistryFixture.moves)))
    let text = d.frame.joined(separator: "\n")
    // The escape sequence in a reason is shown escaped, never passed through.
    #expect(!text.contains("\u{1B}"))
    #expect(text.contains("v2 → v3"))
    check(d, "history-200x50")
  }

  @Test func auditPaneIntact80x24() {
    let d = driver(width: 80, height: 24)
    d.send(.char("A"))
    d.apply(.audit(.success(RegistryFixture.audit(tampered: false))))
    #expect(d.frame.joined().contains("chain intact: 4 entries, head 3f2a9c1e…"))
    check(d, "audit-intact-80x24")
  }

  @Test func auditPaneTampered200x50() {
    let d = driver(width: 200, height: 50)
    d.send(.char("A"))
    d.apply(.audit(.success(RegistryFixture.audit(tampered: true))))
    #expect(d.frame.joined().contains("TAMPERED at #3: edited"))
    check(d, "audit-tampered-200x50")
  }

  @Test func helpOverlay80x24ScrollsToEveryBinding() {
    let d = driver(width: 80, height: 24)
    d.send(.char("?"))
    #expect(d.frame[20].contains("! dangerous: changes the registry (removed by --read-only)"))
    // The header, the help's own key hints and the status line stay visible.
    #expect(d.frame[0].contains("LIVE"))
    #expect(d.frame[22].hasPrefix("Esc/? close  ↓/j scroll"))
    #expect(d.frame[21].contains("more (↓ to scroll)"))
    check(d, "help-80x24")
    // Dangerous bindings carry the `!` marker; the legend says what it means.
    // (Seven rows down: below the global :, L, Home and End, and the list
    // panes' PgUp and PgDn.)
    for _ in 0..<7 { d.send(.down) }
    #expect(
      d.frame.contains {
        $0.contains("! P         Request promotion of the selected version (target, reason)")
      }
    )
    // 143 help lines, 18 shown: the last page starts at 125.
    for _ in 0..<13 { d.send(.pageDown) }
    #expect(d.frame[1].contains("↑ 125 above"))
    #expect(d.frame.contains { $0.contains("Esc/?     Close this help") })
    check(d, "help-80x24-end")
  }

  @Test func helpOverlayReadOnlySaysTheDangerousKeysAreGone() {
    let d = driver(width: 80, height: 24, readOnly: true)
    d.send(.char("?"))
    let text = d.frame.joined(separator: "\n")
    #expect(text.contains("read-only: promote, approve, reject, rollback, rollout keys removed"))
    #expect(!text.contains("Request promotion"))
  }

  @Test func drillDownSelectionAndIdleVersions80x24() {
    let d = driver(width: 80, height: 24)
    for _ in 0..<3 { d.send(.char("j")) }  // support-agent v4
    d.send(.enter)
    let text = d.frame.joined(separator: "\n")
    // The selected version is marked in the detail view; v6 (registered,
    // staging, no traffic) is listed as idle so the keys can reach it.
    #expect(d.frame.contains { $0.contains(">v4") })
    #expect(d.frame.contains { $0.contains(" v6") && $0.contains("idle") })
    #expect(text.contains("Detail: support-agent"))
    check(d, "detail-80x24")
    d.send(.char("j"))
    d.send(.char("a"))
    #expect(d.frame[23].hasPrefix("no open request on support-agent v6"))
  }

  @Test func auditAndHistoryLeaveTheFooterVisible200x50() {
    for key in ["h", "A"] {
      let d = driver(width: 200, height: 50)
      for _ in 0..<2 { d.send(.char("j")) }
      d.send(.char(Character(key)))
      d.apply(.history(artefact: "support-agent", .success(RegistryFixture.moves)))
      d.apply(.audit(.success(RegistryFixture.audit(tampered: false))))
      // Box: columns 0…199 (flush, every column), rows 1…47; row 48 is the
      // overlay's own key hints, row 49 the status line.
      #expect(d.frame[1].hasPrefix("┌") && d.frame[1].hasSuffix("┐"), "\(key)")
      #expect(d.frame[47].hasPrefix("└") && d.frame[47].hasSuffix("┘"), "\(key)")
      #expect(d.frame[48].hasPrefix(key == "h" ? "Esc/h close" : "Esc/A close"), "\(key)")
    }
  }

  @Test func rejectDialogRefusesABlankComment80x24() {
    let d = driver(width: 80, height: 24)
    for _ in 0..<3 { d.send(.char("j")) }  // support-agent v4, REQ-3
    d.send(.char("x"))
    // The comment is marked required, as the rollback reason is.
    #expect(d.frame.contains { $0.contains("comment*:") })
    d.send(.enter)
    let refusal = "comment is required: say why the request is rejected"
    #expect(d.frame.contains { $0.contains("Reject request") })
    #expect(d.frame.filter { $0.contains(refusal) }.count == 2)  // in the dialog and the status line
    #expect(d.frame[23].hasPrefix(refusal))
    check(d, "reject-dialog-80x24")
  }

  @Test func readOnlyHeaderAndRefusal() {
    let d = driver(width: 80, height: 24, readOnly: true)
    d.send(.char("j"))
    d.send(.char("P"))
    let text = d.frame.joined(separator: "\n")
    #expect(text.contains("READ-ONLY"))
    #expect(d.frame[23].hasPrefix("read-only: promotion disabled"))
  }

  @Test func noWorkspaceStillListsTelemetry() {
    let d = AppDriver(width: 80, height: 24)
    d.apply(snapshot: DashboardFixture.snapshot())
    let text = d.frame.joined(separator: "\n")
    #expect(text.contains("support-agent"))
    #expect(!text.contains("? not registered"))
    d.send(.char("P"))
    #expect(d.frame[23].hasPrefix("no registry workspace (flightdeck init)"))
  }

  @Test func overlaysRenderExactlyTheirSizeAtAnySize() {
    // Dialog, history and audit open over sizes from tiny to wide: every row
    // is exactly the canvas width, and nothing crashes.
    for (w, h) in [(0, 0), (5, 3), (30, 10), (59, 15), (60, 16), (80, 24), (133, 41), (200, 50)] {
      for key in ["r", "h", "A"] {
        let d = driver(width: 80, height: 24)
        d.send(.char("j"))
        d.send(.char("j"))
        d.send(.char(Character(key)))
        d.apply(.history(artefact: "support-agent", .success(RegistryFixture.moves)))
        d.apply(.audit(.success(RegistryFixture.audit(tampered: true))))
        d.type("a long reason that does not fit in the field at all, not even at 200 columns wide ok")
        d.resize(width: w, height: h)
        #expect(d.frame.count == h)
        for row in d.frame { #expect(DisplayWidth.of(row) == w, "\(key) at \(w)x\(h)") }
      }
    }
  }
}

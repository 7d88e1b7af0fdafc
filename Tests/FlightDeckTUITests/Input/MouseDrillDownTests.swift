import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Testing

/// Mouse clicks beyond the pane lists (issue 16): Canary blocks, the
/// incident view's timeline rows, the messages view's messages, and the
/// header banners, each with synthetic SGR press events at the cells the
/// view drew.
@Suite struct MouseDrillDownTests {
  /// The incident fixture's screen (its header shows `PAGE HighErrorRate ·
  /// INC-1 SEV2 unacked`), `width` × `height`, focus on the Incidents pane.
  func driver(width: Int = 80, height: Int = 24, focus: PaneID = .incidents) -> AppDriver {
    var state = AppState()
    state.focus = focus
    let d = AppDriver(width: width, height: height, state: state)
    d.apply(snapshot: IncidentFixture.snapshot())
    d.apply(.registrySnapshot(RegistryFixture.registry()))
    d.apply(.incidents(.success(IncidentFixture.incidents)))
    return d
  }

  @discardableResult
  func click(_ d: AppDriver, x: Int, y: Int) -> [AppEffect] {
    d.apply(.mouse(MouseEvent(kind: .press(button: 1), x: x, y: y)))
  }

  /// Row and column of the first frame line containing `needle`.
  func find(_ d: AppDriver, _ needle: String) -> (x: Int, y: Int)? {
    for (y, line) in d.frame.enumerated() {
      if let r = line.range(of: needle) { return (DisplayWidth.of(String(line[..<r.lowerBound])), y) }
    }
    return nil
  }

  @Test func clickingATimelineRowSelectsItAndASecondClickOpensIt() throws {
    let d = driver()
    #expect(d.send(.enter) == [.loadIncident(2)])
    d.apply(.incidentDetail(id: 2, .success((IncidentFixture.incidents[2], IncidentFixture.timeline))))
    // Four entries shown; the cursor starts on the newest (the last).
    let first = try #require(find(d, "13:52:07 alert.firing"))
    click(d, x: first.x, y: first.y)
    #expect(d.state.incidentView?.cursor == 0)
    #expect(d.state.textView == nil)
    // The selected row is drawn in reverse video.
    let canvas = try #require(d.backend.lastFrame)
    #expect(canvas[first.x, first.y].style.reverse)
    // A second click on it (a double-click) opens it, as Enter does.
    click(d, x: first.x, y: first.y)
    #expect(d.state.textView?.title == "INC-2 timeline entry 1/4")
    // The incident header (not a timeline row) selects nothing.
    let d2 = driver()
    d2.send(.enter)
    d2.apply(.incidentDetail(id: 2, .success((IncidentFixture.incidents[2], IncidentFixture.timeline))))
    let caption = try #require(find(d2, "timeline (4 entries"))
    click(d2, x: caption.x, y: caption.y)
    #expect(d2.state.incidentView?.cursor == nil)
    #expect(d2.state.textView == nil)
  }

  @Test func clickingAMessageSelectsItAndASecondClickOpensIt() throws {
    let d = driver()
    d.apply(.status("first message of the session", until: nil))
    d.apply(.status("second message of the session", until: nil))
    d.send(.char("M"))
    #expect(d.state.overlay == .messages)
    #expect(d.state.messages?.cursor == 0)
    // Newest first: the older message is the second one (cursor 1).
    let older = try #require(find(d, "first message of the session"))
    click(d, x: older.x, y: older.y)
    #expect(d.state.messages?.cursor == 1)
    #expect(d.state.textView == nil)
    click(d, x: older.x, y: older.y)
    #expect(d.state.textView?.title == "Message 2 of 2, newest first")
  }

  @Test func headerBannersLeadWhereTheyPoint() throws {
    let d = driver(focus: .registry)
    // " PAGE HighErrorRate · INC-1 SEV2 unacked ": the pages → Alerts, the incident → Incidents.
    let page = try #require(find(d, "PAGE HighErrorRate"))
    #expect(page.y == 0)
    click(d, x: page.x + 2, y: 0)
    #expect(d.state.focus == .alerts)
    let incident = try #require(find(d, "INC-1 SEV2 unacked"))
    click(d, x: incident.x + 2, y: 0)
    #expect(d.state.focus == .incidents)
    // The mode and the segments left of the banners lead nowhere.
    click(d, x: 79, y: 0)
    click(d, x: 0, y: 0)
    #expect(d.state.focus == .incidents && d.state.overlay == nil)
    // Delivery trouble → the messages view.
    d.apply(.notificationDelivery(NotificationDeliveryTrouble(dead: 2, retrying: 0)))
    let notify = try #require(find(d, "NOTIFY 2 dead"))
    #expect(notify.y == 0)
    click(d, x: notify.x, y: 0)
    #expect(d.state.overlay == .messages)
    d.send(.escape)
    // A drifted routing target → the routing status, target by target.
    let gateway = RoutingTarget(name: "gateway", kind: .litellm, path: "/tmp/litellm.yaml")
    d.apply(
      .routingStatus([
        RoutingStatus(target: gateway, condition: .drifted, digest: nil, detail: "the file says 50 %")
      ]))
    let route = try #require(find(d, "ROUTE 1 drift"))
    #expect(route.y == 0)
    click(d, x: route.x + 1, y: 0)
    #expect(d.state.textView?.title == "Routing status (flightdeck routing status)")
    #expect(
      d.state.textView?.blocks == [TextViewState.Block("gateway:", "drifted: the file says 50 %")])
  }

  @Test func clickingACanaryBlockSelectsIt() throws {
    var snapshot = DashboardFixture.snapshot()
    var second = try #require(snapshot.canaries.first)
    second.artefact = "zz-second-agent"
    snapshot.canaries.append(second)
    var state = AppState()
    state.focus = .registry
    let d = AppDriver(width: 120, height: 40, state: state)
    d.apply(snapshot: snapshot)
    #expect(d.state.canaryRows.keys == [.artefact("support-agent"), .artefact("zz-second-agent")])
    // Any row of the second block (its name, its table) selects it.
    let name = try #require(find(d, "zz-second-agent"))
    click(d, x: name.x, y: name.y + 3)
    #expect(d.state.focus == .canary)
    #expect(d.state.selection(of: .canary).key == .artefact("zz-second-agent"))
    let first = try #require(find(d, "support-agent  shadow"))
    click(d, x: first.x, y: first.y)
    #expect(d.state.selection(of: .canary).key == .artefact("support-agent"))
  }
}

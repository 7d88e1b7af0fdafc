import FlightDeckCore
import FlightDeckTUI
import Testing

@Suite struct MouseUpdateTests {
  func state(width: Int = 80, height: Int = 24) -> AppState {
    var s = AppState(width: width, height: height)
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    return s
  }

  func click(_ s: inout AppState, x: Int, y: Int) {
    _ = AppUpdate.update(&s, .mouse(MouseEvent(kind: .press(button: 1), x: x, y: y)))
  }

  @Test func sgrReportsDecode() {
    #expect(
      MouseEvent(sgrParameters: "0;10;5", final: "M") == MouseEvent(kind: .press(button: 1), x: 9, y: 4))
    #expect(
      MouseEvent(sgrParameters: "0;10;5", final: "m") == MouseEvent(kind: .release(button: 1), x: 9, y: 4))
    // Past column 223, where X10 reports stop.
    #expect(
      MouseEvent(sgrParameters: "2;300;60", final: "M") == MouseEvent(kind: .press(button: 3), x: 299, y: 59))
    #expect(MouseEvent(sgrParameters: "64;1;1", final: "M")?.kind == .wheelUp)
    #expect(MouseEvent(sgrParameters: "65;1;1", final: "M")?.kind == .wheelDown)
    #expect(
      MouseEvent(sgrParameters: "16;1;1", final: "M")
        == MouseEvent(kind: .press(button: 1), x: 0, y: 0, control: true))
    #expect(MouseEvent(sgrParameters: "32;4;4", final: "M")?.kind == .drag(button: 1))
    for bad in ["", "0;1", "0;0;1", "0;1;1;1", "a;1;1", "3;1;1", "66;1;1", "0;999999;1", "-1;1;1"] {
      #expect(MouseEvent(sgrParameters: bad, final: "M") == nil, "\(bad)")
    }
    #expect(MouseEvent(sgrParameters: "0;1;1", final: "x") == nil)
  }

  /// The screen row whose text contains `text` (the view drew it there).
  func row(_ s: AppState, containing text: String) -> Int? {
    ScreenView.view(state: s).textRows().firstIndex { $0.contains(text) }
  }

  @Test func clickingARegistryRowSelectsWhatTheViewDrewThere() throws {
    var s = state()
    s.focus = .canary
    let y = try #require(row(s, containing: "summarise-prompt"))
    click(&s, x: 10, y: y)
    #expect(s.focus == .registry)
    #expect(s.selection(of: .registry).key?.artefact == "summarise-prompt")
    // The border and the header row select nothing.
    let before = s.selection(of: .registry)
    click(&s, x: 10, y: 1)
    click(&s, x: 10, y: 2)
    #expect(s.selection(of: .registry) == before)
  }

  @Test func clickingAScrolledListSelectsTheRowOnScreen() throws {
    // 80×16: the Registry shows 2 of its 5 version rows.
    var s = state(width: 80, height: 16)
    for _ in 0..<4 { _ = AppUpdate.update(&s, .key(.down)) }
    #expect(s.selection(of: .registry).index == 4)
    let rows = ScreenView.view(state: s).textRows()
    // Rows 3 and 4 are on screen (offset 3): the first data row is row 3.
    let layout = ScreenView.layout(state: s, snapshot: s.snapshot, width: 80, height: 16)
    let rect = try #require(layout.panes[.registry])
    let firstDataY = rect.y + 2
    click(&s, x: 5, y: firstDataY)
    #expect(s.selection(of: .registry).index == 3)
    guard case .version(_, let version)? = s.selection(of: .registry).key else {
      Issue.record("no version selected")
      return
    }
    #expect(rows[firstDataY].contains(version))
  }

  @Test func clickingATabFocusesItsPane() throws {
    var s = state()
    let layout = ScreenView.layout(state: s, snapshot: s.snapshot, width: 80, height: 24)
    let tabs = try #require(layout.tabs)
    let strip = ScreenView.view(state: s).textRows()[tabs.y]
    let x = try #require(strip.range(of: "Alerts")).lowerBound.utf16Offset(in: strip)
    click(&s, x: x, y: tabs.y)
    #expect(s.focus == .alerts)
    let incidents = try #require(strip.range(of: "Incidents")).lowerBound.utf16Offset(in: strip)
    click(&s, x: incidents + 2, y: tabs.y)
    #expect(s.focus == .incidents)
  }

  @Test func wheelMovesTheFocusedListAndScrollsOverlays() {
    var s = state()
    _ = AppUpdate.update(&s, .mouse(MouseEvent(kind: .wheelDown, x: 0, y: 0)))
    #expect(s.selection(of: .registry).index == 1)
    _ = AppUpdate.update(&s, .mouse(MouseEvent(kind: .wheelUp, x: 0, y: 0)))
    #expect(s.selection(of: .registry).index == 0)
    // The help overlay scrolls three rows per notch (it has more rows than fit at 80×24).
    _ = AppUpdate.update(&s, .key(.char("?")))
    _ = AppUpdate.update(&s, .mouse(MouseEvent(kind: .wheelDown, x: 0, y: 0)))
    #expect(s.helpOffset == 3)
    // Clicks do nothing while an overlay is open.
    click(&s, x: 5, y: 12)
    #expect(s.focus == .registry)
  }

  @Test func mouseOffIgnoresEverything() throws {
    var s = state()
    s.mouseEnabled = false
    let y = try #require(row(s, containing: "summarise-prompt"))
    click(&s, x: 10, y: y)
    _ = AppUpdate.update(&s, .mouse(MouseEvent(kind: .wheelDown, x: 0, y: 0)))
    #expect(s.selection(of: .registry).index == 0)
  }
}

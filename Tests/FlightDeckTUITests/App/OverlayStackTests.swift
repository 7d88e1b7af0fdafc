import Testing

@testable import FlightDeckCore
@testable import FlightDeckTUI

/// The one overlay stack (issue 16): the top layer gets the keys, is drawn
/// last and is what Esc closes; opening a kind already open replaces it in place.
@Suite struct OverlayStackTests {
  @Test func topGetsKeysAndPopReturnsToTheLayerBelow() {
    var stack = OverlayStack()
    #expect(stack.top == nil && stack.isEmpty)
    stack.open(.incident(IncidentViewState(id: 2)))
    stack.open(.text(TextViewState(title: "t", blocks: [])))
    #expect(stack.top?.kind == .text)
    #expect(stack.layers.map(\.kind) == [.incident, .text])
    // Opening an incident again replaces it where it stands, the text stays on top.
    stack.open(.incident(IncidentViewState(id: 3)))
    #expect(stack.layers.map(\.kind) == [.incident, .text])
    if case .incident(let v)? = stack.layer(.incident) {
      #expect(v.id == 3)
    } else {
      Issue.record("no incident")
    }
    #expect(stack.pop()?.kind == .text)
    #expect(stack.top?.kind == .incident)
    stack.close(.incident)
    #expect(stack.isEmpty)
  }

  @Test func stateNamesReadAndWriteTheStack() {
    var state = AppState()
    state.isEditingFilter = true
    #expect(state.overlay == .filter)
    state.kpi = KPIOverlayState(
      from: Timestamp(millisecondsSinceEpoch: 0), to: Timestamp(millisecondsSinceEpoch: 1))
    state.messages = MessagesOverlayState()
    // The messages view opened last is on top of the KPI view (and of the filter prompt).
    #expect(state.overlay == .messages)
    _ = AppUpdate.update(&state, .key(.escape))
    #expect(state.overlay == .kpi)
    _ = AppUpdate.update(&state, .key(.escape))
    #expect(state.overlay == .filter)
    state.isHelpVisible = true
    state.helpOffset = 3
    #expect(state.helpOffset == 3)
    state.isHelpVisible = false
    #expect(state.helpOffset == 0)
  }

  @Test func aDialogFromTheIncidentViewReturnsToIt() {
    var state = AppState()
    state.incidentView = IncidentViewState(id: 2)
    state.dialog = RegistryDialog(kind: .noteIncident, artefact: "", version: "", fields: [])
    #expect(state.overlay == .dialog)
    _ = AppUpdate.update(&state, .key(.escape))
    #expect(state.overlay == .incident)
    #expect(state.dialog == nil)
  }

  @Test func incidentCursorFollowsTheNewestUntilMoved() {
    var v = IncidentViewState(id: 1)
    #expect(v.resolvedCursor(count: 0) == nil)
    #expect(v.resolvedCursor(count: 30) == 29)
    // 30 rows, 10 shown: up 12 from the newest → row 17; the window starts at 17.
    v.moveCursor(by: -12, count: 30, room: 10)
    #expect(v.cursor == 17 && v.offset == 17)
    v.moveCursor(by: 5, count: 30, room: 10)
    #expect(v.cursor == 22 && v.offset == 17)
    // To the end: both follow again.
    v.moveCursor(by: 1 << 40, count: 30, room: 10)
    #expect(v.cursor == nil && v.offset == nil)
    v.moveCursor(by: -(1 << 40), count: 30, room: 10)
    #expect(v.cursor == 0 && v.offset == 0)
  }
}

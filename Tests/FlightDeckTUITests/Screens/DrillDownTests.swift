import FlightDeckTestSupport
import Testing

@testable import FlightDeckCore
@testable import FlightDeckTUI

/// Drill-downs read whole (issue 16): the alert view scrolls to its last
/// rows at 80×24, a timeline row and a status message open whole, dialog
/// hints wrap, and the views are drawn flush (no pane shows beside them).
@Suite struct DrillDownTests {
  let screens = IncidentScreenTests()

  /// INC-2's view, its timeline loaded (4 entries up to the clock).
  func incidentView(width: Int = 80, height: Int = 24) -> AppDriver {
    let d = screens.driver(width: width, height: height, focus: .incidents)
    _ = d.send(.enter)
    d.apply(.incidentDetail(id: 2, .success((IncidentFixture.incidents[2], IncidentFixture.timeline))))
    return d
  }

  @Test func alertViewScrollsToItsLastRowsAt80x24() {
    let d = screens.driver(width: 80, height: 24, focus: .alerts)
    // The demo's rules annotate their alerts: summary, description, runbook.
    var s = IncidentFixture.snapshot()
    for i in s.alerts.indices where s.alerts[i].ruleName == "HighErrorRate" {
      s.alerts[i].annotations = [
        "summary": "support-agent canary error rate above 5 %",
        "description": "The canary leg of support-agent fails more than one request in twenty.",
        "runbook_url": "https://runbooks.example/flightdeck/high-error-rate",
      ]
    }
    d.apply(snapshot: s)
    d.send(.enter)
    #expect(d.state.overlay == .alert)
    // 18 lines without annotations (values wrapped at 74 columns) + 6 for
    // the three annotations = 24, more than the 19 rows inside the box.
    #expect(
      AlertView.lines(
        fingerprint: IncidentFixture.highErrorRate.fingerprint, alerts: s.alerts,
        incidents: IncidentFixture.incidents,
        width: 76
      ).count == 24)
    let fingerprint = IncidentFixture.highErrorRate.fingerprint
    #expect(!screens.text(d).contains(fingerprint))
    // 24 − 19 = 5 lines below.
    #expect(screens.text(d).contains("… 5 more"))
    d.send(.end)
    let t = screens.text(d)
    #expect(t.contains("fingerprint:"))
    #expect(t.contains(fingerprint))
    #expect(t.contains("INC-2 SEV1 acknowledged: support-agent canary errors"))
    #expect(t.contains("↑ 5 above"))
    d.send(.home)
    #expect(screens.text(d).contains("HighErrorRate (group fd)"))
    #expect(!screens.text(d).contains(fingerprint))
    // Line by line: ↓ moves one line, ↑ back.
    d.send(.down)
    #expect(screens.text(d).contains("↑ 1 above"))
    d.send(.up)
    #expect(!screens.text(d).contains("↑ "))
  }

  @Test func timelineRowOpensWhole() {
    let d = incidentView()
    // The cursor starts on the newest entry shown (the judge's abort, 13:58:07).
    d.send(.enter)
    #expect(d.state.overlay == .text)
    var t = screens.text(d)
    #expect(t.contains("INC-2 timeline entry 4/4"))
    #expect(t.contains("support-agent aborted: error rate 6.0 % > 1 %"))
    #expect(t.contains("rollout.abort"))
    #expect(t.contains("2025-06-01T13:58:07.000Z"))
    // Esc returns to the incident view, not to the panes.
    d.send(.escape)
    #expect(d.state.overlay == .incident)
    // Up three rows: the first entry, whose row is cut at 80 columns.
    d.send(.up)
    d.send(.up)
    d.send(.up)
    #expect(d.state.incidentView?.cursor == 0)
    d.send(.enter)
    t = screens.text(d)
    #expect(t.contains("INC-2 timeline entry 1/4"))
    #expect(t.contains(#"alert HighErrorRate{artefact="support-agent"} firing (page)"#))
  }

  @Test func longMessageOpensWholeFromTheMessagesView() {
    let d = screens.driver(width: 80, height: 24, focus: .registry)
    let long = String(repeating: "permission denied for table pointer_moves; ", count: 6) + "END-OF-MESSAGE"
    var state = d.state
    AppUpdate.setStatus(&state, "older message", .info)
    AppUpdate.setStatus(&state, long, .critical)
    let m = AppDriver(width: 80, height: 24, state: state)
    m.send(.char("M"))
    #expect(m.state.overlay == .messages)
    m.send(.enter)
    #expect(m.state.overlay == .text)
    let t = m.frame.joined(separator: "\n")
    #expect(t.contains("Message 1 of \(state.statusLog.count), newest first"))
    #expect(t.contains("END-OF-MESSAGE"))
    #expect(t.contains("failed"))
    m.send(.escape)
    #expect(m.state.overlay == .messages)
    // ↓ moves the cursor to the next (older) message, even when every
    // message fits on the screen and nothing scrolls.
    m.send(.down)
    #expect(m.state.messages?.cursor == 1)
    m.send(.enter)
    #expect(m.frame.joined(separator: "\n").contains("Message 2 of \(state.statusLog.count), newest first"))
    #expect(m.frame.joined(separator: "\n").contains("older message"))
    m.send(.escape)
    m.send(.escape)
    #expect(m.state.overlay == nil)
    // `L` opens the status line's last message whole straight away.
    m.send(.char("L"))
    #expect(m.state.overlay == .text)
    #expect(m.frame.joined(separator: "\n").contains("END-OF-MESSAGE"))
  }

  @Test func messageAtLineFindsTheMessageOfEachLine() {
    // Newest first: "b" (header, 1 text line), blank, "a" (header, 1 line).
    let log = [
      StatusLogEntry(text: "a", level: .info, at: nil), StatusLogEntry(text: "b", level: .warn, at: nil),
    ]
    #expect(MessagesOverlay.lines(log, width: 40).count == 5)
    #expect((0..<5).map { MessagesOverlay.message(atLine: $0, log: log, width: 40) } == [0, 0, 0, 1, 1])
    #expect(MessagesOverlay.message(atLine: 0, log: [], width: 40) == nil)
  }

  @Test func messagesCursorMovesByMessageAndPagesByLine() {
    // Three messages of 2, 2 and 4 lines (blank lines between): lines 0…1,
    // 3…4, 6…9; 4 lines shown, so the last page starts at line 10 − 4 = 6.
    let spans = [0..<2, 3..<5, 6..<10]
    var v = MessagesOverlayState()
    v.move(by: 1, spans: spans, room: 4, edge: 1 << 40)
    // Message 1 (3…4) ends past line 0 + 4: the view starts at 5 − 4 = 1.
    #expect(v.cursor == 1 && v.offset == 1)
    v.move(by: 1, spans: spans, room: 4, edge: 1 << 40)
    #expect(v.cursor == 2 && v.offset == 6)
    v.move(by: -1, spans: spans, room: 4, edge: 1 << 40)
    #expect(v.cursor == 1 && v.offset == 3)
    // A page up from line 3 reaches line 0: the cursor goes to the top message.
    v.move(by: -10, spans: spans, room: 4, edge: 1 << 40)
    #expect(v.cursor == 0 && v.offset == 0)
    v.move(by: 10, spans: spans, room: 4, edge: 1 << 40)
    #expect(v.cursor == 2 && v.offset == 6)
    v.move(by: -(1 << 40), spans: spans, room: 4, edge: 1 << 40)
    #expect(v.cursor == 0 && v.offset == 0)
    // Nothing to scroll (all fits): a page down puts the cursor on the last message.
    var small = MessagesOverlayState()
    small.move(by: 10, spans: spans, room: 20, edge: 1 << 40)
    #expect(small.cursor == 2 && small.offset == 0)
  }

  @Test func dialogHintsWrapInsteadOfLosingTheConsequence() {
    var dialog = RegistryDialog(kind: .retryRollout, artefact: "support-agent", version: "v4", fields: [])
    dialog.rolloutSummary = "RO-7 aborted at step 2/4"
    let lines = DialogOverlay.wrappedContext(dialog, width: 72)
    // The hint (118 columns) is cut at a word break into two lines, nothing lost.
    #expect(lines.map(\.0).joined(separator: " ").contains("audited with your reason"))
    #expect(lines.allSatisfy { DisplayWidth.of($0.0) <= 72 })
    var canvas = Canvas(width: 80, height: 24)
    DialogOverlay.draw(into: &canvas, area: canvas.area, dialog: dialog, symbols: .braille)
    #expect(canvas.textRows().joined().contains("audited with your reason"))
  }

  @Test func viewsAreFlushAndDialogsStandClear() {
    // 80×24: the incident view's box spans every column of rows 1…21.
    let d = incidentView()
    for y in 1...21 {
      let row = Array(d.frame[y])
      #expect("┌│└".contains(row[0]) && "┐│┘".contains(row[79]), "row \(y): \(d.frame[y])")
    }
    // 200×50: a dialog (76 columns) is centred, with a blank ring around its border.
    var canvas = Canvas(width: 200, height: 50)
    canvas.fill(canvas.area, style: CellStyle(.text))
    for y in 0..<50 {
      canvas.put(String(repeating: "#", count: 200), x: 0, y: y, maxWidth: 200, style: CellStyle(.text))
    }
    let dialog = RegistryDialog(kind: .noteIncident, artefact: "", version: "", fields: [])
    DialogOverlay.draw(into: &canvas, area: canvas.area, dialog: dialog, symbols: .braille)
    let lines = canvas.textRows().map { Array($0) }
    guard let top = lines.firstIndex(where: { $0.contains("┌") }), let left = lines[top].firstIndex(of: "┌")
    else {
      Issue.record("no dialog box")
      return
    }
    // (200 − 76) / 2 = 62: the box's left border; column 61 and the row above are blank.
    #expect(left == 62)
    #expect(lines[top][61] == " " && lines[top - 1][62] == " " && lines[top - 1][61] == " ")
    #expect(lines[top][60] == "#")
  }
}

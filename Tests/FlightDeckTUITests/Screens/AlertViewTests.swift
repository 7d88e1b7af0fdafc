import FlightDeckTestSupport
import Testing

@testable import FlightDeckCore
@testable import FlightDeckTUI

/// The alert view (Enter in the Alerts pane) on the incident fixture:
/// HighErrorRate fires since now − 192 s and belongs to INC-2; CostBurn is
/// silenced by SIL-1.
@Suite struct AlertViewTests {
  let screens = IncidentScreenTests()

  @Test func enterOpensTheSelectedAlertWhole() {
    let d = screens.driver(width: 100, height: 40, focus: .alerts)
    d.send(.enter)
    #expect(d.state.overlay == .alert)
    let t = screens.text(d)
    #expect(t.contains("Alert (Esc closes)"))
    #expect(t.contains("HighErrorRate (group fd)"))
    // firedAt = 14:03:07 − 192 s = 13:59:55; activeAt = 60 s before that.
    #expect(t.contains("firing since 2025-06-01T13:59:55.000Z (active since 2025-06-01T13:58:55.000Z)"))
    #expect(t.contains("0.06"))
    #expect(t.contains(#"alertname="HighErrorRate" artefact="support-agent" route="canary" severity="page""#))
    #expect(t.contains("INC-2 SEV1 acknowledged: support-agent canary errors"))
    #expect(t.contains(IncidentFixture.highErrorRate.fingerprint))
    d.send(.escape)
    #expect(d.state.overlay == nil)
  }

  @Test func silencesAndAnnotationsAreListedAndSanitised() {
    var alert = IncidentFixture.costBurn
    alert.annotations = [
      "summary": "spend above budget", "runbook_url": "https://runbooks.example/cost\u{1B}]0;x\u{07}",
    ]
    let text = AlertView.lines(alert, incident: nil, width: 60).joined(separator: "\n")
    #expect(text.contains("SIL-1"))
    #expect(text.contains("spend above budget"))
    #expect(text.contains("incident:\n  none"))
    // The escape sequence is shown, never sent to the terminal.
    #expect(!text.contains("\u{1B}"))
    #expect(text.contains("\\x1B"))
    // No line is wider than the box.
    #expect(AlertView.lines(alert, incident: nil, width: 20).allSatisfy { DisplayWidth.of($0) <= 20 })
  }

  @Test func noAlertSelectedSaysSo() {
    let d = screens.driver(focus: .alerts, alerts: false)
    d.send(.enter)
    #expect(d.state.overlay == nil)
  }
}

import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Testing

/// Hostile names from telemetry and the open-incident dialog (issue 16):
/// escaped once, and a name the registry would refuse is refused before a
/// dialog opens.
@Suite struct HostileNameTests {
  /// An artefact name with an escape sequence, 200 characters long.
  static let hostile = "evil\u{1B}[31m" + String(repeating: "x", count: 191)

  @Test func aCanaryTheRegistryCannotNameIsRefusedBeforeTheDialog() throws {
    var snapshot = DashboardFixture.snapshot()
    snapshot.canaries[0].artefact = Self.hostile
    var state = AppState()
    state.focus = .canary
    let d = AppDriver(width: 80, height: 24, state: state)
    d.apply(snapshot: snapshot)
    d.apply(.registrySnapshot(RegistryFixture.registry()))
    #expect(d.send(.char("i")) == [])
    #expect(d.state.dialog == nil)
    let message = try #require(d.state.statusMessage)
    #expect(message.hasPrefix("opening incidents: \"evil\u{1B}[31mxxx"))
    #expect(message.contains("is not an artefact name the registry knows"))
    // Drawn escaped once: `\x1b`, never `\\x1b`.
    let status = d.frame.joined(separator: "\n")
    #expect(status.contains("opening incidents: \"evil\\x1B[31mxxx"))
    #expect(!status.contains("\\\\x1B"))
  }

  @Test func aPrefilledTitleIsEscapedOnce() throws {
    var snapshot = IncidentFixture.snapshot()
    for i in snapshot.alerts.indices { snapshot.alerts[i].annotations["summary"] = "rate \u{1B}[31mhigh" }
    var state = AppState()
    state.focus = .alerts
    let d = AppDriver(width: 80, height: 24, state: state)
    d.apply(snapshot: snapshot)
    d.apply(.registrySnapshot(RegistryFixture.registry()))
    d.send(.char("i"))
    let dialog = try #require(d.state.dialog)
    // Sanitised once at the edge: the field holds `\x1b`, the screen shows the same.
    #expect(dialog.text(of: "title") == "rate \\x1B[31mhigh")
    let screen = d.frame.joined(separator: "\n")
    #expect(screen.contains("title*:    rate \\x1B[31mhigh"))
    #expect(!screen.contains("\\\\x1B"))
  }

  /// A drill-down's labels come from the store and the rules too (a routing
  /// target's name, an alert annotation's key): sanitised like the values.
  @Test func aDrillDownLabelIsSanitised() {
    var s = AppState(width: 80, height: 24)
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    s.textView = TextViewState(title: "Routing", blocks: [.init("gate\u{1B}[2Jway:", "in sync")])
    let rows = ScreenView.view(state: s).textRows()
    #expect(rows.contains { $0.contains("gate\\x1B[2Jway:") })
    #expect(!rows.joined().unicodeScalars.contains("\u{1B}"))
  }
}

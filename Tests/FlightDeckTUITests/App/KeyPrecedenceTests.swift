import FlightDeckCore
import FlightDeckTUI
import Testing

/// Key precedence written once in the overlay stack (issue 16): a key goes
/// to the top overlay and never acts on the screen underneath; a view opened
/// from the help goes on top of it.
@Suite struct KeyPrecedenceTests {
  static func press(_ s: inout AppState, _ key: Key) { _ = AppUpdate.update(&s, .key(key)) }

  @Test func filterAndFocusKeysInAFullViewAreRefusedNotActedOnUnderneath() {
    var s = AppState()
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    s.focus = .alerts
    s.textView = TextViewState(title: "Message 1 of 1, newest first", blocks: [.init("text:", "hello")])
    Self.press(&s, .char("/"))
    // Before the rule `/` opened the filter prompt under the text view.
    #expect(!s.isEditingFilter)
    #expect(s.overlay == .text)
    #expect(s.statusMessage == "/ works on the panes: Esc first (the text view is open)")
    #expect(s.statusLevel == .warn)
    Self.press(&s, .tab)
    Self.press(&s, .backTab)
    #expect(s.focus == .alerts)
    #expect(s.statusMessage?.hasPrefix("Shift-Tab works on the panes: Esc first") == true)
    // Typed letters after the refused `/` did not become a filter either.
    Self.press(&s, .char("x"))
    #expect(s.filter == "")
    // Esc closes the view; then `/` and Tab act on the panes again.
    Self.press(&s, .escape)
    #expect(s.overlay == nil)
    Self.press(&s, .tab)
    #expect(s.focus == .incidents)
    Self.press(&s, .char("/"))
    #expect(s.isEditingFilter)
  }

  @Test func theRuleHoldsInEveryStackedView() {
    var s = AppState()
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    s.incidentView = IncidentViewState(id: 7)
    s.focus = .registry
    Self.press(&s, .tab)
    #expect(s.focus == .registry)
    #expect(s.statusMessage == "Tab works on the panes: Esc first (the incident view is open)")
    s.incidentView = nil
    s.messages = MessagesOverlayState()
    Self.press(&s, .char("/"))
    #expect(!s.isEditingFilter)
    #expect(s.overlay == .messages)
  }

  @Test func escFromTheAuditOpenedByCommandFromTheHelpReturnsToTheHelp() {
    var s = AppState()
    s.registry = RegistryFixture.registry()
    Self.press(&s, .char("?"))
    #expect(s.overlay == .help)
    Self.press(&s, .char(":"))
    #expect(s.commandMode.isOpen)
    for c in "audit" { Self.press(&s, .char(c)) }
    Self.press(&s, .enter)
    #expect(s.overlay == .audit)
    #expect(s.overlays.layers.map(\.kind) == [.help, .audit])
    Self.press(&s, .escape)
    #expect(s.overlay == .help)
    Self.press(&s, .escape)
    #expect(s.overlay == nil)
  }

  @Test func aPaneCommandFromTheHelpClosesTheHelpFirst() {
    var s = AppState()
    Self.press(&s, .char("?"))
    Self.press(&s, .char(":"))
    for c in "alerts" { Self.press(&s, .char(c)) }
    Self.press(&s, .enter)
    #expect(s.focus == .alerts)
    #expect(s.overlay == nil)
  }

  @Test func theMessagesViewOpenedFromTheHelpByKeyReturnsToIt() {
    var s = AppState()
    Self.press(&s, .char("?"))
    Self.press(&s, .char("M"))
    #expect(s.overlays.layers.map(\.kind) == [.help, .messages])
    Self.press(&s, .escape)
    #expect(s.overlay == .help)
  }

  /// A message opened from the messages view goes on top of it even when a
  /// text view is already open lower in the stack (a tester: `L`, `M`, Enter
  /// seemed to do nothing, the message having replaced the `L` view under the list).
  @Test func aMessageOpenedFromTheMessagesViewGoesOnTopOfAnOlderText() {
    var s = AppState()
    _ = AppUpdate.update(&s, .newSnapshot(DashboardFixture.snapshot()))
    _ = AppUpdate.update(&s, .status("first", until: nil))
    _ = AppUpdate.update(&s, .status("second", until: nil))
    Self.press(&s, .char("L"))
    #expect(s.overlays.layers.map(\.kind) == [.text])
    Self.press(&s, .char("M"))
    #expect(s.overlays.layers.map(\.kind) == [.text, .messages])
    Self.press(&s, .enter)
    #expect(s.overlays.layers.map(\.kind) == [.messages, .text])
    #expect(s.overlay == .text)
    Self.press(&s, .escape)
    #expect(s.overlay == .messages)
    Self.press(&s, .escape)
    #expect(s.overlays.isEmpty)
  }

  /// Below the minimum size only the too-small notice is drawn: keys do not
  /// reach a dialog out of sight (a tester typed into a rollback dialog and
  /// submitted it blind at 20×8); Ctrl-C still quits.
  @Test func belowTheMinimumSizeKeysDoNotActOutOfSight() {
    var s = RegistryKeysTests.state()
    RegistryKeysTests.select(&s, row: 4)
    Self.press(&s, .char("P"))
    RegistryKeysTests.type(&s, "fix")
    let dialog = s.dialog
    #expect(dialog?.text(of: "reason") == "fix")
    _ = AppUpdate.update(&s, .resize(width: 20, height: 8))
    RegistryKeysTests.type(&s, " more")
    #expect(AppUpdate.update(&s, .key(.enter)).isEmpty)
    #expect(AppUpdate.update(&s, .key(.char("q"))).isEmpty)
    #expect(s.dialog == dialog)
    #expect(AppUpdate.update(&s, .key(.ctrl("c"))) == [.quit])
    // Back at a size that shows the dialog, it is as it was left.
    _ = AppUpdate.update(&s, .resize(width: 80, height: 24))
    #expect(s.dialog?.text(of: "reason") == "fix")
  }
}

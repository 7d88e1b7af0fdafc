import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

@Suite struct KeyMapFileTests {
  static let file = "/home/op/.config/flightdeck/keymap.toml"

  func problems(_ text: String) -> [KeyMapError.Problem] {
    do {
      _ = try KeyMapFile.parse(text, file: Self.file)
      Issue.record("expected the keymap to be refused")
      return []
    } catch let error as KeyMapError {
      return error.problems
    } catch {
      Issue.record("unexpected error \(error)")
      return []
    }
  }

  @Test func defaultMapHasNoConflicts() {
    #expect(KeyMapFile.conflicts(in: .default).isEmpty)
  }

  @Test func keyNamesParse() {
    #expect(Key(name: "q") == .char("q"))
    #expect(Key(name: "P") == .char("P"))
    #expect(Key(name: ":") == .char(":"))
    #expect(Key(name: "Ctrl-C") == .ctrl("c"))
    #expect(Key(name: "<c-r>") == .ctrl("r"))
    #expect(Key(name: "F1") == .function(1))
    #expect(Key(name: "f12") == .function(12))
    #expect(Key(name: "Esc") == .escape)
    #expect(Key(name: "PageDown") == .pageDown)
    #expect(Key(name: "Shift-Tab") == .backTab)
    #expect(Key(name: "Space") == .char(" "))
    #expect(Key(name: "↑") == .up)
    // Every name the help prints reads back as the same key.
    for key in KeyMap.default.bindings.flatMap(\.keys) {
      #expect(Key(name: key.description) == key, "\(key)")
    }
    for bad in ["", "F13", "F0", "Ctrl-", "Ctrl-1", "hyper-x", "qq", "\u{1B}", "\u{202E}", "\t"] {
      #expect(Key(name: bad) == nil, "\(bad.debugDescription)")
    }
  }

  @Test func remapReplacesKeysInItsScope() throws {
    let map = try KeyMapFile.parse(
      """
      # my keys
      [global]
      quit = ["F10", "Ctrl-C"]
      toggleHelp = ["?", "F1"]

      [overlay.help]
      scrollDown = ["j", "Down", "Space"]
      """, file: Self.file)
    let registry = KeyContext(focus: .registry)
    #expect(map.resolve(.function(10), in: registry) == .action(.quit))
    #expect(map.resolve(.char("q"), in: registry) == .unbound)
    #expect(map.resolve(.function(1), in: registry) == .action(.toggleHelp))
    #expect(map.resolve(.char(" "), in: KeyContext(focus: .registry, overlay: .help)) == .action(.scrollDown))
    // Help order and everything else unchanged.
    #expect(map.bindings.count == KeyMap.default.bindings.count)
    #expect(map.bindings.map(\.action) == KeyMap.default.bindings.map(\.action))
  }

  @Test func paneRemapSplitsASharedBinding() throws {
    // `]` is bound for Registry and Canary at once; remapping it in the
    // Canary pane leaves the Registry's alone.
    let map = try KeyMapFile.parse(
      """
      [pane.canary]
      promoteRolloutStep = "S"
      """, file: Self.file)
    #expect(map.resolve(.char("S"), in: KeyContext(focus: .canary)) == .action(.promoteRolloutStep))
    #expect(map.resolve(.char("]"), in: KeyContext(focus: .canary)) == .unbound)
    #expect(map.resolve(.char("]"), in: KeyContext(focus: .registry)) == .action(.promoteRolloutStep))
    #expect(map.resolve(.char("S"), in: KeyContext(focus: .registry)) == .unbound)
    #expect(map.bindings.count == KeyMap.default.bindings.count + 1)
    // Both halves stay dangerous.
    #expect(map.bindings.filter { $0.action == .promoteRolloutStep }.allSatisfy { $0.isDangerous })
  }

  @Test func eachKindOfBadKeymapIsReportedWithFileLineAndField() {
    let found = problems(
      """
      [global]
      quit = "q"
      frobnicate = "f"
      toggleHelp = "Hyper-H"
      nextTheme = 5

      [pane.registry]
      requestPromotion = "h"
      quit = "Q"

      [pane.nowhere]
      quit = "q"

      [overlay.filter]
      applyFilter = "x"
      """)
    let summary = found.map { "\($0.line ?? 0) \($0.kind.rawValue) \($0.field)" }
    #expect(
      summary == [
        "3 unknownAction global.frobnicate",
        "4 unknownKey global.toggleHelp",
        "5 wrongType global.nextTheme",
        "8 conflict pane.registry.requestPromotion",
        "9 notInScope pane.registry.quit",
        "11 unknownScope pane.nowhere",
        "15 typedKey overlay.filter.applyFilter",
      ])
    #expect(found.allSatisfy { $0.file == Self.file })
    let conflict = found.first { $0.kind == .conflict }
    #expect(
      conflict?.description
        == "\(Self.file):8: pane.registry.requestPromotion: key 'h' is bound to both 'requestPromotion' and "
        + "'showHistory' in pane.registry")
  }

  @Test func globalConflictAndSyntaxErrorsAreReported() {
    let conflict = problems(
      """
      [global]
      nextTheme = "q"
      """)
    #expect(conflict.map(\.kind) == [.conflict])
    #expect(conflict.first?.line == 2)
    #expect(conflict.first?.field == "global.nextTheme")
    let syntax = problems("[global]\nquit = [\"q\"\n")
    #expect(syntax.map(\.kind) == [.syntax])
    #expect(syntax.first?.line != nil)
    let topLevel = problems("quit = \"q\"\n")
    #expect(topLevel.map(\.kind) == [.unknownScope])
    #expect(topLevel.first?.line == 1)
  }

  @Test func readOnlyBeatsTheKeymap() throws {
    // The keymap moves promotion to `p` (and pause to F9); read-only still removes it.
    let map = try KeyMapFile.parse(
      """
      [global]
      togglePause = "F9"
      [pane.registry]
      requestPromotion = "p"
      """, file: Self.file)
    var state = AppState(keyMap: map, readOnly: true)
    #expect(state.keyMap.resolve(.char("p"), in: state.keyContext) == .unbound)
    #expect(!state.keyMap.bindings.contains { $0.isDangerous })
    _ = AppUpdate.update(&state, .key(.char("p")))
    #expect(state.dialog == nil)
    #expect(state.statusMessage == "read-only: promotion disabled")
    // Nor through the command prompt.
    _ = AppUpdate.update(&state, .key(.char(":")))
    for c in "requestPromotion" { _ = AppUpdate.update(&state, .key(.char(c))) }
    _ = AppUpdate.update(&state, .key(.enter))
    #expect(state.dialog == nil)
    #expect(state.statusMessage == "read-only: :requestPromotion disabled")
  }

  @Test func aRemovedPaneKeyDoesNotFallThroughToTheGlobalOne() throws {
    // Promotion on `p` in the Registry, pause left on `p` everywhere (seen by a
    // tester: read-only paused the view instead of refusing the promotion).
    let map = try KeyMapFile.parse(
      """
      [pane.registry]
      requestPromotion = "p"
      """, file: Self.file)
    var state = AppState(keyMap: map, readOnly: true)
    state.focus = .registry
    _ = AppUpdate.update(&state, .key(.char("p")))
    #expect(!state.isPaused)
    #expect(state.dialog == nil)
    #expect(state.statusMessage == "read-only: promotion disabled")
    // Elsewhere `p` still pauses.
    state.focus = .alerts
    _ = AppUpdate.update(&state, .key(.char("p")))
    #expect(state.isPaused)
    // Without read-only, `p` in the Registry opens the promotion dialog.
    var writable = AppState(keyMap: map)
    writable.focus = .registry
    _ = AppUpdate.update(&writable, .newSnapshot(DashboardFixture.snapshot()))
    _ = AppUpdate.update(&writable, .key(.char("p")))
    #expect(!writable.isPaused)
  }

  @Test func aKeyTheKeymapMovedOffThisPaneNamesWhereItWasRemoved() throws {
    // Approval moved to `p`: `a` in the Registry no longer means approval, and
    // read-only removed `a` (alert acknowledgement) from the Alerts pane. A
    // tester saw "read-only: alert acknowledgement disabled" as if `a` meant it here.
    let map = try KeyMapFile.parse(
      """
      [pane.registry]
      approveRequest = "p"
      requestPromotion = "W"
      """, file: Self.file)
    var state = AppState(keyMap: map, readOnly: true)
    state.focus = .registry
    _ = AppUpdate.update(&state, .key(.char("a")))
    #expect(state.statusMessage == "read-only: alert acknowledgement disabled (a in the Alerts pane)")
    _ = AppUpdate.update(&state, .key(.char("p")))
    #expect(state.statusMessage == "read-only: approval disabled")
  }

  @Test func theFooterDoesNotOfferAGlobalKeyThePaneRebinds() throws {
    // Approval on `p` in the Registry: the footer there offers `p approve`, not also `p pause`.
    let map = try KeyMapFile.parse(
      """
      [pane.registry]
      approveRequest = "p"
      """, file: Self.file)
    let registry = map.hints(in: KeyContext(focus: .registry, overlay: nil))
    #expect(registry.filter { $0.keys.contains(.char("p")) }.map(\.action) == [.approveRequest])
    // Elsewhere `p` still pauses, and says so.
    let alerts = map.hints(in: KeyContext(focus: .alerts, overlay: nil))
    #expect(alerts.filter { $0.keys.contains(.char("p")) }.map(\.action) == [.togglePause])
  }

  @Test func helpAndFooterFollowTheUsersKeys() throws {
    let map = try KeyMapFile.parse(
      """
      [global]
      quit = "F10"
      toggleHelp = "F1"
      """, file: Self.file)
    var state = AppState(keyMap: map, width: 80, height: 24)
    _ = AppUpdate.update(&state, .newSnapshot(DashboardFixture.snapshot()))
    let footer = ScreenView.view(state: state).textRows()[22]
    #expect(footer.hasPrefix("F10 quit  F1 help"))
    _ = AppUpdate.update(&state, .key(.function(1)))
    #expect(state.isHelpVisible)
    let help = ScreenView.view(state: state)
    CanvasSnapshot.assertMatches(help, named: "help-remapped-80x24")
    let text = help.textRows().joined(separator: "\n")
    #expect(text.contains("F10/Ctrl-C") == false)
    #expect(text.contains("F10"))
  }
}

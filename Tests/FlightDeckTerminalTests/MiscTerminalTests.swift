import FlightDeckTUI
import FlightDeckTerminal
import Testing

@Suite struct MiscTerminalTests {
  @Test func terminfoPaddingIsStripped() {
    let input = Array("\u{1B}[?5h$<100/>\u{1B}[?5l$<5*>x$<a>".utf8)
    #expect(TerminfoBytes.strippingPadding(input) == Array("\u{1B}[?5h\u{1B}[?5lx$<a>".utf8))
  }

  @Test func crashRestoreOrder() {
    let bytes = TerminfoBytes.crashRestore(
      sgr0: Array("S".utf8), cnorm: Array("C".utf8), rmkx: nil, rmcup: Array("R".utf8))
    #expect(bytes == Array("SCR\r\n".utf8))
  }

  @Test func appearanceUnionsAttributesAndQuantises() {
    let theme = Theme(
      name: "t",
      entries: [.critical: .init(foreground: .rgb(255, 215, 0), background: .indexed(1), bold: true)])
    let look = CellAppearance.resolve(
      style: CellStyle(.critical, underline: true), theme: theme, colorCount: 256, defaultColorsAllowed: true)
    // (255,215,0) → cube (5,4,0) = 16 + 5*36 + 4*6 + 0 = 220.
    #expect(look == CellAppearance(foreground: 220, background: 1, bold: true, underline: true))
  }

  @Test func noColourKeepsAttributesAndDimsDimRole() {
    let theme = Theme(name: "t", entries: [.dim: .init(foreground: .indexed(8))])
    let look = CellAppearance.resolve(
      style: CellStyle(.dim, reverse: true), theme: theme, colorCount: 0, defaultColorsAllowed: true)
    #expect(look == CellAppearance(foreground: -1, background: -1, reverse: true, dim: true))
  }

  @Test func defaultColoursWithoutUseDefaultColors() {
    let theme = Theme(name: "t", entries: [:])
    let look = CellAppearance.resolve(style: .plain, theme: theme, colorCount: 8, defaultColorsAllowed: false)
    #expect(look.foreground == 7 && look.background == 0)
  }

  @Test func errorDescriptions() {
    #expect(
      TerminalError(.unknownTerminal(term: "unknown-term")).description
        == "unknown terminal type 'unknown-term' (TERM); try TERM=xterm-256color")
    #expect(TerminalError(.unknownTerminal(term: "")).description.contains("'(unset)'"))
    #expect(
      TerminalError(.cannotPositionCursor(term: "dumb")).description
        == "terminal 'dumb' cannot position the cursor; try TERM=xterm-256color")
    // TERM is untrusted: printed once through the sanitiser, an escape in it
    // is shown, not sent (ESC → \x1B).
    #expect(
      Sanitizer.sanitize(TerminalError(.cannotPositionCursor(term: "a\u{1B}]0;x")).description).hasPrefix(
        "terminal 'a\\x1B]0;x'"))
  }

  @Test func fullScreenNeedsCursorAddressingAndClear() {
    // terminfo: xterm has both cup and clear; dumb has neither; a terminal
    // with clear but no cup (e.g. some printing terminals) cannot draw a frame.
    #expect(NcursesBackend.canPositionCursor(cup: true, clear: true))
    #expect(!NcursesBackend.canPositionCursor(cup: false, clear: false))
    #expect(!NcursesBackend.canPositionCursor(cup: false, clear: true))
    #expect(!NcursesBackend.canPositionCursor(cup: true, clear: false))
  }

  @Test func codesetDetection() {
    #expect(NcursesBackend.isUTF8(codeset: "UTF-8"))
    #expect(NcursesBackend.isUTF8(codeset: "utf8"))
    #expect(!NcursesBackend.isUTF8(codeset: "ANSI_X3.4-1968"))
    #expect(!NcursesBackend.isUTF8(codeset: "ISO-8859-1"))
  }

  @Test func exitStatuses() {
    // 128 + signal number: SIGHUP 1, SIGINT 2, SIGTERM 15 on Linux.
    #expect(TerminalSignals.exitStatus(for: 2) == 130)
    #expect(TerminalSignals.exitStatus(for: 15) == 143)
    #expect(TerminalSignals.exitStatus(for: 1) == 129)
  }

  @Test func aRepeatedHangUpIsNotASecondShutdownRequest() {
    // tmux kill-session / a dropped SSH connection: the kernel sends SIGHUP to
    // the foreground group, the shell sends its jobs another, and the poll
    // sees POLLHUP (noted as SIGHUP). None of those may cut the shutdown short.
    // Linux numbers: SIGHUP 1, SIGINT 2, SIGTERM 15.
    let (hup, int, term): (Int32, Int32, Int32) = (1, 2, 15)
    #expect(!TerminalSignals.isSecondRequest(pending: hup, incoming: hup))
    #expect(!TerminalSignals.isSecondRequest(pending: 0, incoming: hup))
    #expect(!TerminalSignals.isSecondRequest(pending: 0, incoming: int))
    // A second Ctrl-C, or SIGTERM after the hang-up, still forces the exit.
    #expect(TerminalSignals.isSecondRequest(pending: int, incoming: int))
    #expect(TerminalSignals.isSecondRequest(pending: hup, incoming: term))
    #expect(TerminalSignals.isSecondRequest(pending: term, incoming: hup))
  }
}

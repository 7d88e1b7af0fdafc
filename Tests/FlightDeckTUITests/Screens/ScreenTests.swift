import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Foundation
import Testing

@Suite struct ScreenTests {
  func driver(width: Int, height: Int) -> AppDriver {
    let d = AppDriver(width: width, height: height)
    d.apply(snapshot: DashboardFixture.snapshot())
    return d
  }

  @Test func compact80x24MatchesSnapshot() {
    let d = driver(width: 80, height: 24)
    #expect(d.frame.count == 24)
    guard let canvas = d.backend.lastFrame else {
      Issue.record("no frame")
      return
    }
    CanvasSnapshot.assertMatches(canvas, named: "screen-80x24", includeStyles: true)
  }

  @Test func full200x50MatchesSnapshot() {
    let d = driver(width: 200, height: 50)
    d.send(.char("j"))
    d.send(.char("j"))  // support-agent: Charts follow it
    #expect(d.effects.last == .selectArtefact("support-agent"))
    guard let canvas = d.backend.lastFrame else {
      Issue.record("no frame")
      return
    }
    CanvasSnapshot.assertMatches(canvas, named: "screen-200x50", includeStyles: true)
  }

  @Test func fullLayoutShowsEveryPane() {
    let text = driver(width: 200, height: 50).frame.joined(separator: "\n")
    for pane in PaneID.allCases { #expect(text.contains(pane.title), "\(pane)") }
    #expect(text.contains("No alert rules loaded"))
    #expect(text.contains("/var/log/fd/a.jsonl:92: ts: missing required field"))
  }

  @Test func compactTabsFollowFocus() {
    let d = driver(width: 80, height: 24)
    #expect(d.frame.joined().contains("[Charts]"))
    d.send(.tab)  // Canary
    #expect(d.frame.joined().contains("[Canary]"))
    #expect(d.frame.joined().contains("▲ +5.5pp"))
  }

  @Test func pausedScreenKeepsOldClock() {
    let d = driver(width: 80, height: 24)
    d.send(.char("p"))
    var newer = DashboardFixture.snapshot()
    newer.now = DashboardFixture.now.adding(milliseconds: 60_000)
    d.apply(snapshot: newer)
    #expect(d.frame[0].hasPrefix("14:03:07Z"))
    #expect(d.frame[0].hasSuffix(" PAUSED "))
    d.send(.char("p"))
    #expect(d.frame[0].hasPrefix("14:04:07Z"))
    #expect(d.frame[0].hasSuffix(" LIVE "))
    #expect(d.effects.suffix(1) == [.setPaused(false)])
  }

  @Test func hostileAndWideNamesAreEscapedAndAligned() {
    var snap = DashboardFixture.snapshot()
    let hostile = "gpt\u{1b}[2J\u{1b}]0;owned\u{07}"
    let wide = "模型🚀助手-long-name"
    snap.artefacts = [
      DashboardFixture.artefact(hostile, versions: [DashboardFixture.v3]),
      DashboardFixture.artefact(wide, versions: [DashboardFixture.v4]),
      DashboardFixture.artefact("plain", versions: [DashboardFixture.v5]),
    ]
    snap.canaries = [
      CanaryComparison(
        artefact: hostile, split: [DashboardFixture.v4, DashboardFixture.v3],
        stable: DashboardFixture.v3.stats,
        canary: DashboardFixture.v4.stats, shadow: nil)
    ]
    snap.ingest.recentErrors = [IngestError(path: "/tmp/\u{1b}[31mred", line: 1, reason: "bad\u{9b}31m")]
    for (w, h) in [(80, 24), (200, 50)] {
      let d = AppDriver(width: w, height: h)
      d.apply(snapshot: snap)
      d.send(.tab)  // show the Canary tab in compact mode too
      guard let canvas = d.backend.lastFrame else {
        Issue.record("no frame")
        continue
      }
      for cell in canvas.cells {
        #expect(
          !cell.grapheme.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
      }
      // Every row is exactly the canvas width in display columns.
      for row in canvas.textRows() { #expect(DisplayWidth.of(row) == w) }
      let text = canvas.textRows().joined(separator: "\n")
      #expect(text.contains("gpt\\x1B[2J"))
      // Registry (header row 0, box top 1, column titles 2, rows 3…5): the
      // route column (never dropped; kind may give way to the names) starts at
      // the same x on every row, whatever the name's width.
      let titles = 2
      guard
        let routeX = (0..<(w - 5)).first(where: { x in
          (x..<(x + 5)).map { canvas[$0, titles].grapheme }.joined() == "route"
        })
      else {
        Issue.record("no route column at \(w)x\(h)")
        continue
      }
      for (y, route) in zip((titles + 1)...(titles + 3), ["stable", "canary", "shadow"]) {
        let cell = (routeX..<(routeX + 6)).map { canvas[$0, y].grapheme }.joined()
        #expect(cell == route, "row \(y) at \(w)x\(h)")
      }
    }
  }

  @Test(arguments: [(59, 15), (20, 5), (1, 1), (0, 0), (59, 40), (300, 15)])
  func tooSmallShowsOnlyTheNotice(size: (Int, Int)) {
    let (w, h) = size
    let d = AppDriver(width: w, height: h)
    d.apply(snapshot: DashboardFixture.snapshot())
    d.send(.char("?"))
    let rows = d.frame
    #expect(rows.count == h)
    let words = rows.flatMap { $0.split(separator: " ") }.joined(separator: " ")
    let notice = TooSmallNotice.text(width: w, height: h)
    if w >= 20 {
      #expect(words == notice)
    } else {
      // Too narrow for whole words: only clipped notice text, no pane fragments.
      #expect(!rows.joined().contains("│") && !rows.joined().contains("Registry"))
    }
  }

  @Test func tooSmallNoticeIsCentred() {
    // 59×15: "terminal too small (need 60×16, have 59×15)" is 43 columns:
    // row (15 − 1) / 2 = 7, column (59 − 43) / 2 = 8.
    let rows = ScreenView.view(state: AppState(), snapshot: nil, width: 59, height: 15).textRows()
    let text = "terminal too small (need 60×16, have 59×15)"
    #expect(rows[7] == String(repeating: " ", count: 8) + text + String(repeating: " ", count: 8))
    // 20×5: wraps to 3 lines at spaces, starting at row (5 − 3) / 2 = 1.
    let small = ScreenView.view(state: AppState(), snapshot: nil, width: 20, height: 5).textRows()
    #expect(small[1] == " terminal too small ")
    #expect(small[2] == " (need 60×16, have  ")
    #expect(small[3] == "       20×5)        ")
    #expect(ScreenView.view(state: AppState(), snapshot: nil, width: 0, height: 0).textRows().isEmpty)
  }

  @Test func helpOverlayListsEveryBinding() {
    // At 80×24 and 200×50 every binding is reachable by paging down, and
    // the footer and status line stay visible under the help.
    for (w, h) in [(80, 24), (200, 50)] {
      let d = driver(width: w, height: h)
      d.send(.char("?"))
      var text = d.frame.joined(separator: "\n")
      #expect(d.frame[h - 2].hasPrefix("Esc/? close  ↓/j scroll  PgDn page down  PgUp page up"), "\(w)x\(h)")
      #expect(text.contains("! dangerous: changes the registry (removed by --read-only)"))
      for _ in 0..<13 {
        d.send(.pageDown)
        text += "\n" + d.frame.joined(separator: "\n")
      }
      #expect(d.frame.joined().contains("Close this help"))
      for b in KeyMap.default.bindings {
        #expect(text.contains(b.keyLabel), "\(b.keyLabel)")
        #expect(text.contains(b.help), "\(w)x\(h): \(b.help)")
        #expect(text.contains(b.scope.label), "\(b.scope.label)")
      }
      d.send(.escape)
      #expect(!d.frame.joined().contains("Help: keys"))
    }
  }

  @Test func footerShowsFilterPromptAndHints() {
    let d = driver(width: 80, height: 24)
    d.send(.char("/"))
    d.type("sup")
    #expect(d.frame[23].hasPrefix("filter: /sup▏"))
    #expect(d.frame[22].hasPrefix("Enter apply  Esc clear  Backspace delete  Ctrl-C quit"))
    d.send(.enter)
    #expect(d.frame[23].hasPrefix("filter: sup  (Esc clears)"))
    // The Registry has focus: its own keys come right after quit and help.
    #expect(d.frame[22].hasPrefix("q/Ctrl-C quit  ? help  P promote  a approve  x reject  r rollback"))
  }

  @Test func drillDownShowsVersionDetail() {
    let d = driver(width: 200, height: 50)
    d.send(.char("j"))
    d.send(.char("j"))
    d.send(.enter)
    let text = d.frame.joined(separator: "\n")
    #expect(text.contains("Detail: support-agent"))
    // 112-column pane (60 % of 200 = 120, capped at 112): every column fits; v4: $0.57 / 900 s × 3600 = $2.28/h;
    // user-facing total 3000 req / 900 s = 3.3 req/s, 31 errors / 3000 = 1.0 %.
    #expect(text.contains("timeouts"))
    #expect(text.contains("TTFT p95"))
    #expect(text.contains("$2.28/h"))
    #expect(text.contains("user-facing total 3.3 req/s, err 1.0%"))
    // At 120×40 the 72-column pane drops the optional columns but keeps cost/req.
    d.resize(width: 120, height: 40)
    #expect(d.frame.joined().contains("cost/req"))
    #expect(!d.frame.joined().contains("timeouts"))
    d.send(.escape)
    #expect(!d.frame.joined().contains("Detail: support-agent"))
  }

  @Test func keyBindingsArticleIsInSync() throws {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
      let up = dir.deletingLastPathComponent()
      guard up.path != dir.path else { Issue.record("no Package.swift above the test"); return }
      dir = up
    }
    let article = try String(
      contentsOf: dir.appendingPathComponent("Sources/FlightDeckCore/FlightDeckCore.docc/KeyBindings.md"),
      encoding: .utf8)
    #expect(article.contains(KeyMap.default.markdownTable()))
  }
}

@Suite struct ScreenSizeSweepTests {
  @Test func everySizeRendersExactlyItsSize() {
    // Sizes 0…130 × 0…52 in steps, with help open and a filter prompt: the
    // canvas always has `h` rows of display width `w`, and never a crash.
    var state = AppState()
    _ = AppUpdate.update(&state, .newSnapshot(DashboardFixture.snapshot()))
    _ = AppUpdate.update(&state, .key(.char("/")))
    _ = AppUpdate.update(&state, .key(.char("s")))
    var withHelp = state
    withHelp.isHelpVisible = true
    for w in stride(from: 0, through: 130, by: 7) {
      for h in stride(from: 0, through: 52, by: 4) {
        for s in [state, withHelp] {
          let rows = ScreenView.view(state: s, snapshot: s.snapshot, width: w, height: h).textRows()
          #expect(rows.count == h)
          #expect(rows.allSatisfy { DisplayWidth.of($0) == w }, "\(w)x\(h)")
        }
      }
    }
  }

  @Test func asciiModeDrawsOnlyAscii() {
    // The fixture's names are ASCII, so in ASCII mode every cell must be.
    var state = AppState()
    _ = AppUpdate.update(&state, .newSnapshot(DashboardFixture.snapshot()))
    state.isPaused = true
    state.drillDown = "support-agent"  // charts with data, detail view
    for (w, h) in [(80, 24), (200, 50), (30, 10)] {
      for help in [false, true] {
        state.isHelpVisible = help
        let canvas = ScreenView.view(
          state: state, snapshot: state.snapshot, width: w, height: h, symbols: .ascii)
        let bad = canvas.cells.filter { !$0.grapheme.unicodeScalars.allSatisfy(\.isASCII) }
        #expect(bad.isEmpty, "\(w)x\(h) help=\(help): \(Set(bad.map(\.grapheme)))")
      }
    }
  }
}

import FlightDeckTerminal
import Testing

/// `rollout status --watch`'s output seam: the exact bytes written per frame.
@Suite struct WatchRedrawTests {
  let first = "ROLLOUT  PHASE\nRO-1     progressing\n"
  let second = "ROLLOUT  PHASE\nRO-1     paused\n"

  /// On a terminal every frame is preceded by cursor home (ESC [ H) and erase
  /// display (ESC [ 2 J), kubectl-argo-rollouts' `Clear()`: redrawn in place,
  /// never a second table below the first.
  @Test func onATerminalEachFrameClearsTheScreenFirst() {
    var redraw = WatchRedraw(inPlace: true, separator: "\n")
    #expect(
      redraw.frame(first).map { Array($0.utf8) } == [0x1B, 0x5B, 0x48, 0x1B, 0x5B, 0x32, 0x4A]
        + Array(first.utf8))
    #expect(redraw.frame(first) == nil)
    #expect(redraw.frame(second) == "\u{1B}[H\u{1B}[2J" + second)
    #expect(redraw.frame(first) == "\u{1B}[H\u{1B}[2J" + first)
  }

  /// Piped: one table per change after a blank line, no escape byte at all
  /// (JSON Lines: no separator).
  @Test func pipedFramesFollowEachOtherWithoutEscapes() {
    var redraw = WatchRedraw(inPlace: false, separator: "\n")
    var written = ""
    for text in [first, first, second, second, first] { written += redraw.frame(text) ?? "" }
    #expect(written == first + "\n" + second + "\n" + first)
    #expect(!written.utf8.contains(0x1B))
    var lines = WatchRedraw(inPlace: false, separator: "")
    #expect(
      (lines.frame("{\"a\":1}\n") ?? "") + (lines.frame("{\"a\":2}\n") ?? "") == "{\"a\":1}\n{\"a\":2}\n")
  }
}

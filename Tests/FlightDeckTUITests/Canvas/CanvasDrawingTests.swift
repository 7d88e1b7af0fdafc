import FlightDeckTUI
import FlightDeckTestSupport
import Testing

@Suite struct CanvasDrawingTests {
  @Test func wideGlyphTakesLeadAndContinuationCell() {
    var c = Canvas(width: 5, height: 1)
    let used = c.put("界a", x: 0, y: 0, maxWidth: 5, style: .plain)
    #expect(used == 3)  // 2 + 1
    #expect(c[0, 0].grapheme == "界" && c[0, 0].width == 2)
    #expect(c[1, 0].isContinuation)
    #expect(c[2, 0].grapheme == "a")
    #expect(c.textRows() == ["界a  "])
  }

  @Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
    var c = Canvas(width: 4, height: 1)
    c.put("界界", x: 0, y: 0, maxWidth: 4, style: .plain)
    c.put("x", x: 1, y: 0, maxWidth: 1, style: .plain)  // over the continuation of the first 界
    #expect(c.textRows() == [" x界"])
    #expect(c[0, 0] == .blank)
    c.put("y", x: 2, y: 0, maxWidth: 1, style: .plain)  // over the lead of the second 界
    #expect(c.textRows() == [" xy "])
    #expect(!c.cells.contains { $0.isContinuation })
  }

  @Test func wideGlyphOverTwoNarrowOnesAndAcrossAnotherWide() {
    var c = Canvas(width: 5, height: 1)
    c.put("ab界", x: 0, y: 0, maxWidth: 5, style: .plain)  // a b 界 _ ·
    c.put("한", x: 1, y: 0, maxWidth: 2, style: .plain)  // over b and the lead of 界
    #expect(c.textRows() == ["a한  "])
    #expect(c[1, 0].width == 2 && c[2, 0].isContinuation && c[3, 0] == .blank)
  }

  @Test func controlSequencesAreWrittenVisibly() {
    var c = Canvas(width: 30, height: 1)
    c.put("gpt\u{1b}[2J\u{1b}]0;owned\u{07}", x: 0, y: 0, maxWidth: 30, style: .plain)
    // gpt(3) \x1B(4) [2J(3) \x1B(4) ]0;owned(8) \x07(4) = 26 columns + 4 blank.
    #expect(c.textRows() == [#"gpt\x1B[2J\x1B]0;owned\x07    "#])
    for cell in c.cells {
      #expect(!cell.grapheme.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }
  }

  @Test func clipsWithEllipsisAndReturnsColumnsUsed() {
    var c = Canvas(width: 8, height: 1)
    #expect(c.put("hello world", x: 0, y: 0, maxWidth: 5, style: .plain) == 5)
    #expect(c.textRows() == ["hell…   "])
    // The canvas edge clips too: from x 5 only 3 columns remain.
    #expect(c.put("abcd", x: 5, y: 0, maxWidth: 10, style: .plain) == 3)
    #expect(c.textRows() == ["hell…ab…"])
  }

  @Test func onlyOneColumnLeftForAWideGlyphGetsASpace() {
    var c = Canvas(width: 4, height: 1)
    // a界b = 4 columns into 3: room 2 = a + (界 does not fit: space) + …
    #expect(c.put("a界b", x: 0, y: 0, maxWidth: 3, style: .plain) == 3)
    #expect(c.textRows() == ["a … "])
    var ascii = Canvas(width: 4, height: 1)
    ascii.ellipsis = "~"
    ascii.put("abcdef", x: 0, y: 0, maxWidth: 4, style: .plain)
    #expect(ascii.textRows() == ["abc~"])
  }

  @Test func leadingCombiningMarkSitsOnASpace() {
    var c = Canvas(width: 3, height: 1)
    #expect(c.put("\u{301}x", x: 0, y: 0, maxWidth: 3, style: .plain) == 2)
    #expect(c[0, 0].grapheme == " \u{301}")
    #expect(c[1, 0].grapheme == "x")
  }

  @Test func outOfRangeWritesAreIgnored() {
    var c = Canvas(width: 3, height: 2)
    #expect(c.put("abc", x: 0, y: 2, maxWidth: 3, style: .plain) == 0)
    #expect(c.put("abc", x: 3, y: 0, maxWidth: 3, style: .plain) == 0)
    #expect(c.put("abc", x: 0, y: -1, maxWidth: 3, style: .plain) == 0)
    #expect(c.textRows() == ["   ", "   "])
  }

  @Test func fillAndSetStyle() {
    var c = Canvas(width: 4, height: 2)
    c.put("界界", x: 0, y: 0, maxWidth: 4, style: .plain)
    c.fill(Rect(x: 1, y: 0, width: 2, height: 1), style: CellStyle(.ok))  // cuts both wide glyphs
    #expect(c.textRows()[0] == "    ")
    #expect(c[1, 0].style.role == .ok && c[2, 0].style.role == .ok)
    #expect(c[0, 0].style.role == .text && c[3, 0].style.role == .text)
    c.put("ab", x: 0, y: 1, maxWidth: 2, style: .plain)
    c.setStyle(Rect(x: 0, y: 1, width: 10, height: 5), style: CellStyle(.selection))
    #expect(c.textRows()[1] == "ab  ")
    #expect((0..<4).allSatisfy { c[$0, 1].style.role == .selection })
  }

  @Test func drawBoxWithTitle() {
    var c = Canvas(width: 10, height: 3)
    let inner = c.drawBox(c.area, title: "Hi", focused: false, symbols: .braille)
    #expect(inner == Rect(x: 1, y: 1, width: 8, height: 1))
    #expect(c.textRows() == ["┌ Hi ────┐", "│        │", "└────────┘"])
    #expect(c[0, 0].style == CellStyle(.border))
    #expect(c[2, 0].style.role == .title)
    var f = Canvas(width: 10, height: 3)
    f.drawBox(f.area, title: "Hi", focused: true, symbols: .ascii)
    #expect(f.textRows() == ["+ Hi ----+", "|        |", "+--------+"])
    #expect(f[0, 1].style == CellStyle(.borderFocus, bold: true))
  }

  @Test func drawBoxClipsLongTitle() {
    var c = Canvas(width: 8, height: 2)
    c.drawBox(c.area, title: "Latency", focused: false, symbols: .braille)
    // room 6: " Latency " (9) → " Late" + "…"
    #expect(c.textRows() == ["┌ Late…┐", "└──────┘"])
  }

  @Test func tinyBoxDrawsNothing() {
    var c = Canvas(width: 1, height: 5)
    #expect(c.drawBox(c.area, title: "x", focused: false, symbols: .braille).isEmpty)
    #expect(c.textRows() == [" ", " ", " ", " ", " "])
  }
}

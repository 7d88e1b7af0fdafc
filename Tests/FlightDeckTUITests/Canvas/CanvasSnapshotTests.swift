import FlightDeckTUI
import FlightDeckTestSupport
import Testing

@Suite struct CanvasSnapshotTests {
  @Test func renderShowsRowsHiddenCellsAndStyles() {
    var c = Canvas(width: 4, height: 2)
    c.put("界a", x: 0, y: 0, maxWidth: 4, style: CellStyle(.ok, bold: true))
    let expected = """
      "界a "
      "    "
      hidden: 1,0
      styles:
      "a_ab"
      "bbbb"
      a = ok bold
      b = text

      """
    #expect(CanvasSnapshot.render(c, includeStyles: true) == expected)
  }

  @Test func diffMarksChangedLines() {
    #expect(CanvasSnapshot.diff(expected: "a\nb", actual: "a\nc") == "  a\n- b\n+ c")
  }

  @Test func boxWithWideTitleMatchesSnapshot() {
    var c = Canvas(width: 12, height: 4)
    let inner = c.drawBox(c.area, title: "模型 lat", focused: true, symbols: .braille)
    c.put("p95 1.2 s", x: inner.x, y: inner.y, maxWidth: inner.width, style: CellStyle(.warn))
    CanvasSnapshot.assertMatches(c, named: "box-with-wide-title", includeStyles: true)
  }
}

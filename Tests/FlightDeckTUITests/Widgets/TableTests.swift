import FlightDeckTUI
import Testing

@Suite struct TableTests {
  @Test func scrollOffsetKeepsSelectionVisible() {
    #expect(Table.scrollOffset(offset: 0, selected: 5, visibleRows: 3, rowCount: 10) == 3)  // 5 − 3 + 1
    #expect(Table.scrollOffset(offset: 4, selected: 2, visibleRows: 3, rowCount: 10) == 2)
    #expect(Table.scrollOffset(offset: 2, selected: 3, visibleRows: 3, rowCount: 10) == 2)  // already visible
    #expect(Table.scrollOffset(offset: 9, selected: nil, visibleRows: 3, rowCount: 10) == 7)  // clamp
    #expect(Table.scrollOffset(offset: 3, selected: 0, visibleRows: 0, rowCount: 10) == 0)
  }

  @Test func rendersHeaderClippedCellsAndSelection() {
    let table = Table(
      columns: [.init("NAME", width: .length(6)), .init("P95", width: .length(5), alignment: .right)],
      rows: [["gpt-4o-mini", "1.2 s"], ["界界界界", "80 ms"], ["claude", "3 s"]],
      selected: 2)
    var c = Canvas(width: 12, height: 3)
    var offset = 0
    table.render(into: &c, area: c.area, offset: &offset)
    // Columns 6 + 1 + 5 = 12. Header + 2 body rows; row 2 selected → offset 1.
    // 界界界界 (8 columns) into 6: room 5 = 界界 (4) + space + "…".
    #expect(offset == 1)
    #expect(c.textRows() == ["NAME     P95", "界界 … 80 ms", "claude   3 s"])
    #expect(c[0, 0].style == CellStyle(.header, bold: true))
    #expect((0..<12).allSatisfy { c[$0, 2].style == CellStyle(.selection) })
    #expect(c[0, 1].style == .plain)
  }

  @Test func untrustedCellTextIsSanitisedAndClipped() {
    let table = Table(
      columns: [.init("MODEL", width: .fill(1))], rows: [["a\u{1b}[31mb"]], showsHeader: false,
      symbols: .ascii)
    var c = Canvas(width: 6, height: 1)
    table.render(into: &c, area: c.area)
    // "a\x1B[31mb" is 10 columns → 5 + "~".
    #expect(c.textRows() == [#"a\x1B~"#])
  }

  @Test func rowWithFewerCellsLeavesBlanks() {
    let table = Table(
      columns: [.init("A", width: .length(2)), .init("B", width: .length(2))], rows: [["x"]],
      columnSpacing: 0)
    var c = Canvas(width: 4, height: 2)
    table.render(into: &c, area: c.area)
    #expect(c.textRows() == ["A B ", "x   "])
  }
}

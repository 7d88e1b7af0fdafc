import FlightDeckTUI
import FlightDeckTerminal
import Testing

@Suite struct FrameDiffTests {
  func row(_ items: [(String, UInt8)], style: CellStyle = .plain) -> Canvas {
    var c = Canvas(width: items.count, height: 1)
    for (x, item) in items.enumerated() { c[x, 0] = Cell(grapheme: item.0, width: item.1, style: style) }
    return c
  }

  @Test func fullRepaintWritesEveryCell() {
    let c = Canvas(width: 3, height: 2)
    let writes = FrameDiff.writes(previous: nil, current: c, columns: 3, rows: 2)
    #expect(writes.map { [$0.x, $0.y] } == [[0, 0], [1, 0], [2, 0], [0, 1], [1, 1], [2, 1]])
  }

  @Test func identicalFramesWriteNothing() {
    let c = row([("a", 1), ("b", 1)])
    #expect(FrameDiff.writes(previous: c, current: c, columns: 2, rows: 1).isEmpty)
  }

  @Test func oneChangedCell() {
    let a = row([("a", 1), ("b", 1), ("c", 1)])
    let b = row([("a", 1), ("X", 1), ("c", 1)])
    #expect(
      FrameDiff.writes(previous: a, current: b, columns: 3, rows: 1) == [CellWrite(x: 1, y: 0, cell: b[1, 0])]
    )
  }

  @Test func styleChangeCounts() {
    let a = row([("a", 1)])
    let b = row([("a", 1)], style: CellStyle(.critical))
    #expect(FrameDiff.writes(previous: a, current: b, columns: 1, rows: 1).count == 1)
  }

  @Test func wideGlyphReplacingTwoNarrowIsOneWrite() {
    let a = row([("a", 1), ("b", 1)])
    let b = row([("界", 2), ("", 0)])
    #expect(
      FrameDiff.writes(previous: a, current: b, columns: 2, rows: 1) == [CellWrite(x: 0, y: 0, cell: b[0, 0])]
    )
  }

  @Test func twoNarrowReplacingWideAreTwoWrites() {
    let a = row([("界", 2), ("", 0)])
    let b = row([("a", 1), ("b", 1)])
    #expect(FrameDiff.writes(previous: a, current: b, columns: 2, rows: 1).map(\.x) == [0, 1])
  }

  @Test func wideLeadIsRewrittenWhenOnlyItsCoveredCellDiffered() {
    // Previous frame had "界" at 0 but a narrow "z" at 1 (malformed); the
    // lead is unchanged, yet it must be rewritten to cover column 1 again.
    let a = row([("界", 2), ("z", 1)])
    let b = row([("界", 2), ("", 0)])
    #expect(FrameDiff.writes(previous: a, current: b, columns: 2, rows: 1).map(\.x) == [0])
  }

  @Test func malformedCellsAreRepaired() {
    // orphan continuation at 0, wide lead without continuation at 1, wide at the last column.
    let c = row([("", 0), ("界", 2), ("b", 1), ("界", 2)])
    let writes = FrameDiff.writes(previous: nil, current: c, columns: 4, rows: 1)
    #expect(writes.map(\.cell.grapheme) == [" ", "?", "b", "?"])
    #expect(writes.map(\.cell.width) == [1, 1, 1, 1])
  }

  @Test func clipsToScreen() {
    let c = Canvas(width: 4, height: 3)
    let writes = FrameDiff.writes(previous: nil, current: c, columns: 2, rows: 1)
    #expect(writes.map { [$0.x, $0.y] } == [[0, 0], [1, 0]])
  }

  @Test func wideGlyphCutByScreenEdgeBecomesQuestionMark() {
    let c = row([("a", 1), ("界", 2), ("", 0)])
    let writes = FrameDiff.writes(previous: nil, current: c, columns: 2, rows: 1)
    #expect(writes.map(\.cell.grapheme) == ["a", "?"])
  }

  @Test func sizeChangeRepaintsEverything() {
    let a = Canvas(width: 2, height: 1)
    let b = Canvas(width: 3, height: 1)
    #expect(FrameDiff.writes(previous: a, current: b, columns: 3, rows: 1).count == 3)
  }
}

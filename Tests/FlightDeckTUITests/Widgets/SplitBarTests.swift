import FlightDeckTUI
import Testing

@Suite struct SplitBarTests {
  @Test func exactSharesSplitExactly() {
    // 85/10/5 of 20 = 17, 2, 1 with no remainder.
    #expect(SplitBar.widths(shares: [85, 10, 5], total: 20) == [17, 2, 1])
  }

  @Test func largestRemainderAndMinimumOneCell() {
    // Of 10: quotas 8.5, 1.0, 0.5 → floors 8, 1, 0 (sum 9); remainders .5, 0, .5 → the
    // earlier .5 gets the last cell: 9, 1, 0. Shadow is positive but 0 → takes one
    // cell from the widest: 8, 1, 1.
    #expect(SplitBar.widths(shares: [85, 10, 5], total: 10) == [8, 1, 1])
    // 99.5/0.5 of 10: 9.95, 0.05 → 10, 0 → 9, 1.
    #expect(SplitBar.widths(shares: [99.5, 0.5], total: 10) == [9, 1])
  }

  @Test func tooFewCellsGoToTheLargestShares() {
    #expect(SplitBar.widths(shares: [1, 1, 1], total: 2) == [1, 1, 0])
    #expect(SplitBar.widths(shares: [1, 5, 2], total: 1) == [0, 1, 0])
  }

  @Test func degenerateShares() {
    #expect(SplitBar.widths(shares: [0, 0], total: 5) == [0, 0])
    #expect(SplitBar.widths(shares: [50, -3, .nan], total: 4) == [4, 0, 0])
    #expect(SplitBar.widths(shares: [1, 1], total: 0) == [0, 0])
  }

  @Test func widthsAlwaysSumToTotal() {
    for total in 3...40 {
      for shares in [[85.0, 10, 5], [1, 1, 1], [0.1, 99.8, 0.1], [33, 33, 34]] {
        let w = SplitBar.widths(shares: shares, total: total)
        #expect(w.reduce(0, +) == total)
        #expect(w.allSatisfy { $0 >= 1 })
      }
    }
  }

  @Test func percentagesSumToHundred() {
    let bar = SplitBar(segments: [
      .init(label: "a", share: 1, style: .plain), .init(label: "b", share: 1, style: .plain),
      .init(label: "c", share: 1, style: .plain),
    ])
    // 33.33 each: floors 33, 33, 33; the one left goes to the first.
    #expect(bar.percentages() == [34, 33, 33])
  }

  @Test func rendersBarAndLegend() {
    let bar = SplitBar(segments: [
      .init(label: "stable", share: 85, style: CellStyle(.stable)),
      .init(label: "canary", share: 10, style: CellStyle(.canary)),
      .init(label: "shadow", share: 5, style: CellStyle(.shadow)),
    ])
    var c = Canvas(width: 20, height: 2)
    bar.render(into: &c, area: c.area)
    // Row 0: stable 17 cells with "stable 85%", canary 2 cells and shadow 1 cell too
    // narrow for "10%" / "5%". Row 1: swatch, " stable 85%  " (13), swatch, then
    // " canary 10%  " clipped into the last 5 columns: " can…".
    #expect(c.textRows() == ["stable 85%          ", "  stable 85%    can…"])
    #expect((0..<17).allSatisfy { c[$0, 0].style == CellStyle(.stable, reverse: true) })
    #expect(c[17, 0].style == CellStyle(.canary, reverse: true) && c[18, 0].style.role == .canary)
    #expect(c[19, 0].style == CellStyle(.shadow, reverse: true))
    #expect(
      c[0, 1].style == CellStyle(.stable, reverse: true)
        && c[14, 1].style == CellStyle(.canary, reverse: true))
  }

  @Test func tinyShareShowsLessThanOnePercent() {
    let bar = SplitBar(segments: [
      .init(label: "stable", share: 99.8, style: CellStyle(.stable)),
      .init(label: "shadow", share: 0.2, style: CellStyle(.shadow)),
    ])
    var c = Canvas(width: 30, height: 2)
    bar.render(into: &c, area: c.area)
    #expect(bar.percentages() == [100, 0])
    #expect(c.textRows()[1].hasPrefix("  stable 100%    shadow <1%"))
  }

  @Test func labelsNeverTouchTheNextSegment() {
    // 100 columns, shares 3 / 97 → widths 3 and 97. The canary's 3 cells
    // hold "3%" in x 0…1 with x 2 left blank, so "stable v21 97%" starts at
    // x 3 after a gap: "3% stable v21 97%", never "3%stable v21 97%".
    func row(canary: Double) -> String {
      let bar = SplitBar(
        segments: [
          .init(label: "canary v22", share: canary, style: CellStyle(.canary)),
          .init(label: "stable v21", share: 100 - canary, style: CellStyle(.stable)),
        ], symbols: .ascii)
      var c = Canvas(width: 100, height: 1)
      bar.render(into: &c, area: c.area)
      return c.textRows()[0]
    }
    #expect(row(canary: 3).hasPrefix("3% stable v21 97%"))
    // Shares 2 / 98 → widths 2 and 98: "2%" would fill both cells and touch
    // the next label, so the canary stays unlabelled (the legend names it).
    #expect(row(canary: 2).hasPrefix("  stable v21 98%"))
    // The last segment needs no separator: 50 / 50 of 20 columns → 10 + 10;
    // "b 50%" (5) fits the last segment's 10 cells at x 10.
    let bar = SplitBar(segments: [
      .init(label: "a", share: 50, style: CellStyle(.canary)),
      .init(label: "b", share: 50, style: CellStyle(.stable)),
    ])
    #expect(bar.labelsFit(width: 20))
    // "a 50%" is 5: at width 10 each segment has 5 cells, the first only 4 of room.
    #expect(!bar.labelsFit(width: 10))
  }
}

import FlightDeckTUI
import Testing

@Suite struct LayoutTests {
  private func widths(_ total: Int, _ constraints: [Constraint], spacing: Int = 0) -> [Int] {
    Layout.split(
      Rect(x: 0, y: 0, width: total, height: 1), direction: .horizontal, constraints: constraints,
      spacing: spacing
    )
    .map(\.width)
  }

  @Test func lengthsAroundAFill() {
    let r = Layout.split(
      Rect(x: 0, y: 0, width: 100, height: 5), direction: .horizontal,
      constraints: [.length(20), .fill(1), .length(10)])
    // 100 − 20 − 10 = 70 for the fill.
    #expect(
      r == [
        Rect(x: 0, y: 0, width: 20, height: 5), Rect(x: 20, y: 0, width: 70, height: 5),
        Rect(x: 90, y: 0, width: 10, height: 5),
      ])
  }

  @Test func percentagesRoundDownAndFillTakesTheRest() {
    // 10·50/100 = 5; 10·25/100 = 2.5 → 2; fill gets 10 − 7 = 3.
    #expect(widths(10, [.percentage(50), .percentage(25), .fill(1)]) == [5, 2, 3])
  }

  @Test func ratiosWithLeftoverGoToTheLastSegment() {
    // ⌊10/3⌋ = 3, ⌊20/3⌋ = 6, leftover 1 → last (no fill, no min).
    #expect(widths(10, [.ratio(1, 3), .ratio(2, 3)]) == [3, 7])
    #expect(widths(10, [.ratio(1, 0), .length(2)]) == [0, 10])
  }

  @Test func minGrowsWhenThereIsNoFill() {
    #expect(widths(20, [.min(5), .length(3)]) == [17, 3])
    // Two mins share 20 − 4 − 6 = 10 equally.
    #expect(widths(20, [.min(4), .min(6)]) == [9, 11])
  }

  @Test func fillWeightsUseLargestRemainder() {
    // 10·1/3 = 3.33, 10·2/3 = 6.67 → 3, 6 + the one left to the larger remainder.
    #expect(widths(10, [.fill(1), .fill(2)]) == [3, 7])
    #expect(widths(10, [.fill(0), .fill(1)]) == [0, 10])
  }

  @Test func overflowShrinksLowestPriorityFirst() {
    // 8 + 8 = 16 > 10: lengths shrink from the last.
    #expect(widths(10, [.length(8), .length(8)]) == [8, 2])
    // 6 + 4 = 10 > 8: the percentage gives way before the min.
    #expect(widths(8, [.min(6), .percentage(50)]) == [6, 2])
    #expect(widths(3, [.min(5), .max(5)]) == [3, 0])
  }

  @Test func spacingIsLeftBetweenSegments() {
    let r = Layout.split(
      Rect(x: 0, y: 0, width: 20, height: 1), direction: .horizontal,
      constraints: [.length(3), .fill(1), .length(3)], spacing: 1)
    // space = 20 − 2 = 18 → 3, 12, 3 at x 0, 4, 17.
    #expect(r.map(\.x) == [0, 4, 17])
    #expect(r.map(\.width) == [3, 12, 3])
  }

  @Test func verticalSplit() {
    let r = Layout.split(
      Rect(x: 2, y: 3, width: 10, height: 6), direction: .vertical, constraints: [.length(1), .fill(1)])
    #expect(r == [Rect(x: 2, y: 3, width: 10, height: 1), Rect(x: 2, y: 4, width: 10, height: 5)])
  }

  @Test func sizesAlwaysSumToTheRect() {
    // Deterministic pseudo-random constraint sets (LCG, Numerical Recipes constants).
    var seed: UInt32 = 12345
    func next(_ n: Int) -> Int {
      seed = seed &* 1_664_525 &+ 1_013_904_223
      return Int(seed >> 16) % n
    }
    for _ in 0..<500 {
      let total = next(120)
      let spacing = next(3)
      let constraints: [Constraint] = (0..<(1 + next(5))).map { _ in
        switch next(6) {
        case 0: .length(next(60))
        case 1: .min(next(60))
        case 2: .max(next(60))
        case 3: .percentage(next(120))
        case 4: .ratio(next(4), next(4))
        default: .fill(next(3))
        }
      }
      let parts = widths(total, constraints, spacing: spacing)
      #expect(parts.allSatisfy { $0 >= 0 })
      let gaps = spacing * (constraints.count - 1)
      if total >= gaps {
        #expect(parts.reduce(0, +) + gaps == total, "\(constraints) in \(total) spacing \(spacing)")
      }
    }
  }

  @Test func largestRemainder() {
    // 10/3 = 3.33 each: floors 3,3,3; one left, equal remainders → the first.
    #expect(Layout.largestRemainder(total: 10, weights: [1, 1, 1]) == [4, 3, 3])
    #expect(Layout.largestRemainder(total: 7, weights: [0, 0]) == [0, 0])
    #expect(
      Layout.split(Rect(x: 0, y: 0, width: 5, height: 1), direction: .horizontal, constraints: []).isEmpty)
  }
}

import FlightDeckTUI
import Testing

@Suite struct SparklineTests {
  @Test func oneRowEighths() {
    var c = Canvas(width: 6, height: 1)
    // Range 0…8, one row = 8 eighths: v eighths each; nil and 0 draw nothing; 0.2 → at least 1.
    Sparkline(values: [1, nil, 4, 8, 0, 0.2], range: 0...8).render(into: &c, area: c.area)
    #expect(c.textRows() == ["▁ ▄█ ▁"])
  }

  @Test func twoRowsAndAutoRange() {
    var c = Canvas(width: 3, height: 2)
    // Auto range 0…6, 16 eighths: 3 → 8 (bottom full), 6 → 16 (both full), 4.5 → 12 (full + ▄).
    Sparkline(values: [3, 6, 4.5]).render(into: &c, area: c.area)
    #expect(c.textRows() == [" █▄", "███"])
  }

  @Test func mostRecentSamplesAndAscii() {
    var c = Canvas(width: 2, height: 1)
    Sparkline(values: [8, 8, 2, 8], range: 0...8, symbols: .ascii).render(into: &c, area: c.area)
    // Last two: 2 eighths → ".", 8 → "#".
    #expect(c.textRows() == [".#"])
  }
}

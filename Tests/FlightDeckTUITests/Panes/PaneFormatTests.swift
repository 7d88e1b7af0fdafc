import FlightDeckCore
import FlightDeckTUI
import Testing

@Suite struct PaneFormatTests {
  @Test func latencyKeepsFastSpansVisible() {
    #expect(PaneFormat.latency(ms: 0.045376) == "45.4 µs")  // the tokenomics gpt-4o span
    #expect(PaneFormat.latency(ms: 0.021341) == "21.3 µs")  // the claude span: 21 341 ns, not "21 µs"
    #expect(PaneFormat.latency(ms: 0.2154) == "215 µs")
    #expect(PaneFormat.latency(ms: 0.004251) == "4.25 µs")
    #expect(PaneFormat.latency(ms: 4.24) == "4.2 ms")
    #expect(PaneFormat.latency(ms: 820.4) == "820 ms")
    #expect(PaneFormat.latency(ms: 1249) == "1.25 s")
    #expect(PaneFormat.latency(ms: nil) == "–")
  }

  /// `flightdeck replay`'s table: the tokenomics corpus's spans (21 341 ns and 45 376 ns) read
  /// 21.3µs and 45.4µs, not 21µs and 45µs.
  @Test func compactLatencyForReplay() {
    #expect(PaneFormat.compactLatency(ms: 0.021341) == "21.3µs")
    #expect(PaneFormat.compactLatency(ms: 0.045376) == "45.4µs")
    #expect(PaneFormat.compactLatency(ms: 0.9994) == "999µs")
    #expect(PaneFormat.compactLatency(ms: 0.9996) == "1.00ms")
    #expect(PaneFormat.compactLatency(ms: 4.248) == "4.25ms")
    #expect(PaneFormat.compactLatency(ms: 820.4) == "820ms")
    #expect(PaneFormat.compactLatency(ms: 12_345) == "12.3s")
  }

  @Test func costNeverReadsAsFree() {
    #expect(PaneFormat.cost(0.0021) == "$0.0021")
    #expect(PaneFormat.cost(0.000041) == "$0.00004")
    #expect(PaneFormat.cost(0.000001) == "<$1e-5")
    #expect(PaneFormat.cost(0) == "$0.0000")
    #expect(PaneFormat.cost(nil) == "unknown")
  }

  @Test func costFitsTheEightColumnCostColumn() {
    // "$9.9999" is 7 wide; "$12.3457" (12.34567 to 4 decimals) is 8;
    // 123.4567: "$123.4567" is 9, "$123.457" 8; 1234567.8: "$1234568" (%.0f) is 8;
    // 123456789: "$123456789" is 10, so "$1.2e+08" (8).
    #expect(PaneFormat.cost(9.9999) == "$9.9999")
    #expect(PaneFormat.cost(12.34567) == "$12.3457")
    #expect(PaneFormat.cost(123.4567) == "$123.457")
    #expect(PaneFormat.cost(1_234_567.8) == "$1234568")
    #expect(PaneFormat.cost(123_456_789) == "$1.2e+08")
    #expect(PaneFormat.costDelta(0.000_001) == "<$1e-5")
    // Every value on a log sweep 1e-12 … 1e300 (and its negative) fits 8 columns.
    var v = 1e-12
    while v < 1e300 {
      #expect(PaneFormat.cost(v).count <= 8, "\(v)")
      #expect(PaneFormat.cost(-v).count <= 8, "-\(v)")
      #expect(PaneFormat.costDelta(v).count <= 8, "delta \(v)")
      v *= 7.3
    }
  }

  @Test func countsAgreeInNumber() {
    #expect(PaneFormat.count(1, "rotation") == "1 rotation")
    #expect(PaneFormat.count(0, "rotation") == "0 rotations")
    #expect(PaneFormat.count(2, "span") == "2 spans")
    #expect(PaneFormat.count(1, "entry", plural: "entries") == "1 entry")
    #expect(PaneFormat.count(3, "entry", plural: "entries") == "3 entries")
  }

  @Test func chartAxisLabels() {
    #expect(ChartsPane.latencyLabel(0.0213) == "21.3 µs")
    #expect(ChartsPane.latencyLabel(6640) == "6.64 s")
    #expect(ChartsPane.latencyLabel(0) == "0 ms")
  }
}

@Suite struct ChartDownsampleTests {
  @Test func groupsCoverTheSeriesExactly() {
    // 7 samples to 3: groups [0, 2), [2, 4), [4, 7) (⌊i·7/3⌋ = 0, 2, 4, 7).
    let s = ChartSeries(label: "v1 stable", route: .stable, values: [1, 2, nil, 4, nil, 6, 5])
    #expect(ChartsPane.downsampled(s, to: 3, combine: .maximum).values == [2, 4, 6])
    // Means: [1, 2] → 1.5; [nil, 4] → 4; [nil, 6, 5] → 5.5.
    #expect(ChartsPane.downsampled(s, to: 3, combine: .mean).values == [1.5, 4, 5.5])
    let sparse = ChartSeries(label: "x", route: .canary, values: [nil, nil, nil, 1])
    #expect(ChartsPane.downsampled(sparse, to: 2, combine: .mean).values == [nil, 1])
    // Nothing to do when the series already fits.
    #expect(ChartsPane.downsampled(s, to: 7, combine: .mean) == s)
    // Fewer samples than columns: stretched, output i repeating input ⌊i·7/10⌋
    // = 0, 0, 1, 2, 2, 3, 4, 4, 5, 6.
    #expect(
      ChartsPane.downsampled(s, to: 10, combine: .mean).values == [1, 1, 2, nil, nil, 4, nil, nil, 6, 5])
  }
}

@Suite struct ChartTickLabelTests {
  @Test func resampledStepsGetRoundLabels() {
    // 80 samples of 11 200 ms (91 buckets of 10 s resampled to 80): the oldest
    // is 79 × 11.2 s = 884.8 s old; 884.8 s ≥ 2 min, the step divides no
    // minute, so the tick stays on sample 79 and reads the age rounded to the
    // minute: 884 800 ms → 15 min. The middle: 884 800 / 2 = 442 400 → 39
    // steps (436 800 ms) → 7 min.
    let ticks = ChartsPane.xTicks(visible: 80, stepMs: 11_200)
    #expect(ticks.map(\.label) == ["-15m", "-7m", "now"])
    #expect(ticks.map(\.stepsBack) == [79, 39, 0])
    // A day of 5-minute buckets (289) on 80 slots: step 288 × 300 000 / 79 =
    // 1 093 671 ms; the oldest slot is 79 × that = 86 400 009 ms ≈ 24 h →
    // "-24h" (rounded to the hour from 10 h); the middle, 39 back = 42 653 169
    // ms ≈ 11.85 h → "-12h".
    let day = ChartsPane.xTicks(visible: 80, stepMs: 1_093_671)
    #expect(day.map(\.label) == ["-24h", "-12h", "now"])
  }
}

@Suite struct ScrollIndicatorTests {
  @Test func rowsAboveAreAnnouncedInTheTopBorder() {
    var canvas = Canvas(width: 30, height: 4)
    let box = canvas.drawBox(canvas.area, title: "Registry", focused: true, symbols: .braille)
    #expect(box.width == 28)
    PaneTable.drawAboveIndicator(3, box: canvas.area, in: &canvas)
    PaneTable.drawMoreIndicator(2, box: canvas.area, in: &canvas)
    // " ↑ 3 above " is 11 wide, right-aligned one column in from the corner at
    // x 29: x 18…28, after "┌" (1) + " Registry " (10) + 7 border cells.
    #expect(canvas.textRows()[0] == "┌ Registry ─────── ↑ 3 above ┐")
    #expect(canvas.textRows()[3].hasSuffix(" … 2 more (↓ to scroll) ┘"))
    // Nothing hidden above: the border stays plain.
    var plain = Canvas(width: 30, height: 4)
    _ = plain.drawBox(plain.area, title: "Registry", focused: true, symbols: .braille)
    PaneTable.drawAboveIndicator(0, box: plain.area, in: &plain)
    #expect(plain.textRows()[0] == "┌ Registry ──────────────────┐")
  }
}

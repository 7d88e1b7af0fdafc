import FlightDeckCore
import FlightDeckTUI
import Testing

@Suite struct PaneFormatTests {
  @Test func latencyKeepsFastSpansVisible() {
    #expect(PaneFormat.latency(ms: 0.045376) == "45 µs")  // the tokenomics gpt-4o span
    #expect(PaneFormat.latency(ms: 4.24) == "4.2 ms")
    #expect(PaneFormat.latency(ms: 820.4) == "820 ms")
    #expect(PaneFormat.latency(ms: 1249) == "1.25 s")
    #expect(PaneFormat.latency(ms: nil) == "–")
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
  @Test func groupsAreAlignedToTheNewestSample() {
    // 7 samples, factor 3: groups (newest first) [4,5,6], [1,2,3], [0].
    let s = ChartSeries(label: "v1 stable", route: .stable, values: [1, 2, nil, 4, nil, 6, 5])
    let maxima = ChartsPane.downsampled(s, factor: 3, combine: .maximum)
    #expect(maxima.values == [1, 4, 6])
    let means = ChartsPane.downsampled(s, factor: 3, combine: .mean)
    // [1] → 1; [2, nil, 4] → 3; [nil, 6, 5] → 5.5.
    #expect(means.values == [1, 3, 5.5])
    let empty = ChartSeries(label: "x", route: .canary, values: [nil, nil, 1])
    #expect(ChartsPane.downsampled(empty, factor: 2, combine: .mean).values == [nil, 1])
    #expect(ChartsPane.downsampled(s, factor: 1, combine: .mean) == s)
  }
}

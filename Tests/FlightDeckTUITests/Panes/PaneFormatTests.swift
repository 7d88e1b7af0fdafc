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
    #expect(PaneFormat.cost(0.000001) == "<$0.00001")
    #expect(PaneFormat.cost(0) == "$0.0000")
    #expect(PaneFormat.cost(nil) == "unknown")
  }

  @Test func chartAxisLabels() {
    #expect(ChartsPane.latencyLabel(0.0213) == "21.3 µs")
    #expect(ChartsPane.latencyLabel(6640) == "6.64 s")
    #expect(ChartsPane.latencyLabel(0) == "0 ms")
  }
}

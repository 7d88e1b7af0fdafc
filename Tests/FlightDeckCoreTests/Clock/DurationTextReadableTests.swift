import Testing

@testable import FlightDeckCore

/// Durations for people: milliseconds only under a second.
@Suite struct DurationTextReadableTests {
  @Test func readableDropsMillisecondsAboveTenSeconds() {
    #expect(DurationText.readable(156) == "156ms")
    #expect(DurationText.readable(4_230) == "4.2s")
    // 2 min 11.722 s rounds to 2m12s; 3 605 400 ms to 1 h 0 min 5 s.
    #expect(DurationText.readable(131_722) == "2m12s")
    #expect(DurationText.readable(3_605_400) == "1h5s")
    #expect(DurationText.readable(-5) == "0ms")
  }
}

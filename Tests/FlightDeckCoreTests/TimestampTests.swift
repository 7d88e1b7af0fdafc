import FlightDeckCore
import Testing

@Suite struct TimestampTests {
  @Test func formatsRFC3339WithMilliseconds() {
    // 2025-06-01T00:00:00Z is 20240 days after the epoch: 20240 * 86400 = 1748736000.
    #expect(Timestamp(millisecondsSinceEpoch: 1_748_736_000_123).rfc3339 == "2025-06-01T00:00:00.123Z")
    #expect(Timestamp(millisecondsSinceEpoch: 0).rfc3339 == "1970-01-01T00:00:00.000Z")
    // One millisecond before the epoch.
    #expect(Timestamp(millisecondsSinceEpoch: -1).rfc3339 == "1969-12-31T23:59:59.999Z")
  }

  @Test func daysFromCivilMatchesKnownDates() {
    #expect(Timestamp.days(year: 1970, month: 1, day: 1) == 0)
    #expect(Timestamp.days(year: 2000, month: 3, day: 1) == 11_017)
    #expect(Timestamp.days(year: 2025, month: 6, day: 1) == 20_240)
  }
}

import FlightDeckCore
import Testing

@Suite struct RFC3339ParserTests {
  @Test func acceptedForms() {
    // Base: 2025-06-01T00:00:00Z = day 20240 × 86 400 000 ms = 1 748 736 000 000.
    let base: Int64 = 1_748_736_000_000
    #expect(RFC3339Parser.parse("2025-06-01T00:00:00Z")?.millisecondsSinceEpoch == base)
    #expect(RFC3339Parser.parse("2025-06-01T00:00:00.1Z")?.millisecondsSinceEpoch == base + 100)
    #expect(RFC3339Parser.parse("2025-06-01T00:00:00.123456789Z")?.millisecondsSinceEpoch == base + 123)
    #expect(RFC3339Parser.parse("2025-06-01t00:00:00.120z")?.millisecondsSinceEpoch == base + 120)
    // 02:00:00.5 at +02:00 is 00:00:00.5Z.
    #expect(RFC3339Parser.parse("2025-06-01T02:00:00.5+02:00")?.millisecondsSinceEpoch == base + 500)
    // 19:30:00.250 at −04:30 is 24:00 = next day 00:00:00.250Z.
    #expect(RFC3339Parser.parse("2025-05-31T19:30:00.250-04:30")?.millisecondsSinceEpoch == base + 250)
    // 2024-02-29 = day 19782 (2024-01-01 is day 19723, + 31 + 28): 19782 × 86 400 000.
    #expect(RFC3339Parser.parse("2024-02-29T00:00:00Z")?.millisecondsSinceEpoch == 1_709_164_800_000)
    // Leap second 2016-12-31T23:59:60Z lands on 2017-01-01T00:00:00Z = 1 483 228 800 000.
    #expect(RFC3339Parser.parse("2016-12-31T23:59:60Z")?.millisecondsSinceEpoch == 1_483_228_800_000)
  }

  @Test func rejectedForms() {
    for s in [
      "2025-02-29T00:00:00Z", "2025-06-01T24:00:00Z", "2025-06-01 00:00:00Z", "2025-06-01T00:00:00",
      "2025-06-01T00:00:00.Z", "2025-06-01T00:00:00.1234567890Z", "2025-13-01T00:00:00Z",
      "2025-06-01T00:00:00+2:00", "2025-06-01T00:00:00+24:00", "garbage", "", "2025-06-01T00:00:00Zx",
    ] {
      #expect(RFC3339Parser.parse(s) == nil, "\(s)")
    }
  }
}

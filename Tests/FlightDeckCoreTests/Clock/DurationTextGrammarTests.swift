import FlightDeckCore
import Testing

/// The one duration grammar (``DurationText``): Prometheus' units and order,
/// plus fractions.
@Suite struct DurationTextGrammarTests {
  @Test("weeks, years, fractions and zero, worked out by hand")
  func values() {
    #expect(DurationText.milliseconds("1w") == 604_800_000)  // 7 × 86 400 000
    #expect(DurationText.milliseconds("1y") == 31_536_000_000)  // 365 × 86 400 000
    #expect(DurationText.milliseconds("1.5h") == 5_400_000)
    #expect(DurationText.milliseconds("2w3d") == 1_468_800_000)  // 17 days
    #expect(DurationText.milliseconds("1h30m15s250ms") == 5_415_250)
    #expect(DurationText.milliseconds("0.25s") == 250)
    #expect(DurationText.milliseconds("0") == 0)
  }

  @Test("units out of order, repeated, bare numbers and stray dots are refused")
  func refusals() {
    for bad in [
      "30s1m", "1m1m", "1ms1s", "5", "00", ".5s", "5.s", "1..5s", "1w1y", "1d2w", "1h 30m", "+1s", "1e3s",
    ] {
      #expect(DurationText.milliseconds(bad) == nil, "\(bad)")
    }
  }

  /// Every Prometheus duration (``AlertDuration``, the grammar of rule files)
  /// is a FlightDeck duration of the same value: 2,000 random well-formed
  /// Prometheus texts of one to four parts.
  @Test("every Prometheus duration means the same here")
  func prometheusDurationsAreIncluded() {
    let units = ["y", "w", "d", "h", "m", "s", "ms"]
    var generator = SplitMix64(seed: 42)
    for _ in 0..<2_000 {
      var text = ""
      var index = Int(generator.next() % 3)
      let parts = 1 + Int(generator.next() % 4)
      for _ in 0..<parts where index < units.count {
        text += "\(generator.next() % 1000)\(units[index])"
        index += 1 + Int(generator.next() % 2)
      }
      guard let prometheus = AlertDuration.milliseconds(text) else {
        Issue.record("generated text \(text) is not a Prometheus duration")
        continue
      }
      #expect(DurationText.milliseconds(text) == prometheus, "\(text)")
    }
  }
}

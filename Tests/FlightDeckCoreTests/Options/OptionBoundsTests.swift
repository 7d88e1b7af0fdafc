import FlightDeckCore
import Testing

/// Command-line bounds and strict parsing (issue 11: `alerts eval --interval
/// 1ms` was accepted; `--for`/`--pause` of absurd lengths printed year
/// 275817; `whatif --weight 0x10` read as 16 %; `approve REQ-+1` as REQ-1).
/// Every expected message is written out by hand.
@Suite struct OptionBoundsTests {
  /// The message `body` throws, or `nil` when it does not throw an ``OptionValueError``.
  func refusal(_ body: () throws -> Any) -> String? {
    do {
      _ = try body()
      return nil
    } catch let e as OptionValueError {
      return e.description
    } catch {
      return nil
    }
  }

  @Test func evaluationIntervalIsOneSecondToOneHour() throws {
    let b = OptionBounds.evaluationInterval
    #expect(
      refusal { try OptionBounds.duration("1ms", option: "--interval", bounds: b) }
        == "--interval: '1ms' is out of range: must be between 1s and 1h")
    #expect(
      refusal { try OptionBounds.duration("999ms", option: "--interval", bounds: b) }
        == "--interval: '999ms' is out of range: must be between 1s and 1h")
    #expect(
      refusal { try OptionBounds.duration("1h1s", option: "--interval", bounds: b) }
        == "--interval: '1h1s' is out of range: must be between 1s and 1h")
    #expect(try OptionBounds.duration("1s", option: "--interval", bounds: b) == 1000)
    #expect(try OptionBounds.duration("15s", option: "--interval", bounds: b) == 15_000)
    #expect(try OptionBounds.duration("1h", option: "--interval", bounds: b) == 3_600_000)
    // One grammar for every option: a fraction is taken (it was refused here and taken by --pause),
    // units must come largest first.
    #expect(try OptionBounds.duration("1.5s", option: "--interval", bounds: b) == 1500)
    #expect(
      refusal { try OptionBounds.duration("30s1m", option: "--interval", bounds: b) }
        == "--interval: '30s1m' is not a duration (numbers with units y, w, d, h, m, s or ms, largest first, "
        + "e.g. 90s, 15m, 1.5h, 1h30m, 2w); must be between 1s and 1h")
  }

  @Test func silenceAndPauseLengthsAreBounded() throws {
    // 9999999d is 863 999 913 600 000 ms: parsed, then refused (it printed year 275817).
    #expect(
      refusal { try OptionBounds.duration("9999999d", option: "--for", bounds: OptionBounds.silenceLength) }
        == "--for: '9999999d' is out of range: must be between 1s and 365d")
    #expect(
      try OptionBounds.duration("1y", option: "--for", bounds: OptionBounds.silenceLength) == 31_536_000_000)
    // Beyond what the parsers hold (Int64 ms, or 9e15 ms): still "out of range", not "not a duration".
    #expect(
      refusal {
        try OptionBounds.duration(
          "99999999999999999999y", option: "--for", bounds: OptionBounds.silenceLength)
      } == "--for: '99999999999999999999y' is out of range: must be between 1s and 365d")
    #expect(
      refusal {
        try OptionBounds.duration("999999999999999d", option: "--pause", bounds: OptionBounds.rolloutPause)
      } == "--pause: '999999999999999d' is out of range: must be between 1s and 31d")
    #expect(
      refusal { try OptionBounds.duration("1y1ms", option: "--for", bounds: OptionBounds.silenceLength) }
        == "--for: '1y1ms' is out of range: must be between 1s and 365d")
    #expect(
      refusal { try OptionBounds.duration("0s", option: "--for", bounds: OptionBounds.silenceLength) }
        == "--for: '0s' is out of range: must be between 1s and 365d")
    #expect(
      refusal { try OptionBounds.duration("99999999h", option: "--pause", bounds: OptionBounds.rolloutPause) }
        == "--pause: '99999999h' is out of range: must be between 1s and 31d")
    #expect(
      try OptionBounds.duration("31d", option: "--pause", bounds: OptionBounds.rolloutPause) == 2_678_400_000)
    #expect(
      try OptionBounds.duration("1m30s", option: "--pause", bounds: OptionBounds.rolloutPause) == 90_000)
    #expect(
      refusal { try OptionBounds.duration("-5m", option: "--pause", bounds: OptionBounds.rolloutPause) }
        == "--pause: '-5m' is not a duration (numbers with units y, w, d, h, m, s or ms, largest first, "
        + "e.g. 90s, 15m, 1.5h, 1h30m, 2w); "
        + "must be between 1s and 31d")
    #expect(
      refusal { try OptionBounds.duration("", option: "--lead", bounds: OptionBounds.timelineLead) }
        == "--lead: '' is not a duration (numbers with units y, w, d, h, m, s or ms, largest first, "
        + "e.g. 90s, 15m, 1.5h, 1h30m, 2w); "
        + "must be between 0s and 31d")
    #expect(try OptionBounds.duration("0s", option: "--lead", bounds: OptionBounds.timelineLead) == 0)
    // `silence add --for 1.5h` was refused while `--pause 1.5h` was taken; `kpi --since 1w` the other way round.
    #expect(
      try OptionBounds.duration("1.5h", option: "--for", bounds: OptionBounds.silenceLength) == 5_400_000)
    #expect(try OptionBounds.duration("1w", option: "--since", bounds: OptionBounds.kpiPeriod) == 604_800_000)
  }

  @Test func weightIsAStrictDecimalPercentage() throws {
    let w = OptionBounds.weight
    let notDecimal =
      "is not a decimal number (digits and an optional fraction such as 12.5: no sign, hex, exponent or "
      + "spaces); must be between 0 % and 100 %"
    // Double("0x10") is 16: it was read as 16 %.
    #expect(
      refusal { try OptionBounds.decimal("0x10", option: "--weight", bounds: w) }
        == "--weight: '0x10' \(notDecimal)")
    for bad in ["+5", "-0", "1e1", "inf", "nan", " 5", "5 ", "1_0", "5.", ".5", "5.5.5", "٥", ""] {
      #expect(
        refusal { try OptionBounds.decimal(bad, option: "--weight", bounds: w) }
          == "--weight: '\(bad)' \(notDecimal)")
    }
    #expect(
      refusal { try OptionBounds.decimal("100.5", option: "--weight", bounds: w) }
        == "--weight: '100.5' is out of range: must be between 0 % and 100 %")
    #expect(try OptionBounds.decimal("0", option: "--weight", bounds: w) == 0)
    #expect(try OptionBounds.decimal("12.5", option: "--weight", bounds: w) == 12.5)
    #expect(try OptionBounds.decimal("100", option: "--weight", bounds: w) == 100)
    // Exclusive ends.
    #expect(
      refusal {
        try OptionBounds.decimal("100", option: "--slo-objective", bounds: OptionBounds.sloObjective)
      }
        == "--slo-objective: '100' is out of range: must be more than 0 % and less than 100 %")
    #expect(
      refusal { try OptionBounds.decimal("0", option: "--speed", bounds: OptionBounds.replaySpeed) }
        == "--speed: '0' is out of range: must be more than 0 and at most 10000")
    #expect(
      try OptionBounds.decimal("99.95", option: "--slo-objective", bounds: OptionBounds.sloObjective) == 99.95
    )
  }

  @Test func countsAreStrictWholeNumbersWithinTheirCap() throws {
    let bound = "must be between 1 and 100000"
    #expect(
      refusal { try OptionBounds.wholeNumber("0", option: "--limit", range: OptionBounds.listLimit) }
        == "--limit: '0' is out of range: \(bound)")
    #expect(
      refusal { try OptionBounds.wholeNumber("100001", option: "--limit", range: OptionBounds.listLimit) }
        == "--limit: '100001' is out of range: \(bound)")
    // 30 digits: beyond Int64, still "out of range", not a crash or a wrap.
    #expect(
      refusal {
        try OptionBounds.wholeNumber(
          "999999999999999999999999999999", option: "--limit", range: OptionBounds.listLimit)
      } == "--limit: '999999999999999999999999999999' is out of range: \(bound)")
    for bad in ["+5", "-1", "0x10", "1e3", " 5", "5_0", "5.0", ""] {
      #expect(
        refusal { try OptionBounds.wholeNumber(bad, option: "--limit", range: OptionBounds.listLimit) }
          == "--limit: '\(bad)' is not a whole number (digits only: no sign, spaces, hex or exponent); \(bound)"
      )
    }
    #expect(try OptionBounds.wholeNumber("200", option: "--limit", range: OptionBounds.listLimit) == 200)
    // Without an option name (a positional argument): the value and the problem.
    #expect(
      refusal { try OptionBounds.wholeNumber("257", option: nil, range: OptionBounds.threads) }
        == "'257' is out of range: must be between 1 and 256")
    #expect(try OptionBounds.seed("18446744073709551615", option: "--seed") == UInt64.max)
    #expect(
      refusal { try OptionBounds.seed("+1", option: "--seed") }
        == "--seed: '+1' is not a seed: a whole number between 0 and 18446744073709551615 (digits only)")
  }

  @Test func recordIDsAreStrict() throws {
    let req = "is not a request id (REQ-12 or 12: a whole number of at least 1, digits only)"
    // Int64("+1") is 1: `approve REQ-+1` approved REQ-1.
    for bad in [
      "REQ-+1", "+1", "REQ--1", "REQ-0x1", "REQ- 1", "REQ-1 ", "REQ-0", "0", "REQ-", "REQ-1_0", "REQ1",
    ] {
      #expect(
        refusal { try OptionBounds.identifier(bad, prefix: "REQ", noun: "request", option: nil) }
          == "'\(bad)' \(req)")
      #expect(PromotionRequest.parseID(bad) == nil)
    }
    #expect(PromotionRequest.parseID("REQ-12") == 12)
    #expect(PromotionRequest.parseID("req-12") == 12)
    #expect(PromotionRequest.parseID("12") == 12)
    #expect(Incident.parseID("INC-+3") == nil && Incident.parseID("inc-3") == 3)
    #expect(RolloutRecord.parseID("RO-+3") == nil && RolloutRecord.parseID("ro-3") == 3)
    #expect(AlertSilence.parseID("SIL-+3") == nil && AlertSilence.parseID("3") == 3)
    #expect(
      refusal { try OptionBounds.identifier("INC-x", prefix: "INC", noun: "incident", option: "--replay") }
        == "--replay: 'INC-x' is not an incident id (INC-12 or 12: a whole number of at least 1, digits only)"
    )
  }
}

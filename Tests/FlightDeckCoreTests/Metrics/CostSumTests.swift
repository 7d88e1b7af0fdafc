import Testing

@testable import FlightDeckCore

/// ``CostSum``: exact picodollar totals, whatever the order of addition.
@Suite struct CostSumTests {
  /// 0.1 + 0.2 + 0.3 in `Double` is 0.6000000000000001 added left to
  /// right and 0.6 right to left; the exact total is 0.6 either way.
  @Test func totalIsTheSameInEveryOrder() {
    var forward = CostSum()
    for c in [0.1, 0.2, 0.3] { forward.add(c) }
    var backward = CostSum()
    for c in [0.3, 0.2, 0.1] { backward.add(c) }
    #expect(forward == backward)
    #expect(forward.usd == 0.6)
    #expect(forward.decimalText == "0.600000000000")
    #expect((0.1 + 0.2) + 0.3 != 0.6)  // what a Double total gave
  }

  /// Each amount is rounded to the nearest picodollar on its own:
  /// 1.5 pUSD and 2.5 pUSD go to 2 and 2 (ties to even), 0.4 pUSD to 0.
  @Test func amountsAreRoundedToPicodollars() {
    #expect(CostSum.picodollars(0.327249) == 327_249_000_000)
    #expect(CostSum.picodollars(1.5e-12) == 2)
    #expect(CostSum.picodollars(2.5e-12) == 2)
    #expect(CostSum.picodollars(0.4e-12) == 0)
    #expect(CostSum.picodollars(-0.000001) == -1_000_000)
    #expect(CostSum.picodollars(.nan) == 0)
    #expect(CostSum.picodollars(.infinity) == .max)
    #expect(CostSum.picodollars(-1e30) == .min)
  }

  /// Totals past 2⁶⁴ picodollars (about 18.4 million USD) carry into the
  /// high word: 25 × 1 000 000 USD + 0.25 USD = 25 000 000.25 USD
  /// (2.500000025 × 10¹⁹ pUSD), worked by hand.
  /// Amounts between 4 096 and 8 192 USD written with 12 decimals give
  /// exactly their digits (breaker report 11c, C2). The expected integers
  /// are Python's `int(Decimal(text) * 10**12)`; the first four and the last
  /// sixteen are amounts on which `round(x * 1e12)` is off by one.
  @Test func amountsUnder8192USDKeepTheirTwelveDecimals() {
    let cases: [(Double, Int64)] = [
      (4249.484785008663, 4249484785008663),
      (4324.982516689159, 4324982516689159),
      (4192.815621017841, 4192815621017841),
      (4333.836711006807, 4333836711006807),
      (-4249.484785008663, -4249484785008663),
      (4096.000000000001, 4096000000000001),
      (8191.999999999999, 8191999999999999),
      (4095.999999999999, 4095999999999999),
      (4100.228550249439, 4100228550249439),
      (4282.210606405119, 4282210606405119),
      (4430.222669413533, 4430222669413533),
      (4465.175829962211, 4465175829962211),
      (4419.067123507795, 4419067123507795),
      (4279.926214869041, 4279926214869041),
      (4295.397386936275, 4295397386936275),
      (4179.123704736509, 4179123704736509),
      (4247.361897012563, 4247361897012563),
      (4127.752858714615, 4127752858714615),
      (4229.219724298537, 4229219724298537),
      (4351.750971594673, 4351750971594673),
      (4286.698653617597, 4286698653617597),
      (4294.382719780579, 4294382719780579),
      (4353.476297273733, 4353476297273733),
      (4231.746998704029, 4231746998704029),
    ]
    for (usd, exact) in cases {
      #expect(CostSum.picodollars(usd) == exact, "\(usd)")
    }
  }

  @Test func largeTotalsCarryAndConvertExactly() {
    var s = CostSum()
    for _ in 0..<25 { s.add(1_000_000) }
    s.add(0.25)
    #expect(s.high == 1)  // 2.5e19 pUSD ≥ 2^64 ≈ 1.845e19
    #expect(s.decimalText == "25000000.250000000000")
    #expect(s.usd == 25_000_000.25)
    var back = s
    for _ in 0..<25 { back.add(-1_000_000) }
    back.add(-0.25)
    #expect(back.isZero)
    var negative = CostSum()
    negative.add(-0.25)
    #expect(negative.usd == -0.25 && negative.decimalText == "-0.250000000000")
    for _ in 0..<4 { negative.add(-5_000_000) }
    #expect(negative.high == -2)  // -2.000000025e19 pUSD ≥ -2^65
    #expect(negative.decimalText == "-20000000.250000000000")
    #expect(negative.usd == -20_000_000.25)
  }

  /// The store's window sums and `counts` share the exact total: 0.1, 0.2
  /// and 0.3 USD in one bucket give 0.6 (a `Double` total gave
  /// 0.6000000000000001).
  @Test func storeWindowCostIsExact() {
    let at = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)
    var store = MetricsStore()
    for (i, c) in [0.1, 0.2, 0.3].enumerated() {
      store.record(
        TelemetryRecord(
          timestamp: at.adding(milliseconds: Int64(i)), requestID: "r\(i)", artefact: "bot", kind: .model,
          version: "v1", route: .stable, latencyMs: 100, inputTokens: 1, outputTokens: 1, costUSD: c,
          status: .ok))
    }
    let keys = store.seriesKeys
    let to = at.adding(milliseconds: 60_000)
    #expect(store.stats(for: keys, from: at, to: to).costUSD == 0.6)
    #expect(store.counts(for: keys, from: at, to: to).costUSD == 0.6)
  }

  /// KPI cost per artefact sums exactly: 0.1 + 0.2 + 0.3 = 0.6 USD.
  @Test func kpiCostIsExact() {
    let at = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)
    var kpi = KPITelemetry(from: at, to: at.adding(milliseconds: 60_000), latencyThresholdMs: nil)
    for (i, c) in [0.1, 0.2, 0.3].enumerated() {
      kpi.add(
        TelemetryRecord(
          timestamp: at.adding(milliseconds: Int64(i)), requestID: "r\(i)", artefact: "bot", kind: .model,
          version: "v1", route: .stable, latencyMs: 100, inputTokens: 1, outputTokens: 1, costUSD: c,
          status: .ok))
    }
    #expect(kpi.costsByArtefact.first?.costUSD == 0.6)
  }
}

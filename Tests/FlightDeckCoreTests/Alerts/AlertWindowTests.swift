import Testing

@testable import FlightDeckCore

/// The alert window model: a range `[d]` covers exactly the last `d` before
/// each evaluation, at any evaluation interval, and latency SLOs count
/// "good" as `latency ≤ threshold` exactly. Values worked out by hand.
@Suite struct AlertWindowTests {
  /// 2025-06-01T00:10:00Z: on the grid of every interval used here.
  let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  func request(_ ms: Int64, latency: Double = 100, status: RequestStatus = .ok) -> TelemetryRecord {
    TelemetryRecord(
      timestamp: t0.adding(milliseconds: ms), requestID: "r\(ms)", artefact: "support-bot", kind: .model,
      version: "v1", route: .stable, latencyMs: latency, inputTokens: 1, outputTokens: 1, costUSD: 0,
      status: status)
  }

  /// A steady 10 req/s (one request every 100 ms, every 20th an error) for
  /// 5 minutes, rules evaluated every `interval` on a clock ticking each
  /// second: from 60 s on, every 1-minute window holds exactly 600 requests
  /// and 30 errors, so `request_rate[1m]` is 600 / 60 = 10 and `error_rate`
  /// 30 / 600 = 0.05 at every evaluation, and the traffic-drop rule
  /// `request_rate[1m] < 9.5` never goes pending. (Before the fix, with
  /// whole 10 s buckets, a 15 s interval read 550 / 60 = 9.17 every other
  /// evaluation, and the rule flapped.)
  @Test(arguments: [Int64(10), 15, 30, 7])
  func oneMinuteWindowCoversExactlyTheLastMinute(intervalS: Int64) throws {
    var config = AlertConfiguration()
    config.evaluationIntervalMs = intervalS * 1000
    let rule = AlertRule(
      name: "TrafficDrop", group: "g", expression: try AlertExpressionParser.parse("request_rate[1m] < 9.5"))
    var engine = AlertEngine(configuration: config, groups: [AlertRuleGroup(name: "g", rules: [rule])])
    var options = EngineOptions()
    options.fitMetricsToAlerts(engine)
    var store = MetricsStore(configuration: options.metrics)
    var evaluations = 0
    for s in Int64(0)..<300 {
      let now = t0.adding(milliseconds: s * 1000)
      if engine.tick(now: now, store: store), let at = engine.lastEvaluation,
        at >= t0.adding(milliseconds: 60_000)
      {
        evaluations += 1
        let source = MetricsStoreAlertSource(store: store)
        let rate = source.value(.requestRate, selector: [], windowMs: 60_000, at: at)
        let errors = source.value(.errorRate, selector: [], windowMs: 60_000, at: at)
        #expect(rate == .value(10, samples: 600), "at \(at.milliseconds(since: t0)) ms")
        #expect(errors == .value(0.05, samples: 600), "at \(at.milliseconds(since: t0)) ms")
      }
      for k in Int64(0)..<10 {
        let ms = s * 1000 + k * 100
        store.record(request(ms, status: (s * 10 + k) % 20 == 19 ? .error : .ok))
      }
    }
    #expect(evaluations > 0)
    let transitions = engine.takeTransitions().filter { $0.instance.ruleName == "TrafficDrop" }
    // Only the ramp-up of the first minute trips it (it resolves at the
    // first evaluation with a full minute): it never fires again.
    #expect(
      !transitions.contains {
        $0.at >= t0.adding(milliseconds: 60_000) && ($0.to == .firing || $0.to == .pending)
      })
  }

  /// The window resolution is the greatest common divisor of intervals,
  /// windows and SLO periods; cells are its divisor with the 10 s bucket,
  /// never below 1 s: 15 s with 1m and 5m → 15 s, cells 5 s; 30 s with 1m
  /// → 30 s, cells 10 s (none: a bucket); a `1500ms` window → 1.5 s,
  /// gcd 500 ms with the bucket, cells raised to 1 s.
  @Test func cellGridIsTheGCDOfIntervalsAndWindows() throws {
    func resolution(_ intervalS: Int64, _ exprs: [String]) throws -> (Int64, Int64) {
      var config = AlertConfiguration()
      config.evaluationIntervalMs = intervalS * 1000
      let rules = try exprs.enumerated().map {
        AlertRule(name: "R\($0.offset)", group: "g", expression: try AlertExpressionParser.parse($0.element))
      }
      let engine = AlertEngine(configuration: config, groups: [AlertRuleGroup(name: "g", rules: rules)])
      var options = EngineOptions()
      options.fitMetricsToAlerts(engine)
      return (engine.windowResolutionMs, options.metrics.cellWidthMs)
    }
    #expect(try resolution(15, ["error_rate[1m] > 0", "error_rate[5m] > 0"]) == (15_000, 5000))
    #expect(try resolution(30, ["error_rate[1m] > 0"]) == (30_000, 10_000))
    #expect(try resolution(15, ["error_rate[1500ms] > 0"]) == (1500, 1000))
  }

  /// A window whose edges cut a bucket counts exactly the requests inside:
  /// one request per second at s + 0.5 s for 40 s; `[12 s, 37 s)` holds
  /// the 25 requests at 12.5 … 36.5 s, whatever the 10 s buckets.
  @Test func windowEdgesInsideBucketsAreExact() {
    var metrics = MetricsConfiguration()
    metrics.windowResolutionMs = 1000
    var store = MetricsStore(configuration: metrics)
    for s in Int64(0)..<40 { store.record(request(s * 1000 + 500, latency: Double(s))) }
    let keys = store.seriesKeys
    let c = store.counts(
      for: keys, from: t0.adding(milliseconds: 12_000), to: t0.adding(milliseconds: 37_000))
    #expect(c.requests == 25)
    #expect(c.windowSeconds == 25)
    let st = store.stats(
      for: keys, from: t0.adding(milliseconds: 12_000), to: t0.adding(milliseconds: 37_000))
    // Latencies 12 … 36 ms: type-7 median is the 13th of 25, 24 ms.
    #expect(st.p50Ms == 24)
    #expect(st.requests == 25)
  }

  /// A latency SLO with `threshold_ms = 400`: 150 requests at 399.5 ms and
  /// 150 at exactly 400 ms are all good (more than 128 in a bucket, so the
  /// latency histogram has materialised and its bucket midpoints straddle
  /// 400 ms); 150 more at 400.5 ms are bad: bad fraction 150 / 450, burn
  /// rate (150 / 450) ÷ 0.01.
  @Test func latencySLOGoodMeansAtMostTheThresholdExactly() throws {
    var config = AlertConfiguration()
    config.slos = [
      SLODefinition(
        name: "latency", artefact: "support-bot", kind: .latency, objectivePercent: 99, thresholdMs: 400)
    ]
    var engine = AlertEngine(configuration: config, groups: [])
    var options = EngineOptions()
    options.fitMetricsToAlerts(engine)
    var store = MetricsStore(configuration: options.metrics)
    for i in Int64(0)..<150 { store.record(request(i * 20, latency: 399.5)) }
    for i in Int64(0)..<150 { store.record(request(i * 20 + 5, latency: 400)) }
    engine.evaluate(now: t0.adding(milliseconds: 60_000), store: store)
    #expect(engine.sloStatuses.first?.burnRate1h == 0)
    for i in Int64(0)..<150 { store.record(request(i * 20 + 10, latency: 400.5)) }
    engine.evaluate(now: t0.adding(milliseconds: 75_000), store: store)
    #expect(engine.sloStatuses.first?.burnRate1h == (150.0 / 450.0) / ((100 - 99.0) / 100))
  }
}

import Testing

@testable import FlightDeckCore

/// Metric values over hand-built telemetry, each worked out by hand.
@Suite struct MetricsStoreAlertSourceTests {
  /// 2025-06-01T00:10:00Z, on a 10 s bucket boundary.
  let at = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)

  func record(
    _ secondsBefore: Int64, _ version: String, _ route: Route, latency: Double, status: RequestStatus = .ok,
    cost: Double = 0.01, artefact: String = "support-bot"
  ) -> TelemetryRecord {
    TelemetryRecord(
      timestamp: at.adding(milliseconds: -secondsBefore * 1000), requestID: "r", artefact: artefact,
      kind: .model,
      version: version, route: route, latencyMs: latency, inputTokens: 10, outputTokens: 20, costUSD: cost,
      status: status)
  }

  /// In the 5 minutes before `at`: stable v12 with 8 requests of 100…800 ms
  /// (one error, one timeout, 0.01 USD each); canary v13 with 2 errors of
  /// 1000 and 2000 ms (0.02 USD each); one shadow error. Outside the window
  /// (6 min before): one stable error.
  func source() -> MetricsStoreAlertSource {
    var store = MetricsStore()
    for (i, ms) in [100.0, 200, 300, 400, 500, 600, 700, 800].enumerated() {
      let status: RequestStatus = i == 0 ? .error : (i == 1 ? .timeout : .ok)
      store.record(record(Int64(10 + i * 20), "v12", .stable, latency: ms, status: status))
    }
    store.record(record(30, "v13", .canary, latency: 1000, status: .error, cost: 0.02))
    store.record(record(50, "v13", .canary, latency: 2000, status: .error, cost: 0.02))
    store.record(record(40, "d1", .shadow, latency: 50, status: .error, cost: 0))
    store.record(record(360, "v12", .stable, latency: 100, status: .error))
    var log = IngestErrorLog()
    log.add(at: at.adding(milliseconds: -600_000))
    log.add(at: at.adding(milliseconds: -10_000), count: 2)
    return MetricsStoreAlertSource(
      store: store, ingestErrors: log,
      slos: [
        SLODefinition(
          name: "availability", artefact: "support-bot", kind: .availability, objectivePercent: 99),
        SLODefinition(
          name: "latency", artefact: "support-bot", kind: .latency, objectivePercent: 90, thresholdMs: 750),
      ])
  }

  func value(_ expr: String, labels: [String: String] = [:]) throws -> AlertSample {
    let c = try #require(try AlertExpressionParser.parse(expr + " > 0").conditions.first)
    let selector = c.matchers + labels.map { AlertLabelMatcher(name: $0.key, op: .equal, value: $0.value) }
    return source().value(c.metric, selector: selector, windowMs: c.windowMs, at: at)
  }

  @Test func errorAndTimeoutRates() throws {
    // Stable + canary + shadow in 5 min: 11 requests; errors 1 + 2 + 1, timeouts 1 → 5 / 11.
    #expect(try value(#"error_rate{artefact="support-bot"}[5m]"#) == .value(5.0 / 11.0, samples: 11))
    // Canary only: 2 errors of 2.
    #expect(try value(#"error_rate{route="canary"}[5m]"#) == .value(1, samples: 2))
    // 1 timeout of 11.
    #expect(try value("timeout_rate[5m]") == .value(1.0 / 11.0, samples: 11))
    // With the 6-minute-old error in a 10-minute window: 6 / 12.
    #expect(try value("error_rate[10m]") == .value(0.5, samples: 12))
  }

  @Test func ratesLatencyAndCost() throws {
    // 11 requests over 300 s.
    #expect(try value("request_rate[5m]") == .value(11.0 / 300.0, samples: 11))
    // Stable latencies 100…800 (exact type-7): h = 7 × 0.5 = 3.5 → (400 + 500) / 2 = 450.
    #expect(try value(#"p50_latency_ms{route="stable"}[5m]"#) == .value(450, samples: 8))
    // Known cost 8 × 0.01 + 2 × 0.02 + 0 = 0.12 USD in 300 s → 0.12 / 300 × 3600 = 1.44 USD/h.
    let cost = try #require(try value("cost_usd_per_hour[5m]").number)
    #expect(abs(cost - 1.44) < 1e-12)
    // 0.12 USD / 11 requests.
    let perRequest = try #require(try value("cost_per_request_usd[5m]").number)
    #expect(abs(perRequest - 0.12 / 11) < 1e-15)
    // 11 × 30 tokens / 300 s = 1.1 tokens/s.
    let tokens = try #require(try value("tokens_per_second[5m]").number)
    #expect(abs(tokens - 1.1) < 1e-12)
  }

  @Test func noDataIsNotZero() throws {
    #expect(try value(#"error_rate{artefact="ghost"}[5m]"#) == .noData)
    #expect(try value(#"p95_latency_ms{artefact="support-bot"}[5s]"#) == .noData)
    // TTFT was never reported.
    #expect(try value("ttft_p95_ms[5m]") == .noData)
    // A count over a known series with no request in the window is a real 0.
    let quiet = try #require(try AlertExpressionParser.parse("request_rate[1m] > 0").conditions.first)
    #expect(
      source().value(
        quiet.metric, selector: [], windowMs: quiet.windowMs, at: at.adding(milliseconds: 600_000))
        == .value(0, samples: 0))
  }

  @Test func ingestErrorsCountByArrival() throws {
    // 2 errors 10 s ago are inside 5 min; the one 10 min ago is not.
    #expect(try value("ingest_errors[5m]") == .value(2, samples: 2))
    #expect(try value("ingest_errors[11m]") == .value(3, samples: 3))
  }

  @Test func burnRateAndBudget() throws {
    // Availability, user-facing (shadow excluded): stable + canary = 10
    // requests, bad = 1 error + 1 timeout + 2 canary errors = 4 → 0.4;
    // budget (100 − 99) / 100 = 0.01 → burn 0.4 / 0.01 = 40.
    let burn = try #require(try value(#"burn_rate{slo="availability"}[5m]"#).number)
    #expect(abs(burn - 40) < 1e-9)
    // Latency 750 ms: 800, 1000, 2000 are slow → 3 / 10 = 0.3; budget 0.1 → 3.
    let latency = try value(#"burn_rate{slo="latency"}[5m]"#)
    #expect(abs((latency.number ?? 0) - 3) < 1e-9)
    #expect(latency.samples == 10)
    // Budget over the 30-day period (all held data): bad 5 of 11 user-facing
    // → 1 − (5 / 11) / 0.01 = −44.4545…
    let budget = try #require(try value(#"error_budget_remaining{slo="availability"}"#).number)
    #expect(abs(budget - (1 - (5.0 / 11.0) / 0.01)) < 1e-9)
  }

  @Test func seriesAreSplitLikePromQL() throws {
    let s = source()
    let byArtefact = try #require(try AlertExpressionParser.parse("error_rate > 0").conditions.first)
    #expect(s.series(for: byArtefact) == [["artefact": "support-bot"]])
    let byRoute = try #require(
      try AlertExpressionParser.parse(#"error_rate{route=~"canary|stable"} > 0"#).conditions.first)
    #expect(
      s.series(for: byRoute) == [
        ["artefact": "support-bot", "route": "canary"], ["artefact": "support-bot", "route": "stable"],
      ])
    let slo = try #require(try AlertExpressionParser.parse(#"burn_rate{slo="latency"} > 0"#).conditions.first)
    #expect(s.series(for: slo) == [["artefact": "support-bot", "slo": "latency"]])
  }
}

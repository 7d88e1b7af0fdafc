import Testing

@testable import FlightDeckCore

/// `counts(for:from:to:)` sums what `stats(for:from:to:)` sums, without quantiles.
@Suite struct MetricsStoreCountsTests {
  @Test func countsAgreeWithStatsWithoutQuantiles() {
    let at = Timestamp(millisecondsSinceEpoch: 1_748_736_600_000)
    var store = MetricsStore()
    // 30 requests over 5 minutes on two series: every 3rd an error, every 5th a
    // timeout (i = 0 counts as an error), cost 0.01 USD except every 7th unknown.
    for i in 0..<30 {
      let status: RequestStatus = i % 3 == 0 ? .error : (i % 5 == 0 ? .timeout : .ok)
      store.record(
        TelemetryRecord(
          timestamp: at.adding(milliseconds: -Int64(i) * 10_000), requestID: "r", artefact: "bot",
          kind: .model,
          version: i % 2 == 0 ? "v1" : "v2", route: i % 2 == 0 ? .stable : .canary,
          latencyMs: Double(100 + i),
          inputTokens: 10, outputTokens: 2, costUSD: i % 7 == 0 ? nil : 0.01, status: status))
    }
    let keys = store.seriesKeys
    let from = at.adding(milliseconds: -300_000)
    let to = at.adding(milliseconds: 1)
    let full = store.stats(for: keys, from: from, to: to)
    let counts = store.counts(for: keys, from: from, to: to)
    // errors: i ∈ {0,3,…,27} = 10; timeouts: i ∈ {5,10,20,25} = 4 (15 is an error);
    // unknown cost: i ∈ {0,7,14,21,28} = 5 → known 25 × 0.01 = 0.25 USD.
    #expect(counts.requests == 30 && full.requests == 30)
    #expect(counts.errors == 10 && counts.timeouts == 4)
    #expect(counts.costUnknownRequests == 5 && abs(counts.costUSD - 0.25) < 1e-12)
    #expect(counts.inputTokens == full.inputTokens && counts.outputTokens == full.outputTokens)
    #expect(counts.windowSeconds == full.windowSeconds)
    #expect(counts.p95Ms == nil && full.p95Ms != nil)
  }
}

import FlightDeckCore
import Foundation
import Testing

/// The dashboard snapshot carries each canary artefact's what-if input, the
/// same legs ``WhatIfInput/init(store:artefact:windowMs:end:)`` reads from the
/// store, so a UI can project a weight from the snapshot alone.
@Suite struct SnapshotWhatIfTests {
  /// 2025-06-01T00:00:00Z in ms since the epoch.
  let t0: Int64 = 1_748_736_000_000

  func record(_ second: Int64, _ artefact: String, _ version: String, _ route: Route, error: Bool = false)
    -> TelemetryRecord
  {
    TelemetryRecord(
      timestamp: Timestamp(millisecondsSinceEpoch: t0 + second * 1000), requestID: "r\(second)\(version)",
      artefact: artefact, kind: .agent, version: version, route: route, latencyMs: route == .canary ? 50 : 10,
      inputTokens: 10, outputTokens: 5, costUSD: 0.001, status: error ? .error : .ok)
  }

  @Test func canaryArtefactsCarryTheirPerLegTotals() throws {
    var store = MetricsStore()
    // 0…599 s: stable v1 every second (600 requests), canary v2 every 10 s
    // (60, of which every 100 s an error: 6), shadow v3 every 20 s (30); a
    // single-version artefact "solo" has no canary, so no what-if input.
    for s in Int64(0)..<600 {
      store.record(record(s, "bot", "v1", .stable))
      if s % 10 == 0 { store.record(record(s, "bot", "v2", .canary, error: s % 100 == 0)) }
      if s % 20 == 0 { store.record(record(s, "bot", "v3", .shadow)) }
      store.record(record(s, "solo", "v1", .stable))
    }
    let end = Timestamp(millisecondsSinceEpoch: t0 + 600_000)
    let snapshot = SnapshotBuilder(windowMs: 15 * 60_000).build(
      store: store, ingest: IngestSummary(), now: end)
    #expect(Set(snapshot.whatIf.keys) == ["bot"])
    let input = try #require(snapshot.whatIf["bot"])
    #expect(input.stable?.requests == 600 && input.stable?.versions == ["v1"])
    #expect(input.canary?.requests == 60 && input.canary?.errors == 6)
    #expect(input.shadow?.requests == 30)
    // 600 × 0.001 USD on the stable leg; latency histograms of every request.
    #expect(abs((input.stable?.costUSD ?? 0) - 0.6) < 1e-9)
    #expect(input.stable?.latency?.count == 600 && input.canary?.latency?.count == 60)
    // The data covers t0 … end: 600 s, as the store-based input says.
    let fromStore = try #require(WhatIfInput(store: store, artefact: "bot", windowMs: 15 * 60_000, end: end))
    #expect(input.windowSeconds == 600 && fromStore.windowSeconds == 600)
    #expect(input.windowStart == fromStore.windowStart && input.windowEnd == fromStore.windowEnd)
    // 60 of 660 user-facing requests went to the canary.
    #expect(abs(input.currentCanaryWeightPercent - 100.0 * 60 / 660) < 1e-9)
  }
}

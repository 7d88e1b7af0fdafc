import FlightDeckCore
import Foundation
import Testing

@Suite struct WhatIfInputStoreTests {
  /// 2025-06-01T00:00:00Z in ms since the epoch.
  let t0: Int64 = 1_748_736_000_000

  func record(
    _ second: Int64, _ version: String, _ route: Route, latency: Double, status: RequestStatus = .ok
  )
    -> TelemetryRecord
  {
    TelemetryRecord(
      timestamp: Timestamp(millisecondsSinceEpoch: t0 + second * 1000), requestID: "r\(second)\(version)",
      artefact: "bot", kind: .agent, version: version, route: route, latencyMs: latency, inputTokens: 10,
      outputTokens: 5, costUSD: 0.001, status: status)
  }

  @Test func legsMergeVersionsPerRouteOverTheWindow() {
    var store = MetricsStore()
    // 0…599 s: stable v1 every second (600), canary v2 every 10 s (60, of
    // which 6 errors), shadow v3 every 20 s (30). Another artefact too.
    for s in Int64(0)..<600 {
      store.record(record(s, "v1", .stable, latency: 10))
      if s % 10 == 0 {
        store.record(record(s, "v2", .canary, latency: 50, status: s % 100 == 0 ? .error : .ok))
      }
      if s % 20 == 0 { store.record(record(s, "v3", .shadow, latency: 70)) }
    }
    var other = record(5, "x", .stable, latency: 1)
    other.artefact = "other"
    store.record(other)
    let end = Timestamp(millisecondsSinceEpoch: t0 + 600_000)
    let input = WhatIfInput(store: store, artefact: "bot", windowMs: 15 * 60_000, end: end)!
    #expect(input.stable?.requests == 600)
    #expect(input.canary?.requests == 60 && input.canary?.errors == 6)
    #expect(input.shadow?.requests == 30 && input.shadow?.versions == ["v3"])
    // The data starts at t0, after the window's start (t0 − 300 s): rates
    // are over the 600 s from t0 to the end.
    #expect(input.windowSeconds == 600)
    #expect(input.windowEnd == Timestamp(millisecondsSinceEpoch: t0 + 610_000))
    // 60 of 660 user-facing requests.
    #expect(abs(input.currentCanaryWeightPercent - 100.0 * 60 / 660) < 1e-9)
    #expect(WhatIfInput(store: store, artefact: "nope", windowMs: 15 * 60_000, end: end) == nil)
    // A 5-minute window ending at 00:10:00 covers buckets from 00:05:00: 300
    // stable requests (00:05:00 … 00:09:59).
    let short = WhatIfInput(store: store, artefact: "bot", windowMs: 5 * 60_000, end: end)!
    #expect(short.stable?.requests == 300)
  }

  @Test func twoStableVersionsMergeIntoOneLeg() {
    var store = MetricsStore()
    for s in Int64(0)..<10 {
      store.record(record(s, "v1", .stable, latency: 10))
      store.record(record(s, "v1b", .stable, latency: 20))
    }
    let input = WhatIfInput(
      store: store, artefact: "bot", windowMs: 60_000, end: Timestamp(millisecondsSinceEpoch: t0 + 10_000))!
    #expect(input.stable?.versions == ["v1", "v1b"])
    #expect(input.stable?.requests == 20)
    #expect(input.stable?.latency?.count == 20)
    #expect(input.canary == nil)
  }

  @Test func loaderReadsFilesAndDropsRecordsAfterTheEnd() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("whatif-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var text = ""
    for s in Int64(0)..<20 { text += record(s, "v1", .stable, latency: 10).jsonLine + "\n" }
    text += "{not json\n"
    try text.write(to: dir.appendingPathComponent("t.jsonl"), atomically: true, encoding: .utf8)
    var options = EngineOptions()
    options.fitMetricsToWindow()
    // Up to and including 00:00:09: records 0…9 kept, 10…19 after the end.
    let loaded = try WhatIfTelemetryLoader.load(
      paths: [dir.path], options: options, until: Timestamp(millisecondsSinceEpoch: t0 + 9_000))
    #expect(loaded.records == 10)
    #expect(loaded.afterEnd == 10)
    #expect(loaded.malformedLines == 1)
    #expect(loaded.errors.first?.line == 21)
    #expect(throws: WhatIfTelemetryLoader.FileError.self) {
      try WhatIfTelemetryLoader.load(paths: [dir.path + "/missing.jsonl"], options: options, until: nil)
    }
  }
}

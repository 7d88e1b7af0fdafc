import FlightDeckCore

/// A hand-built snapshot: 2025-06-01T14:03:07Z, 15-minute window, three
/// artefacts — `gpt-4o-mini` (one stable version), `summarise-prompt` (cost
/// unknown) and `support-agent` (stable v3, canary v4, shadow v5).
///
/// Figures (window 900 s):
/// - gpt-4o-mini 2024-07-18 stable: 4500 req → 5.0 req/s; 9 errors → 0.2 %;
///   p95 640 ms; $2.25 / 4500 = $0.0005 per request.
/// - summarise-prompt p7 stable: 900 req → 1.0 req/s; 18 errors → 2.0 % (warn);
///   p95 1250 ms → 1.25 s; all 900 of unknown cost.
/// - support-agent v3 stable: 2700 req → 3.0 req/s, share 2700/3000 = 90 %;
///   13 errors → 0.48 %; p95 2100 ms; $5.67 / 2700 = $0.0021.
/// - support-agent v4 canary: 300 req → 0.3 req/s, share 10 %; 18 errors →
///   6.0 % (critical); p95 2400 ms; $0.57 / 300 = $0.0019.
/// - support-agent v5 shadow: 1500 req → 1.67 req/s, mirror 1500/3000 = 50 %;
///   0 errors; p95 1900 ms; $3.00 / 1500 = $0.0020.
enum DashboardFixture {
  /// 2025-06-01T00:00:00Z + 14 h 3 min 7 s = 1_748_736_000_000 + 50_587_000 ms.
  static let now = Timestamp(millisecondsSinceEpoch: 1_748_786_587_000)
  static let windowMs: Int64 = 15 * 60_000

  static func stats(
    requests: Int, errors: Int, p95: Double, cost: Double, unknownCost: Int = 0
  ) -> WindowStats {
    var s = WindowStats()
    s.requests = requests
    s.errors = errors
    s.p50Ms = p95 / 2
    s.p95Ms = p95
    s.p99Ms = p95 * 1.5
    s.costUSD = cost
    s.costUnknownRequests = unknownCost
    s.inputTokens = requests * 100
    s.outputTokens = requests * 50
    s.windowSeconds = 900
    return s
  }

  static func artefact(
    _ name: String, kind: ArtefactKind = .model, versions: [VersionSummary]
  ) -> ArtefactSummary {
    ArtefactSummary(name: name, kind: kind, versions: versions, total: versions.first?.stats ?? WindowStats())
  }

  static let v3 = VersionSummary(
    version: "v3", route: .stable, trafficShare: 0.9,
    stats: stats(requests: 2700, errors: 13, p95: 2100, cost: 5.67))
  static let v4 = VersionSummary(
    version: "v4", route: .canary, trafficShare: 0.1,
    stats: stats(requests: 300, errors: 18, p95: 2400, cost: 0.57))
  static let v5 = VersionSummary(
    version: "v5", route: .shadow, trafficShare: 0.5,
    stats: stats(requests: 1500, errors: 0, p95: 1900, cost: 3.0))

  static func snapshot() -> DashboardSnapshot {
    var ingest = IngestSummary()
    ingest.sources = [
      SourceStatus(path: "/var/log/fd/a.jsonl", state: .following, records: 6000, malformedLines: 2),
      SourceStatus(path: "/var/log/fd/b.jsonl", state: .following, records: 3900, malformedLines: 1),
    ]
    ingest.eventsPerSecond = 12.5
    ingest.recordsTotal = 9900
    ingest.malformedLines = 3
    ingest.recentErrors = [
      IngestError(path: "/var/log/fd/a.jsonl", line: 17, field: "latency_ms", reason: "not a number"),
      IngestError(
        path: "/var/log/fd/b.jsonl", line: 4,
        reason: "invalid JSON at column 47: expected ',' or '}' after a member, found '\"'"),
      IngestError(path: "/var/log/fd/a.jsonl", line: 92, field: "ts", reason: "missing required field"),
    ]
    let artefacts = [
      artefact(
        "gpt-4o-mini",
        versions: [
          VersionSummary(
            version: "2024-07-18", route: .stable, trafficShare: 1,
            stats: stats(requests: 4500, errors: 9, p95: 640, cost: 2.25))
        ]),
      artefact(
        "summarise-prompt", kind: .prompt,
        versions: [
          VersionSummary(
            version: "p7", route: .stable, trafficShare: 1,
            stats: stats(requests: 900, errors: 18, p95: 1250, cost: 0, unknownCost: 900))
        ]),
      // User-facing total: v3 + v4 = 3000 req, 31 errors, $6.24; p95 taken as 2200 ms.
      ArtefactSummary(
        name: "support-agent", kind: .agent, versions: [v4, v5, v3],
        total: stats(requests: 3000, errors: 31, p95: 2200, cost: 6.24)),
    ]
    let canary = CanaryComparison(
      artefact: "support-agent", split: [v4, v5, v3], stable: v3.stats, canary: v4.stats, shadow: v5.stats)
    // 15 one-minute samples; v3 flat at 2000 ms, v4 rising 2000…2700 ms by 50 ms;
    // cost $0.35/min (v3) and $0.04/min (v4), one gap (nil) in v4 at sample 3.
    let v3p95: [Double?] = Array(repeating: 2000, count: 15)
    var v4p95: [Double?] = (0..<15).map { 2000 + Double($0) * 50 }
    v4p95[3] = nil
    let charts = ArtefactCharts(
      start: now.adding(milliseconds: -windowMs), stepMs: 60_000,
      p95LatencyMs: [
        ChartSeries(label: "v3 stable", route: .stable, values: v3p95),
        ChartSeries(label: "v4 canary", route: .canary, values: v4p95),
      ],
      costPerMinuteUSD: [
        ChartSeries(label: "v3 stable", route: .stable, values: Array(repeating: 0.35, count: 15)),
        ChartSeries(label: "v4 canary", route: .canary, values: Array(repeating: 0.04, count: 15)),
      ])
    return DashboardSnapshot(
      now: now, windowMs: windowMs, ingest: ingest, artefacts: artefacts, canaries: [canary],
      charts: ["support-agent": charts])
  }
}

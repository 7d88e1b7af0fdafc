/// Everything the dashboard shows, frozen at one instant.
///
/// The engine builds a snapshot; the TUI draws only from snapshots, never from
/// the engine's live state. Snapshots are immutable values and `Sendable`, so
/// they can cross from the engine's thread to the drawing thread.
public struct DashboardSnapshot: Sendable {
  /// The instant the snapshot describes.
  public var now: Timestamp
  /// Length of the metrics window the figures cover, in milliseconds.
  public var windowMs: Int64
  /// Ingestion health: sources, rates, malformed lines.
  public var ingest: IngestSummary
  /// Artefacts seen in telemetry, sorted by name, each with its versions.
  public var artefacts: [ArtefactSummary]
  /// One entry per artefact with more than one version live in the window.
  public var canaries: [CanaryComparison]
  /// Per artefact (keyed by name): p95 latency and cost-rate series.
  public var charts: [String: ArtefactCharts]
  /// Where the window ends: at the clock's now, or at the newest record
  /// because the clock's window holds no data (``WindowAnchor``).
  public var anchor: WindowAnchor = .clock
  /// `true` when the window ends at the newest record's time instead of the
  /// clock because the clock's window holds no data: the data is all older
  /// (a historic file, ``WindowAnchor/historic``) or all newer (records dated
  /// ahead of the clock, ``WindowAnchor/aheadOfClock``). The header then says
  /// so. Setting `true` means ``WindowAnchor/historic``.
  public var anchoredToData: Bool {
    get { anchor != .clock }
    set { anchor = newValue ? (anchor == .clock ? .historic : anchor) : .clock }
  }

  /// Creates a snapshot.
  public init(
    now: Timestamp, windowMs: Int64, ingest: IngestSummary, artefacts: [ArtefactSummary],
    canaries: [CanaryComparison], charts: [String: ArtefactCharts]
  ) {
    self.now = now
    self.windowMs = windowMs
    self.ingest = ingest
    self.artefacts = artefacts
    self.canaries = canaries
    self.charts = charts
  }

  /// A snapshot with nothing in it, at `now`.
  public static func empty(now: Timestamp, windowMs: Int64 = 15 * 60_000) -> DashboardSnapshot {
    DashboardSnapshot(
      now: now, windowMs: windowMs, ingest: IngestSummary(), artefacts: [], canaries: [],
      charts: [:])
  }
}

/// Ingestion health, for the header and the error list.
public struct IngestSummary: Sendable, Hashable {
  /// Every followed source with its state.
  public var sources: [SourceStatus] = []
  /// Records ingested per second, averaged over the last few seconds.
  public var eventsPerSecond: Double = 0
  /// Records ingested since start.
  public var recordsTotal: Int = 0
  /// Malformed lines since start (invalid JSON, invalid UTF-8, missing or
  /// invalid required field), all sources.
  public var malformedLines: Int = 0
  /// Lines over the length cap, skipped, all sources.
  public var oversizedLines: Int = 0
  /// OTLP spans without GenAI attributes, skipped (not errors).
  public var skippedSpans: Int = 0
  /// Records older than the metrics retention when they arrived.
  public var lateRecords: Int = 0
  /// Records dated more than one bucket width ahead of the engine's clock
  /// when they arrived (clock skew, or a simulator running faster than real
  /// time). They are kept, but a window ending at the clock does not show
  /// them until their time comes; if nothing else is in the window, the
  /// window is anchored to them (``WindowAnchor/aheadOfClock``).
  public var aheadOfClockRecords: Int = 0
  /// Records dated more than ``EngineOptions/maxAheadOfClockMs`` (1 day)
  /// ahead of the engine's clock when they arrived (e.g. `9999-12-31`):
  /// dropped, so that they cannot push the store's retention past every
  /// real record. Counted in ``recordsTotal`` like late records.
  public var farFutureRecords: Int = 0
  /// The most recent ingestion errors, newest last (bounded, a few dozen).
  public var recentErrors: [IngestError] = []

  /// Creates an empty summary.
  public init() {}
}

/// The state of one followed telemetry source (a file).
public struct SourceStatus: Sendable, Hashable {
  /// What the source is doing now.
  public enum State: String, Sendable, Hashable {
    /// Open and being followed.
    case following
    /// Not there (yet): waiting for it to appear.
    case waiting
    /// Read to the end, not followed (batch commands).
    case finished
    /// Failing to open or read; see `detail`.
    case failing
  }
  /// The file path as given or as found by a glob (untrusted only in that the
  /// user or the file system chose it).
  public var path: String
  /// Current state.
  public var state: State
  /// Records decoded from this source.
  public var records: Int
  /// Malformed lines in this source.
  public var malformedLines: Int
  /// Oversized lines skipped in this source.
  public var oversizedLines: Int
  /// Rotations (rename or truncation) seen.
  public var rotations: Int
  /// Human-readable detail for the last event (e.g. "truncated, restarted at 0").
  public var detail: String?

  /// Creates a source status.
  public init(
    path: String, state: State, records: Int = 0, malformedLines: Int = 0, oversizedLines: Int = 0,
    rotations: Int = 0, detail: String? = nil
  ) {
    self.path = path
    self.state = state
    self.records = records
    self.malformedLines = malformedLines
    self.oversizedLines = oversizedLines
    self.rotations = rotations
    self.detail = detail
  }
}

/// One located ingestion error: which file, which line, what was wrong.
public struct IngestError: Sendable, Hashable, CustomStringConvertible {
  /// Source file path.
  public var path: String
  /// 1-based line number in that file (counted since the file was opened or
  /// last truncated).
  public var line: Int
  /// The JSON field at fault, when one is known (e.g. `latency_ms`).
  public var field: String?
  /// What was wrong, e.g. "invalid UTF-8", "missing required field".
  public var reason: String

  /// Creates an ingestion error.
  public init(path: String, line: Int, field: String? = nil, reason: String) {
    self.path = path
    self.line = line
    self.field = field
    self.reason = reason
  }

  /// `path:line: field: reason`.
  public var description: String {
    if let field { return "\(path):\(line): \(field): \(reason)" }
    return "\(path):\(line): \(reason)"
  }
}

/// An artefact seen in telemetry, with the versions serving it.
public struct ArtefactSummary: Sendable, Hashable {
  /// Artefact name (untrusted text).
  public var name: String
  /// Kind, as the most recent record said.
  public var kind: ArtefactKind
  /// Each (version, route) live in the window, sorted by route then version.
  public var versions: [VersionSummary]
  /// All user-facing routes (stable + canary) merged.
  public var total: WindowStats

  /// Creates an artefact summary.
  public init(name: String, kind: ArtefactKind, versions: [VersionSummary], total: WindowStats) {
    self.name = name
    self.kind = kind
    self.versions = versions
    self.total = total
  }
}

/// One (version, route) of an artefact over the window.
public struct VersionSummary: Sendable, Hashable {
  /// Version label (untrusted text).
  public var version: String
  /// Traffic leg.
  public var route: Route
  /// For `stable`/`canary`: this series' share of the artefact's user-facing
  /// requests, 0…1. For `shadow`: mirrored requests divided by user-facing
  /// requests (the mirror fraction).
  public var trafficShare: Double
  /// Figures over the window.
  public var stats: WindowStats

  /// Creates a version summary.
  public init(version: String, route: Route, trafficShare: Double, stats: WindowStats) {
    self.version = version
    self.route = route
    self.trafficShare = trafficShare
    self.stats = stats
  }
}

/// Canary versus stable for one artefact, as the Canary pane shows it.
public struct CanaryComparison: Sendable, Hashable {
  /// Artefact name (untrusted text).
  public var artefact: String
  /// The split: one entry per (version, route), shares as in ``VersionSummary``.
  public var split: [VersionSummary]
  /// The stable leg merged over its versions, if any.
  public var stable: WindowStats?
  /// The canary leg merged over its versions, if any.
  public var canary: WindowStats?
  /// The shadow leg, if any. Its cost is real and shown apart; its results
  /// are never user-facing.
  public var shadow: WindowStats?

  /// Creates a comparison.
  public init(
    artefact: String, split: [VersionSummary], stable: WindowStats?, canary: WindowStats?,
    shadow: WindowStats?
  ) {
    self.artefact = artefact
    self.split = split
    self.stable = stable
    self.canary = canary
    self.shadow = shadow
  }
}

/// The chart data of one artefact: one series per (version, route).
public struct ArtefactCharts: Sendable, Hashable {
  /// Time of the first sample (start of its bucket).
  public var start: Timestamp
  /// Distance between samples, in milliseconds (the metrics bucket width).
  public var stepMs: Int64
  /// p95 latency in ms per sample, one series per (version, route).
  public var p95LatencyMs: [ChartSeries]
  /// Cost rate in USD per minute per sample, one series per (version, route).
  public var costPerMinuteUSD: [ChartSeries]

  /// Creates chart data.
  public init(
    start: Timestamp, stepMs: Int64, p95LatencyMs: [ChartSeries], costPerMinuteUSD: [ChartSeries]
  ) {
    self.start = start
    self.stepMs = stepMs
    self.p95LatencyMs = p95LatencyMs
    self.costPerMinuteUSD = costPerMinuteUSD
  }
}

/// One line of a chart.
public struct ChartSeries: Sendable, Hashable {
  /// Legend label, e.g. `v13 canary` (untrusted text).
  public var label: String
  /// Traffic leg, for the series colour.
  public var route: Route
  /// One value per sample; `nil` where the bucket had no data.
  public var values: [Double?]

  /// Creates a series.
  public init(label: String, route: Route, values: [Double?]) {
    self.label = label
    self.route = route
    self.values = values
  }
}

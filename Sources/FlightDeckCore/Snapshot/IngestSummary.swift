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
  /// Records of new series that arrived when the engine already held its
  /// series limit (``seriesLimit``): no series was created, the record was
  /// dropped.
  public var overSeriesLimitRecords: Int = 0
  /// The engine's series limit (``EngineOptions/maxSeries``); 0 when unknown.
  public var seriesLimit: Int = 0
  /// Files that could not be opened at the last poll because of the
  /// open-file limit (``openFileLimit``): found, but not followed.
  public var sourcesOverOpenFileLimit: Int = 0
  /// The most files the tailer keeps open (`nil`: no limit, or unknown).
  public var openFileLimit: Int?

  /// "following N of M files: open-file limit L" when files are left out
  /// by the open-file limit, else `nil`.
  public var openFileLimitText: String? {
    guard sourcesOverOpenFileLimit > 0 else { return nil }
    let limit = openFileLimit.map { " \($0)" } ?? ""
    return
      "following \(sources.count - sourcesOverOpenFileLimit) of \(sources.count) files: open-file limit\(limit)"
  }

  /// The most recent ingestion errors, newest last (bounded, a few dozen).
  public var recentErrors: [IngestError] = []

  /// Creates an empty summary.
  public init() {}
}

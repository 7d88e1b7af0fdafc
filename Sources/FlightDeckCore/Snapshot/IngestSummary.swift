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

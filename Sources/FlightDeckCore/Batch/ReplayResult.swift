/// The outcome of a batch aggregation: one row per series plus counts of
/// what could not be used.
public struct ReplayResult: Sendable {
  /// One aggregated series.
  public struct Row: Sendable, Hashable {
    /// The (artefact, version, route).
    public var key: SeriesKey
    /// The artefact's kind.
    public var kind: ArtefactKind
    /// Figures over the whole window (rates are not meaningful here).
    public var stats: WindowStats
  }

  /// Rows sorted by artefact, version, route (byte order, as the peers sort).
  public var rows: [Row] = []
  /// Records aggregated (inside the window).
  public var records: Int = 0
  /// Records outside `[from, to)`.
  public var outsideWindow: Int = 0
  /// Malformed lines (all files).
  public var malformedLines: Int = 0
  /// Lines over the length cap (all files).
  public var oversizedLines: Int = 0
  /// OTLP spans without GenAI attributes.
  public var skippedSpans: Int = 0
  /// The first located errors (up to the option's limit), in file order.
  public var errors: [IngestError] = []
  /// Largest relative error of the latency quantiles (the histogram's).
  public var quantileRelativeError: Double = 0
}

/// The outcome of a batch aggregation: one row per series plus counts of
/// what could not be used.
public struct ReplayResult: Sendable {
  /// A file that could not be read: it is left out and the others are
  /// aggregated, as the dashboard marks such a source failing and goes on.
  public struct UnreadableFile: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (`-` for standard input).
    public var path: String
    /// Why: `open failed: permission denied`, `not a regular file (a FIFO)`,
    /// `read failed: input/output error` (``PosixError/readProblem``).
    public var reason: String

    /// `<path>: <reason>`.
    public var description: String { "\(path): \(reason)" }
  }

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
  /// Records of series beyond the series limit (``ReplayOptions/maxSeries``):
  /// no row was made for their series and they are in no other count.
  public var overSeriesLimitRecords: Int = 0
  /// The series limit applied (``ReplayOptions/maxSeries``).
  public var seriesLimit: Int = 0
  /// Files that could not be opened or read, in argument order; none of
  /// their records is counted (a file whose read failed part-way is left
  /// out whole, so totals never hold half a file).
  public var unreadableFiles: [UnreadableFile] = []
  /// The first located errors (up to the option's limit), in file order.
  public var errors: [IngestError] = []
  /// Largest relative error of the latency quantiles (the histogram's).
  public var quantileRelativeError: Double = 0
}

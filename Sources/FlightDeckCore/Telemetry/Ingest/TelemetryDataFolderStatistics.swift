/// Counters of a ``TelemetryDataFolder`` since it was opened, for the
/// receiver's status line, the benchmarks and the tests.
public struct TelemetryDataFolderStatistics: Sendable, Hashable {
  /// Records made durable (acknowledged).
  public var recordsWritten = 0
  /// Bytes made durable.
  public var bytesWritten: Int64 = 0
  /// Appends made durable (each one receiver request).
  public var appendsWritten = 0
  /// Group commits: each one `write(2)` of every append then waiting,
  /// followed by one `fsync(2)`. `appendsWritten / groupCommits` is the
  /// coalescing factor.
  public var groupCommits = 0
  /// Files created.
  public var filesCreated = 0
  /// Files deleted by retention.
  public var filesDeleted = 0
  /// Appends refused because the queue was full.
  public var refusedBehind = 0
  /// Appends refused because writing failed.
  public var refusedUnavailable = 0
  /// Files found at opening whose last line was torn (no final newline) and
  /// that were sealed with a newline.
  public var sealedTornFiles = 0
  /// The last write failure, if any (cleared by the next successful group).
  public var lastFailure: String?

  /// All zero.
  public init() {}
}

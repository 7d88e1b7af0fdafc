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

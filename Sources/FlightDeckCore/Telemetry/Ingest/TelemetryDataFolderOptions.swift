/// How a ``TelemetryDataFolder`` rotates, retains and bounds what it writes.
///
/// Sizes are in bytes, durations in milliseconds of the folder's injected
/// clock. The defaults suit one receiver on one machine: files of at most
/// 64 MiB or one hour, kept for 7 days and at most 1 GiB in all, and a queue
/// of at most 16 MiB or 65 536 records waiting for the disk (about a second
/// of the receiver's target load of 50 000 spans/s).
public struct TelemetryDataFolderOptions: Sendable, Hashable {
  /// The folder (`[receiver] data_dir`; default `.flightdeck/telemetry`).
  public var directory: String
  /// A file is closed and the next one started before a group commit that
  /// would take it past this many bytes (`rotate_bytes`, ≥ 1; default
  /// 64 MiB). A group is never split across files, so a file exceeds the
  /// size by at most one group when that group alone is larger.
  public var rotateBytes: Int
  /// A file is closed once it has been open this long (`rotate_age`, ms,
  /// ≥ 1; default 1 h), on the next write or maintenance pass.
  public var rotateAgeMs: Int64
  /// Closed files that ended longer ago than this are deleted
  /// (`retention_max_age`, ms; default 7 days; `nil` keeps them whatever
  /// their age).
  public var retentionMaxAgeMs: Int64?
  /// The oldest closed files are deleted while the folder's files total
  /// more than this (`retention_max_bytes`; default 1 GiB; `nil`: no size
  /// limit). The file being written is counted but never deleted.
  public var retentionMaxBytes: Int64?
  /// Retention (and rotation by age) also runs this often, in ms of the
  /// injected clock (default 60 s), besides on every rotation.
  public var maintenanceIntervalMs: Int64
  /// Encoded bytes that may wait for the disk before appends are refused
  /// with ``TelemetryIngestRefusal/behind(retryAfterSeconds:)`` (default
  /// 16 MiB). The group being written is not counted, so at most about
  /// twice this is held.
  public var queueLimitBytes: Int
  /// Records that may wait for the disk (default 65 536).
  public var queueLimitRecords: Int
  /// The `Retry-After` given with a refusal, in seconds (≥ 1; default 1).
  public var retryAfterSeconds: Int

  /// The default folder under a registry workspace: `<workspace>/telemetry`.
  public static func defaultDirectory(workspace: String = ".flightdeck") -> String {
    workspace.hasSuffix("/") ? workspace + "telemetry" : workspace + "/telemetry"
  }

  /// Creates options; every argument has the default described above.
  public init(
    directory: String = TelemetryDataFolderOptions.defaultDirectory(), rotateBytes: Int = 64 << 20,
    rotateAgeMs: Int64 = 3_600_000, retentionMaxAgeMs: Int64? = 7 * 86_400_000,
    retentionMaxBytes: Int64? = 1 << 30, maintenanceIntervalMs: Int64 = 60_000,
    queueLimitBytes: Int = 16 << 20, queueLimitRecords: Int = 65_536, retryAfterSeconds: Int = 1
  ) {
    self.directory = directory
    self.rotateBytes = max(1, rotateBytes)
    self.rotateAgeMs = max(1, rotateAgeMs)
    self.retentionMaxAgeMs = retentionMaxAgeMs
    self.retentionMaxBytes = retentionMaxBytes
    self.maintenanceIntervalMs = max(1, maintenanceIntervalMs)
    self.queueLimitBytes = max(1, queueLimitBytes)
    self.queueLimitRecords = max(1, queueLimitRecords)
    self.retryAfterSeconds = max(1, retryAfterSeconds)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's limit on open file descriptors (`RLIMIT_NOFILE`), which
/// bounds how many telemetry files a ``Tailer`` can follow at once.
///
/// Linux and macOS start most processes with a soft limit of 1 024 (or 256)
/// under a far higher hard limit; ``raiseSoftToHard()`` lifts the soft limit
/// as far as the process may, as Go's runtime does at start since Go 1.19.
public enum OpenFileLimit {
  /// Descriptors kept back for everything that is not a followed file: the
  /// standard streams, the terminal, the registry database and its journal,
  /// log files, rules and configuration reloads (32).
  public static let reserve = 32

  #if canImport(Glibc)
    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    /// `RLIM_INFINITY` (`~0UL` on Linux; the C macro does not import).
    private static let unlimited = rlim_t.max
  #else
    private static let resource = RLIMIT_NOFILE
    private static let unlimited = RLIM_INFINITY
  #endif

  /// The current soft limit, or `nil` when unlimited or unknown.
  public static var soft: Int? {
    var r = rlimit()
    guard getrlimit(resource, &r) == 0, r.rlim_cur != unlimited else { return nil }
    return Int(clamping: r.rlim_cur)
  }

  /// Raises the soft limit to the hard limit (on macOS, at most
  /// `OPEN_MAX`, which `setrlimit` requires there).
  /// - Returns: the soft limit in force afterwards (`nil`: unlimited or unknown).
  @discardableResult
  public static func raiseSoftToHard() -> Int? {
    var r = rlimit()
    guard getrlimit(resource, &r) == 0 else { return soft }
    var wanted = r.rlim_max
    #if canImport(Darwin)
      wanted = min(wanted, rlim_t(OPEN_MAX))
    #endif
    if wanted > r.rlim_cur {
      var raised = r
      raised.rlim_cur = wanted
      _ = setrlimit(resource, &raised)
    }
    return soft
  }

  /// How many files a tailer may keep open under a soft limit of `soft`:
  /// the limit less ``reserve`` (at least 1); `nil` (no limit) for `nil`.
  public static func fileBudget(soft: Int?) -> Int? {
    soft.map { max(1, $0 - reserve) }
  }
}

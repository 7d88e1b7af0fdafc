import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// SIGINT / SIGTERM / SIGHUP handling for the batch commands (`simulate`):
/// the handler only records the signal; the command's loop checks it and
/// stops cleanly, so files are closed on whole lines.
enum StopSignals {
  private static let last = Atomic<Int32>(0)

  /// The last stop signal received, or 0.
  static var received: Int32 { last.load(ordering: .relaxed) }

  /// Installs the handlers.
  static func install() {
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig) { s in StopSignals.last.store(s, ordering: .relaxed) }
    }
  }
}

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

  /// Installs the handlers, and unblocks the three signals in the calling
  /// thread (and so in the threads it starts later): a process started
  /// with them blocked — a parent's `posix_spawn` passes its thread's
  /// signal mask on, as Foundation's `Process` does from a test runner —
  /// would otherwise never see a stop signal.
  static func install() {
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig) { s in StopSignals.last.store(s, ordering: .relaxed) }
      sigaddset(&unblock, sig)
    }
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
  }
}

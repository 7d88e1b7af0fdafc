#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The two moves a signal handler that wraps another makes, shared by
/// ``TerminalSignals`` (fatal signals) and ``SuspendGuard`` (Ctrl-Z).
///
/// Both are async-signal-safe: they call only `sigaction`, `sigemptyset`,
/// `sigaddset`, `pthread_sigmask` and `raise` (POSIX.1-2017 §2.4.3 lists
/// each as safe), and allocate nothing.
enum SignalChaining {
  /// Calls the handler `previous` held for `signo`, with `info` and
  /// `context` when it is an `SA_SIGINFO` handler.
  /// - Returns: `false` when `previous` was `SIG_DFL` or `SIG_IGN` (no
  ///   handler to call), `true` after calling it.
  static func callPrevious(
    _ previous: sigaction, _ signo: Int32, _ info: UnsafeMutablePointer<siginfo_t>?,
    _ context: UnsafeMutableRawPointer?
  ) -> Bool {
    let raw = unsafeBitCast(previous.__sigaction_handler, to: Int.self)
    guard raw != 0 && raw != 1 else { return false }  // SIG_DFL or SIG_IGN
    if previous.sa_flags & Int32(SA_SIGINFO) != 0 {
      previous.__sigaction_handler.sa_sigaction?(signo, info, context)
    } else {
      previous.__sigaction_handler.sa_handler?(signo)
    }
    return true
  }

  /// Sets `signo` back to its default action, unblocks it (a handler runs
  /// with its own signal blocked) and raises it, so the default action —
  /// stop for SIGTSTP, terminate for SIGSEGV — happens now. Returns only
  /// when that action lets the process go on (SIGCONT after a stop).
  static func raiseWithDefaultAction(_ signo: Int32) {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = nil  // SIG_DFL
    sigemptyset(&action.sa_mask)
    sigaction(signo, &action, nil)
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, signo)
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    raise(signo)
  }
}

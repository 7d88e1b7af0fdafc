import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Process-wide signal handling and crash restore for the terminal.
///
/// - **Shutdown signals** (SIGINT, SIGTERM, SIGHUP, SIGQUIT) get handlers
///   *before* `newterm`, so ncurses does not install its own (which would run
///   `endwin` and `_exit(1)` inside the handler and skip our shutdown,
///   ncurses `lib_tstp.c`). The handler only records the signal in an atomic
///   and writes one byte to the self-pipe; the run loop sees
///   ``pendingSignal``, calls ``NcursesBackend/stop()`` and exits with
///   ``exitStatus(for:)``. A *second* shutdown signal while one is pending
///   (a hung shutdown) restores the terminal and `_exit`s at once — except a
///   repeated hang-up (``isSecondRequest(pending:incoming:)``): a closed
///   terminal delivers SIGHUP more than once (the kernel to the foreground
///   group, the shell to its jobs, and the poll's POLLHUP), and dying on the
///   second one would skip the shutdown's cleanup (the demo's folder).
/// - **Fatal signals** (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE):
///   the handler writes precomputed `sgr0`/`cnorm`/`rmkx`/`rmcup` bytes with
///   `write(2)`, restores the termios saved before `newterm`, runs the
///   previous handler (Swift's backtracer) and then dies by the signal at
///   its default action, so the crash report lands readable on the primary
///   screen and the exit status is the signal's (btop's crash handler).
/// - **SIGWINCH and SIGTSTP** are left to ncurses (they must be at their
///   default when `newterm` runs): resizes arrive as `KEY_RESIZE`, Ctrl-Z
///   leaves curses mode and `fg` redraws; ``SuspendGuard`` wraps ncurses'
///   SIGTSTP handler so mouse reporting is off while suspended.
///
/// Everything a handler touches is an `Atomic` or memory reached through
/// one, so handlers stay async-signal-safe (no allocation, no locks, no
/// reference counting).
public enum TerminalSignals {
  /// Signals that request an orderly shutdown.
  public static let shutdownSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
  /// Signals after which the process cannot continue.
  public static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

  private static let pendingStorage = Atomic<Int32>(0)
  private static let wakeReadFD = Atomic<Int32>(-1)
  private static let wakeWriteFD = Atomic<Int32>(-1)
  private static let crashArmed = Atomic<Bool>(false)
  private static let crashBytesAddress = Atomic<Int>(0)
  private static let crashBytesCount = Atomic<Int>(0)
  private static let crashOutputFD = Atomic<Int32>(1)
  private static let termiosAddress = Atomic<Int>(0)
  private static let termiosFD = Atomic<Int32>(-1)
  /// `sigaction[NSIG]` of the handlers we replaced (shutdown and fatal).
  private static let previousActionsAddress = Atomic<Int>(0)
  /// A duplicate of the terminal's fd 2 while stderr is redirected, else -1.
  private static let savedStderrFD = Atomic<Int32>(-1)
  private static let shutdownInstalled = Atomic<Bool>(false)
  private static let fatalInstalled = Atomic<Bool>(false)
  private static let actionSlots = 65

  // MARK: - Public API

  /// The shutdown signal received since start (SIGINT, SIGTERM, SIGHUP or
  /// SIGQUIT), or `nil`. The first one wins.
  public static var pendingSignal: Int32? {
    let value = pendingStorage.load(ordering: .acquiring)
    return value == 0 ? nil : value
  }

  /// Forgets a pending shutdown signal (for a loop that chose to ignore it).
  public static func clearPendingSignal() {
    pendingStorage.store(0, ordering: .releasing)
  }

  /// The process exit status after shutting down for `signal`: 128 + signal
  /// number (shell convention; SIGINT → 130, SIGTERM → 143, SIGHUP → 129).
  public static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

  /// Wakes a thread blocked in ``NcursesBackend/readEvent(timeoutMs:)``.
  /// Thread-safe and async-signal-safe; a no-op before the pipe exists.
  public static func wake() {
    let fd = wakeWriteFD.load(ordering: .acquiring)
    guard fd >= 0 else { return }
    var byte: UInt8 = 1
    _ = write(fd, &byte, 1)
  }

  // MARK: - Backend-side setup (single thread)

  /// The read end of the self-pipe, or -1 before ``installShutdownHandlers()``.
  static var wakeFileDescriptor: Int32 { wakeReadFD.load(ordering: .acquiring) }

  /// Reads and discards every byte waiting in the self-pipe.
  static func drainWakePipe() {
    let fd = wakeReadFD.load(ordering: .acquiring)
    guard fd >= 0 else { return }
    var buffer = [UInt8](repeating: 0, count: 64)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n > 0 { continue }
      if n < 0 && errno == EINTR { continue }
      break
    }
  }

  /// Creates the self-pipe (once) and installs the shutdown handlers,
  /// saving the previous ones. Call before `newterm`.
  /// - Throws: ``TerminalError`` (`.systemCall`) when `pipe` or `sigaction` fails.
  static func installShutdownHandlers() throws {
    try makeWakePipeIfNeeded()
    guard !shutdownInstalled.load(ordering: .acquiring) else { return }
    let previous = previousActions()
    for signo in shutdownSignals {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { signo in TerminalSignals.handleShutdown(signo) }
      sigemptyset(&action.sa_mask)
      action.sa_flags = SA_RESTART
      if sigaction(signo, &action, previous + Int(signo)) != 0 {
        throw TerminalError(.systemCall(name: "sigaction", errno: errno))
      }
    }
    shutdownInstalled.store(true, ordering: .releasing)
  }

  /// Puts back the shutdown handlers that were there before
  /// ``installShutdownHandlers()`` (call after the screen is gone if a
  /// second Ctrl-C should kill the process the usual way).
  public static func restorePreviousShutdownHandlers() {
    guard shutdownInstalled.exchange(false, ordering: .acquiringAndReleasing) else { return }
    let previous = previousActions()
    for signo in shutdownSignals { sigaction(signo, previous + Int(signo), nil) }
  }

  /// Stores what the crash handler must write and restore, and installs the
  /// fatal-signal handlers (once).
  /// - Parameters:
  ///   - bytes: raw terminal bytes (see ``TerminfoBytes/crashRestore(sgr0:cnorm:rmkx:rmcup:)``).
  ///   - outputFD: where to write them (the terminal ncurses writes to).
  ///   - savedTermios: terminal modes saved before `newterm`, or `nil`.
  ///   - termiosFD: the descriptor to restore them on.
  static func armCrashRestore(bytes: [UInt8], outputFD: Int32, savedTermios: termios?, termiosFD fd: Int32) {
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
    buffer.initialize(from: bytes, count: bytes.count)
    // Old buffers are leaked on purpose: a handler on another thread may
    // still be reading them, and re-arming happens once per screen start.
    crashBytesAddress.store(Int(bitPattern: buffer), ordering: .releasing)
    crashBytesCount.store(bytes.count, ordering: .releasing)
    crashOutputFD.store(outputFD, ordering: .releasing)
    if let savedTermios {
      let saved = UnsafeMutablePointer<termios>.allocate(capacity: 1)
      saved.initialize(to: savedTermios)
      termiosAddress.store(Int(bitPattern: saved), ordering: .releasing)
      termiosFD.store(fd, ordering: .releasing)
    } else {
      termiosAddress.store(0, ordering: .releasing)
    }
    crashArmed.store(true, ordering: .releasing)
    installFatalHandlers()
  }

  /// Stops the crash handler from writing (the screen is already restored)
  /// and puts the previous fatal-signal handlers back.
  static func disarmCrashRestore() {
    crashArmed.store(false, ordering: .releasing)
    guard fatalInstalled.exchange(false, ordering: .acquiringAndReleasing) else { return }
    let previous = previousActions()
    for signo in fatalSignals { sigaction(signo, previous + Int(signo), nil) }
  }

  /// Records a hang-up (the terminal closed without SIGHUP) as a pending
  /// SIGHUP so the run loop shuts down.
  static func recordHangUp() {
    _ = pendingStorage.compareExchange(expected: 0, desired: SIGHUP, ordering: .acquiringAndReleasing)
  }

  /// Points fd 2 at `path` (created if needed, appended), keeping a
  /// duplicate of the terminal's fd 2 for ``restoreStandardError()`` and the
  /// crash handler. Does nothing if already redirected or `path` cannot be
  /// opened.
  static func redirectStandardError(toFileAt path: String) {
    guard savedStderrFD.load(ordering: .acquiring) < 0 else { return }
    let file = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard file >= 0 else { return }
    let saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)
    guard saved >= 0 else {
      close(file)
      return
    }
    savedStderrFD.store(saved, ordering: .releasing)
    dup2(file, STDERR_FILENO)
    close(file)
  }

  /// Points fd 2 back at the terminal after ``redirectStandardError(toFileAt:)``;
  /// async-signal-safe.
  static func restoreStandardError() {
    let saved = savedStderrFD.exchange(-1, ordering: .acquiringAndReleasing)
    guard saved >= 0 else { return }
    dup2(saved, STDERR_FILENO)
    close(saved)
  }

  // MARK: - Internals

  private static func makeWakePipeIfNeeded() throws {
    guard wakeReadFD.load(ordering: .acquiring) < 0 else { return }
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { throw TerminalError(.systemCall(name: "pipe", errno: errno)) }
    for fd in fds {
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
    wakeWriteFD.store(fds[1], ordering: .releasing)
    wakeReadFD.store(fds[0], ordering: .releasing)
  }

  private static func previousActions() -> UnsafeMutablePointer<sigaction> {
    let address = previousActionsAddress.load(ordering: .acquiring)
    if address != 0, let existing = UnsafeMutablePointer<sigaction>(bitPattern: address) { return existing }
    let slots = UnsafeMutablePointer<sigaction>.allocate(capacity: actionSlots)
    slots.initialize(repeating: sigaction(), count: actionSlots)
    previousActionsAddress.store(Int(bitPattern: slots), ordering: .releasing)
    return slots
  }

  private static func installFatalHandlers() {
    guard !fatalInstalled.exchange(true, ordering: .acquiringAndReleasing) else { return }
    let previous = previousActions()
    for signo in fatalSignals {
      var action = sigaction()
      action.__sigaction_handler.sa_sigaction = { signo, info, context in
        TerminalSignals.handleFatal(signo, info, context)
      }
      sigemptyset(&action.sa_mask)
      action.sa_flags = Int32(SA_ONSTACK | SA_SIGINFO)
      sigaction(signo, &action, previous + Int(signo))
    }
  }

  /// Whether `incoming`, arriving while `pending` is being handled, is a
  /// second shutdown request (a hung shutdown: give up at once) rather than
  /// the same event again. A hang-up is one event however often it is
  /// delivered: SIGHUP after a pending SIGHUP (the kernel's, the shell's, or
  /// the one ``recordHangUp()`` noted for POLLHUP) is not a second request;
  /// any other signal is (a second Ctrl-C, a SIGTERM after the hang-up).
  /// Pure: async-signal-safe.
  public static func isSecondRequest(pending: Int32, incoming: Int32) -> Bool {
    pending != 0 && !(pending == SIGHUP && incoming == SIGHUP)
  }

  private static func handleShutdown(_ signo: Int32) {
    let savedErrno = errno
    let (exchanged, pending) = pendingStorage.compareExchange(
      expected: 0, desired: signo, ordering: .acquiringAndReleasing)
    if !exchanged && isSecondRequest(pending: pending, incoming: signo) {
      // Second request while the first is still being handled: give up.
      restoreTerminalInSignalHandler()
      _exit(exitStatus(for: signo))
    }
    wake()
    errno = savedErrno
  }

  /// Restores the terminal, then hands the signal to the previous handler
  /// (Swift's backtracer) *directly*, with the original `siginfo` and
  /// context, and finally dies by the signal with the default action.
  ///
  /// Calling the previous handler directly rather than re-raising matters
  /// for a signal sent with `kill -SEGV`: Swift's handler prints its report,
  /// resets the handlers and *returns* (expecting the faulting instruction
  /// to fault again), so after a re-raise the process would keep running on
  /// a restored terminal. Here, once it returns, the signal is re-raised at
  /// `SIG_DFL`, so the exit status is the signal's (139 for SIGSEGV).
  private static func handleFatal(
    _ signo: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
  ) {
    restoreTerminalInSignalHandler()
    let address = previousActionsAddress.load(ordering: .acquiring)
    if address != 0, let previous = UnsafeMutablePointer<sigaction>(bitPattern: address) {
      _ = SignalChaining.callPrevious(previous[Int(signo)], signo, info, context)
    }
    SignalChaining.raiseWithDefaultAction(signo)
    _exit(exitStatus(for: signo))
  }

  /// Writes the restore bytes and puts back termios; async-signal-safe;
  /// silent on a dead terminal (EIO).
  private static func restoreTerminalInSignalHandler() {
    restoreStandardError()
    guard crashArmed.exchange(false, ordering: .acquiringAndReleasing) else { return }
    let address = crashBytesAddress.load(ordering: .acquiring)
    let count = crashBytesCount.load(ordering: .acquiring)
    let fd = crashOutputFD.load(ordering: .acquiring)
    if address != 0, let bytes = UnsafeRawPointer(bitPattern: address) {
      SignalSafeWrite.all(fd, bytes, count)
    }
    let saved = termiosAddress.load(ordering: .acquiring)
    if saved != 0, let modes = UnsafePointer<termios>(bitPattern: saved) {
      _ = tcsetattr(termiosFD.load(ordering: .acquiring), TCSANOW, modes)
    }
  }
}

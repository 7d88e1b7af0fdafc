import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-Z (SIGTSTP) with terminal modes that ncurses does not know of:
/// FlightDeck turns xterm's SGR mouse reporting on itself
/// (``MouseReporting``), so ncurses' own suspend handler (`lib_tstp.c`:
/// `endwin`, stop, and on SIGCONT back to program mode and a full redraw)
/// would leave the shell with mouse reports arriving as garbage
/// (`^[[<0;12;3M`) until the dashboard resumes.
///
/// ``install(off:on:outputFD:)`` (after `newterm`, which installs ncurses'
/// handler) wraps the SIGTSTP handler in place: the wrapper writes the
/// `off` bytes (``MouseReporting/disable``), runs the handler that was
/// there — ncurses', which suspends the process and returns once it is
/// continued (SIGCONT, `fg`) — then writes the `on` bytes
/// (``MouseReporting/enable``). Without a handler of ncurses' (SIGTSTP at
/// its default), the wrapper stops the process itself (SIGTSTP at the
/// default action, raised) and puts itself back on SIGCONT. SIGTSTP ignored
/// is left alone. ``uninstall()`` (at stop) puts the wrapped handler back.
///
/// The handler touches only `Atomic`s and memory reached through them, and
/// calls `write(2)`, `sigaction`, `pthread_sigmask` and `raise`: async-signal-safe.
public enum SuspendGuard {
  private static let offAddress = Atomic<Int>(0)
  private static let offCount = Atomic<Int>(0)
  private static let onAddress = Atomic<Int>(0)
  private static let onCount = Atomic<Int>(0)
  private static let outputFD = Atomic<Int32>(-1)
  /// A `sigaction` slot holding the handler that was there at ``install(off:on:outputFD:)``.
  private static let previousAddress = Atomic<Int>(0)
  private static let installed = Atomic<Bool>(false)

  /// Whether the wrapper is installed.
  public static var isInstalled: Bool { installed.load(ordering: .acquiring) }

  /// Wraps the current SIGTSTP handler so that `off` is written to
  /// `outputFD` before the process suspends and `on` once it continues.
  /// Once only (a second call before ``uninstall()`` does nothing); nothing
  /// when SIGTSTP is ignored.
  public static func install(off: [UInt8], on: [UInt8], outputFD fd: Int32) {
    guard !installed.load(ordering: .acquiring) else { return }
    let slot = previousSlot()
    guard sigaction(SIGTSTP, nil, slot) == 0 else { return }
    if unsafeBitCast(slot.pointee.__sigaction_handler, to: Int.self) == 1 { return }  // SIG_IGN
    // Old buffers are leaked on purpose: a handler may still be reading them.
    store(off, address: offAddress, count: offCount)
    store(on, address: onAddress, count: onCount)
    outputFD.store(fd, ordering: .releasing)
    installed.store(true, ordering: .releasing)
    installWrapper()
  }

  /// Puts back the SIGTSTP handler that ``install(off:on:outputFD:)`` wrapped.
  public static func uninstall() {
    guard installed.exchange(false, ordering: .acquiringAndReleasing) else { return }
    sigaction(SIGTSTP, previousSlot(), nil)
  }

  // MARK: - Internals

  private static func previousSlot() -> UnsafeMutablePointer<sigaction> {
    let address = previousAddress.load(ordering: .acquiring)
    if address != 0, let slot = UnsafeMutablePointer<sigaction>(bitPattern: address) { return slot }
    let slot = UnsafeMutablePointer<sigaction>.allocate(capacity: 1)
    slot.initialize(to: sigaction())
    previousAddress.store(Int(bitPattern: slot), ordering: .releasing)
    return slot
  }

  private static func store(_ bytes: [UInt8], address: borrowing Atomic<Int>, count: borrowing Atomic<Int>) {
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
    buffer.initialize(from: bytes, count: bytes.count)
    address.store(Int(bitPattern: buffer), ordering: .releasing)
    count.store(bytes.count, ordering: .releasing)
  }

  private static func installWrapper() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { signo in SuspendGuard.handleSuspend(signo) }
    sigemptyset(&action.sa_mask)
    action.sa_flags = SA_RESTART
    sigaction(SIGTSTP, &action, nil)
  }

  /// The wrapper: `off`, the wrapped handler (or a stop at the default
  /// action), then `on`.
  private static func handleSuspend(_ signo: Int32) {
    let savedErrno = errno
    write(offAddress, offCount)
    if !SignalChaining.callPrevious(previousSlot().pointee, signo, nil, nil) {
      // No handler to wrap: stop by the default action, and come back here on SIGCONT.
      SignalChaining.raiseWithDefaultAction(SIGTSTP)
      if installed.load(ordering: .acquiring) { installWrapper() }
    }
    if installed.load(ordering: .acquiring) { write(onAddress, onCount) }
    errno = savedErrno
  }

  private static func write(_ address: borrowing Atomic<Int>, _ count: borrowing Atomic<Int>) {
    let fd = outputFD.load(ordering: .acquiring)
    let n = count.load(ordering: .acquiring)
    guard fd >= 0, n > 0, let bytes = UnsafeRawPointer(bitPattern: address.load(ordering: .acquiring)) else {
      return
    }
    SignalSafeWrite.all(fd, bytes, n)
  }
}

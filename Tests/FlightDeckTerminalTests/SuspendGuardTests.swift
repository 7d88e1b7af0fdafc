import FlightDeckTUI
import FlightDeckTerminal
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the stand-in for ncurses' SIGTSTP handler writes its mark.
private let markFD = Atomic<Int32>(-1)

/// Ctrl-Z with mouse reporting on (issue 16): the escape sequences the
/// backend writes around the suspend, read from a pipe standing in for the
/// terminal. ncurses' handler is stood in for by one that writes `Z` (the
/// process is not stopped: the real handler's stop and `fg` are tried by
/// hand in tmux, see the report).
@Suite(.serialized) struct SuspendGuardTests {
  @Test func mouseReportingGoesOffBeforeTheSuspendAndBackOnAfter() throws {
    var fds: [Int32] = [-1, -1]
    try #require(pipe(&fds) == 0)
    defer {
      close(fds[0])
      close(fds[1])
    }
    _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
    markFD.store(fds[1], ordering: .releasing)
    var stand = sigaction()
    stand.__sigaction_handler.sa_handler = { _ in
      var mark: UInt8 = 0x5A  // "Z"
      _ = write(markFD.load(ordering: .acquiring), &mark, 1)
    }
    sigemptyset(&stand.sa_mask)
    var original = sigaction()
    try #require(sigaction(SIGTSTP, &stand, &original) == 0)
    defer { sigaction(SIGTSTP, &original, nil) }

    // The test runner's threads may block SIGTSTP: deliver it on this one.
    var unblock = sigset_t()
    var mask = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGTSTP)
    pthread_sigmask(SIG_UNBLOCK, &unblock, &mask)
    defer { pthread_sigmask(SIG_SETMASK, &mask, nil) }

    SuspendGuard.install(off: MouseReporting.disable, on: MouseReporting.enable, outputFD: fds[1])
    #expect(SuspendGuard.isInstalled)
    raise(SIGTSTP)
    SuspendGuard.uninstall()
    #expect(!SuspendGuard.isInstalled)
    // Once uninstalled, the stand-in handler alone runs: just "Z".
    raise(SIGTSTP)

    var buffer = [UInt8](repeating: 0, count: 256)
    let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
    let written = String(decoding: buffer.prefix(max(0, n)), as: UTF8.self)
    #expect(written == "\u{1B}[?1006l\u{1B}[?1000l" + "Z" + "\u{1B}[?1000h\u{1B}[?1006h" + "Z")
  }
}

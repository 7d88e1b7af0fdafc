import CNCurses
import FlightDeckTUI
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The ncursesw terminal: the only ``TerminalBackend`` that touches a real
/// terminal, and the only code in FlightDeck that calls curses.
///
/// Lifecycle: ``start(_:)`` → (``draw(_:theme:)`` / ``readEvent(timeoutMs:)``
/// from one thread)* → ``stop()``. After a shutdown signal the run loop sees
/// ``pendingSignal``, calls ``stop()`` and exits with
/// ``TerminalSignals/exitStatus(for:)``. Not thread-safe except ``wake()``
/// and ``waker`` (curses is not thread-safe).
///
/// ## Topics
/// - Start and stop: ``start(_:)``, ``stop()``, ``Options``, ``TerminalError``
/// - Capabilities: ``supportsUnicode``, ``colorCount``, ``size``
/// - Frames: ``draw(_:theme:)``, ``invalidate()``
/// - Input: ``readEvent(timeoutMs:)``, ``wake()``, ``pendingSignal``
public final class NcursesBackend: TerminalBackend {
  private static let active = Atomic<Bool>(false)

  /// Whether the locale's codeset is UTF-8 (`nl_langinfo(CODESET)` after
  /// `setlocale(LC_ALL, "")`). When `false`, draw ASCII symbols and the tty
  /// theme: curses would show `?` for every non-ASCII glyph.
  public let supportsUnicode: Bool
  /// Usable colours: `COLORS` (8, 16, 256, …), or 0 when the terminal has no
  /// colours or `NO_COLOR` is set (then only attributes are drawn).
  public let colorCount: Int
  /// Whether `NO_COLOR` (no-color.org) turned colours off.
  public let noColor: Bool
  /// `COLOR_PAIRS` of the terminal (0 without colours).
  public let colorPairLimit: Int
  /// The `TERM` value the screen was opened with.
  public let terminalName: String
  /// A Sendable handle other threads use to wake ``readEvent(timeoutMs:)``.
  public let waker = TerminalWaker()

  private let screen: OpaquePointer
  private let window: UnsafeMutablePointer<WINDOW>
  private let options: Options
  private let decoder = KeyDecoder(codes: .live)
  private let defaultColorsAllowed: Bool
  private var stopped = false
  private var previous: Canvas?
  private var forceRepaint = true
  private var clearNext = false
  private var lastScreenSize = (width: -1, height: -1)
  private var pairs: ColorPairCache
  private var reportedPairExhaustion = false
  private var lastTheme: Theme?
  private var resolved: [CellStyle: (attrs: attr_t, pair: Int)] = [:]
  private var queue: [InputEvent] = []
  private var wideBuffer = [wchar_t](repeating: 0, count: 8)

  /// The shutdown signal received (SIGINT, SIGTERM, SIGHUP, SIGQUIT) or `nil`;
  /// see ``TerminalSignals/pendingSignal``.
  public static var pendingSignal: Int32? { TerminalSignals.pendingSignal }

  /// Checks that standard input and output are terminals, as ``start(_:)``
  /// does first, so a command can refuse before it writes anything (the
  /// demo seeds a workspace before its screen opens).
  /// - Throws: ``TerminalError`` `.notATerminal` naming the stream (`input`
  ///   or `output`) that is piped or redirected.
  public static func requireTerminal() throws {
    guard isatty(STDIN_FILENO) == 1 else { throw TerminalError(.notATerminal(stream: "input")) }
    guard isatty(STDOUT_FILENO) == 1 else { throw TerminalError(.notATerminal(stream: "output")) }
  }

  /// Opens the terminal: locale, signal handlers, `newterm`, modes, colours,
  /// crash restore — in that order.
  ///
  /// Nothing is drawn before the checks pass, so a failure leaves the shell
  /// untouched.
  /// - Parameter options: modes and environment (`TERM`, `NO_COLOR`).
  /// - Returns: the running backend; call ``stop()`` when done.
  /// - Throws: ``TerminalError`` — `.notATerminal` when stdin or stdout is
  ///   not a tty, `.unknownTerminal` when terminfo has no entry for `TERM`
  ///   (`newterm` returned NULL), `.cannotPositionCursor` when it has no `cup`
  ///   or `clear` (e.g. `dumb`), `.alreadyActive` when another backend runs,
  ///   `.systemCall` when the self-pipe or signal handlers cannot be set up.
  public static func start(_ options: Options = Options()) throws -> NcursesBackend {
    setlocale(LC_ALL, "")
    try requireTerminal()
    guard !active.exchange(true, ordering: .acquiringAndReleasing) else {
      throw TerminalError(.alreadyActive)
    }
    do {
      return try NcursesBackend(options: options)
    } catch {
      active.store(false, ordering: .releasing)
      throw error
    }
  }

  private init(options: Options) throws {
    self.options = options
    let term = options.environment["TERM"] ?? ""
    terminalName = term
    supportsUnicode = NcursesBackend.isUTF8(codeset: String(cString: fd_codeset()))

    // Shutdown handlers first, so ncurses leaves SIGINT/SIGTERM alone.
    try TerminalSignals.installShutdownHandlers()
    var savedModes = termios()
    let haveModes = tcgetattr(STDIN_FILENO, &savedModes) == 0

    // Pass TERM explicitly so `options.environment` is the single source.
    let opened = term.isEmpty ? nil : term.withCString { newterm($0, fd_stdout(), fd_stdin()) }
    guard let screen = opened else {
      TerminalSignals.restorePreviousShutdownHandlers()
      throw TerminalError(.unknownTerminal(term: term))
    }
    self.screen = screen
    _ = set_term(screen)
    guard let window = fd_stdscr() else {
      delscreen(screen)
      TerminalSignals.restorePreviousShutdownHandlers()
      throw TerminalError(.unknownTerminal(term: term))
    }
    // A terminal without cursor addressing (TERM=dumb) would get the frame
    // as one scrolling line: refuse it before anything is drawn.
    guard NcursesBackend.canPositionCursor(cup: fd_tigetstr("cup") != nil, clear: fd_tigetstr("clear") != nil)
    else {
      _ = endwin()
      delscreen(screen)
      TerminalSignals.restorePreviousShutdownHandlers()
      throw TerminalError(.cannotPositionCursor(term: term))
    }
    self.window = window
    _ = fd_set_escdelay(Int32(clamping: options.escapeDelayMs))
    switch options.inputMode {
    case .cbreak: _ = cbreak()
    case .raw: _ = raw()
    }
    let scr = window
    _ = noecho()
    _ = nonl()
    _ = keypad(scr, true)
    _ = intrflush(scr, false)
    _ = leaveok(scr, true)
    _ = nodelay(scr, true)
    _ = curs_set(0)
    NcursesBackend.defineExtraKeys()
    if options.mouse {
      // Our own SGR reports (MouseReporting): drop terminfo's kmous if it is
      // `ESC [ <` (xterm), then bind that prefix to our code.
      _ = define_key("\u{1B}[<", 0)
      _ = define_key("\u{1B}[<", MouseReporting.keyCode)
      NcursesBackend.writeRaw(MouseReporting.enable)
      // Ctrl-Z: reporting off while suspended, back on at `fg` (ncurses' handler knows nothing of it).
      SuspendGuard.install(off: MouseReporting.disable, on: MouseReporting.enable, outputFD: STDOUT_FILENO)
    }

    let noColorValue = options.environment["NO_COLOR"] ?? ""
    noColor = !noColorValue.isEmpty
    var colours = 0
    var pairLimit = 0
    var defaults = false
    if has_colors() && !noColor {
      _ = start_color()
      defaults = use_default_colors() == fd_OK()
      colours = Int(fd_COLORS())
      pairLimit = Int(fd_COLOR_PAIRS())
      if colours < 8 { colours = 0 }
    }
    colorCount = colours
    colorPairLimit = pairLimit
    defaultColorsAllowed = defaults
    pairs = ColorPairCache(pairLimit: pairLimit)

    if let path = options.stderrLogPath {
      TerminalSignals.redirectStandardError(toFileAt: path)
    }
    let restore = TerminfoBytes.crashRestore(
      sgr0: NcursesBackend.capability("sgr0"), cnorm: NcursesBackend.capability("cnorm"),
      rmkx: (NcursesBackend.capability("rmkx") ?? []) + (options.mouse ? MouseReporting.disable : []),
      rmcup: NcursesBackend.capability("rmcup"))
    TerminalSignals.armCrashRestore(
      bytes: restore, outputFD: STDOUT_FILENO, savedTermios: haveModes ? savedModes : nil,
      termiosFD: STDIN_FILENO)
  }

  deinit {
    stop()
  }

  // MARK: - Size

  /// Current screen size in cells, as curses knows it (updated on
  /// `KEY_RESIZE` and by the size check in ``readEvent(timeoutMs:)``).
  public var size: (width: Int, height: Int) {
    guard !stopped else { return (0, 0) }
    let scr = window
    return (Int(fd_getmaxx(scr)), Int(fd_getmaxy(scr)))
  }

  // MARK: - Drawing

  /// Makes the next ``draw(_:theme:)`` clear the terminal and repaint every
  /// cell (Ctrl-R; after another program scribbled on the screen).
  public func invalidate() {
    forceRepaint = true
    clearNext = true
  }

  /// Writes `canvas` to the screen, sending only cells that changed since
  /// the previous frame (``FrameDiff``), then `wnoutrefresh` + `doupdate`.
  ///
  /// Cells beyond the screen are clipped. A size change (of the canvas or
  /// the screen), a theme change or ``invalidate()`` repaints everything.
  /// - Throws: ``TerminalError`` `.writeFailed` when `doupdate` fails.
  public func draw(_ canvas: Canvas, theme: Theme) throws {
    guard !stopped else { return }
    let scr = window
    let screenSize = size
    if lastTheme != theme {
      // Same cells, new colours: the diff cannot see it, so repaint all.
      lastTheme = theme
      resolved.removeAll(keepingCapacity: true)
      forceRepaint = true
    }
    let full =
      forceRepaint || previous == nil || previous?.width != canvas.width
      || previous?.height != canvas.height || screenSize != lastScreenSize
    if full {
      _ = werase(scr)
      if clearNext || screenSize != lastScreenSize { _ = clearok(fd_curscr(), true) }
    }
    let writes = FrameDiff.writes(
      previous: full ? nil : previous, current: canvas, columns: screenSize.width, rows: screenSize.height)
    for write in writes { put(write, on: scr) }
    previous = canvas
    lastScreenSize = screenSize
    forceRepaint = false
    clearNext = false
    let refreshed = wnoutrefresh(scr)
    let updated = doupdate()
    if refreshed == fd_ERR() || updated == fd_ERR() { throw TerminalError(.writeFailed) }
  }

  private func put(_ write: CellWrite, on scr: UnsafeMutablePointer<WINDOW>) {
    let look = appearance(for: write.cell.style)
    let plan = GlyphPlan.make(
      grapheme: write.cell.grapheme, cellWidth: Int(write.cell.width), maxScalars: Int(fd_CCHARW_MAX()),
      width: { Int(fd_wcwidth($0)) })
    addGlyph(plan.scalars, attrs: look.attrs, pair: look.pair, y: write.y, x: write.x, on: scr)
    for pad in 0..<plan.padColumns {
      addGlyph([0x20], attrs: look.attrs, pair: look.pair, y: write.y, x: write.x + 1 + pad, on: scr)
    }
  }

  private func addGlyph(
    _ scalars: [UInt32], attrs: attr_t, pair: Int, y: Int, x: Int, on scr: UnsafeMutablePointer<WINDOW>
  ) {
    let count = min(scalars.count, wideBuffer.count - 1)
    for i in 0..<count { wideBuffer[i] = wchar_t(bitPattern: scalars[i]) }
    wideBuffer[count] = 0
    var cell = cchar_t()
    let made = wideBuffer.withUnsafeBufferPointer { fd_make_cchar(&cell, $0.baseAddress, attrs, Int32(pair)) }
    guard made != fd_ERR() else { return }
    // ERR at the bottom-right cell is expected (the cursor cannot advance).
    _ = mvwadd_wch(scr, Int32(y), Int32(x), &cell)
  }

  private func appearance(for style: CellStyle) -> (attrs: attr_t, pair: Int) {
    if let hit = resolved[style] { return hit }
    let look = CellAppearance.resolve(
      style: style, theme: lastTheme ?? Theme(name: "default", entries: [:]), colorCount: colorCount,
      defaultColorsAllowed: defaultColorsAllowed)
    var attrs = fd_A_NORMAL()
    if look.bold { attrs |= fd_A_BOLD() }
    if look.reverse { attrs |= fd_A_REVERSE() }
    if look.underline { attrs |= fd_A_UNDERLINE() }
    if look.dim { attrs |= fd_A_DIM() }
    let pair = colorCount > 0 ? pairNumber(foreground: look.foreground, background: look.background) : 0
    resolved[style] = (attrs, pair)
    return (attrs, pair)
  }

  private func pairNumber(foreground: Int, background: Int) -> Int {
    switch pairs.pair(foreground: foreground, background: background) {
    case .cached(let n):
      return n
    case .allocated(let n):
      let ok =
        n <= 32767
        ? fd_init_pair(Int32(n), Int32(foreground), Int32(background))
        : fd_init_extended_pair(Int32(n), Int32(foreground), Int32(background))
      if ok == fd_ERR() {
        pairs.markUnusable(foreground: foreground, background: background)
        options.diagnostic?("init_pair(\(n), \(foreground), \(background)) failed; using default colours")
        return 0
      }
      return n
    case .exhausted:
      if !reportedPairExhaustion {
        reportedPairExhaustion = true
        options.diagnostic?(
          "colour pairs exhausted (\(colorPairLimit) available); some cells use default colours")
      }
      return 0
    }
  }

  // MARK: - Input

  /// Wakes a thread blocked in ``readEvent(timeoutMs:)``; thread-safe.
  public func wake() {
    TerminalSignals.wake()
  }

  /// The next input event, waiting up to `timeoutMs` milliseconds.
  ///
  /// Blocks in `poll()` on stdin and the self-pipe (so ``wake()``, signals
  /// and keys all end the wait), then reads every pending key with
  /// non-blocking `wget_wch`, queueing all but the first. Also compares the
  /// kernel's window size (TIOCGWINSZ) with curses' and reports a resize if
  /// SIGWINCH was missed (btop re-checks each loop).
  /// - Parameter timeoutMs: maximum wait; 0 = just poll, negative = wait
  ///   without limit.
  /// - Returns: a key or resize, or `nil` on time-out, on ``wake()``, or
  ///   when a shutdown signal is pending (check ``pendingSignal``).
  public func readEvent(timeoutMs: Int) -> InputEvent? {
    guard !stopped else { return nil }
    if !queue.isEmpty { return queue.removeFirst() }
    if TerminalSignals.pendingSignal != nil { return nil }
    checkKernelSize()
    if !queue.isEmpty { return queue.removeFirst() }

    var fds = [
      pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
      pollfd(fd: TerminalSignals.wakeFileDescriptor, events: Int16(POLLIN), revents: 0),
    ]
    let ready = poll(&fds, nfds_t(fds.count), Int32(clamping: timeoutMs))
    let interrupted = ready < 0 && errno == EINTR
    if ready > 0 && fds[1].revents != 0 { TerminalSignals.drainWakePipe() }
    if ready > 0 && fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
      // The terminal is gone (closed pty without SIGHUP): without this the
      // loop would spin on a descriptor that is always "ready".
      TerminalSignals.recordHangUp()
      return nil
    }
    // Drain curses after input or EINTR (SIGWINCH → KEY_RESIZE).
    if ready > 0 || interrupted { drainCurses() }
    checkKernelSize()
    return queue.isEmpty ? nil : queue.removeFirst()
  }

  private func drainCurses() {
    let scr = window
    var value: wint_t = 0
    while true {
      let status = wget_wch(scr, &value)
      if status == fd_ERR() { break }
      if status == fd_KEY_CODE_YES() {
        if options.mouse && Int32(bitPattern: UInt32(value)) == MouseReporting.keyCode {
          if let event = readMouseReport(scr) { queue.append(.mouse(event)) }
          continue
        }
        switch decoder.decodeKeyCode(Int32(bitPattern: UInt32(value))) {
        case .resize:
          enqueueResize()
        case .key(let key):
          queue.append(.key(key))
        case nil:
          continue
        }
      } else if let key = decoder.decodeCharacter(UInt32(value)) {
        queue.append(.key(key))
      }
    }
  }

  /// Reads the rest of an SGR mouse report after `ESC [ <`: its characters
  /// are normally already buffered; waits up to 50 ms in all for the rest.
  private func readMouseReport(_ scr: UnsafeMutablePointer<WINDOW>) -> MouseEvent? {
    var collector = MouseReporting.Collector()
    var value: wint_t = 0
    var waits = 0
    while true {
      let status = wget_wch(scr, &value)
      if status == fd_ERR() {
        waits += 1
        guard waits <= 5 else { return nil }
        var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        _ = poll(&fd, 1, 10)
        continue
      }
      guard status != fd_KEY_CODE_YES() else { return nil }
      switch collector.add(UInt32(value)) {
      case .more: continue
      case .done(let event): return event
      case .invalid: return nil
      }
    }
  }

  private func enqueueResize() {
    let now = size
    forceRepaint = true
    let event = InputEvent.resize(width: now.width, height: now.height)
    if case .resize = queue.last {
      queue[queue.count - 1] = event
    } else {
      queue.append(event)
    }
  }

  private func checkKernelSize() {
    var rows: Int32 = 0
    var cols: Int32 = 0
    guard fd_tty_size(STDOUT_FILENO, &rows, &cols) == 0, rows > 0, cols > 0 else { return }
    let current = size
    guard Int(rows) != current.height || Int(cols) != current.width else { return }
    _ = resizeterm(rows, cols)
    enqueueResize()
  }

  // MARK: - Stop

  /// Leaves curses mode: cursor visible, attributes reset, primary screen
  /// back, terminal modes restored (`endwin`). Idempotent; also run by
  /// `deinit`. Standard error goes back to the terminal if it was
  /// redirected. The shutdown signal handlers stay installed (see
  /// ``TerminalSignals/restorePreviousShutdownHandlers()``).
  public func stop() {
    guard !stopped else { return }
    stopped = true
    TerminalSignals.disarmCrashRestore()
    SuspendGuard.uninstall()
    if options.mouse { NcursesBackend.writeRaw(MouseReporting.disable) }
    _ = curs_set(1)
    _ = endwin()
    delscreen(screen)
    fflush(fd_stdout())
    TerminalSignals.restoreStandardError()
    NcursesBackend.active.store(false, ordering: .releasing)
  }

  // MARK: - Helpers

  /// Whether a codeset name (from `nl_langinfo(CODESET)`) is UTF-8
  /// ("UTF-8", "utf8", case-insensitive).
  public static func isUTF8(codeset: String) -> Bool {
    let normal = codeset.lowercased().replacingOccurrences(of: "-", with: "")
    return normal == "utf8"
  }

  /// Whether a terminal can show a full-screen view: it needs cursor
  /// addressing (terminfo `cup`) and a way to clear the screen (`clear`).
  /// `dumb` has neither.
  public static func canPositionCursor(cup: Bool, clear: Bool) -> Bool { cup && clear }

  /// Home/End sequences that terminfo entries often omit but terminals (and
  /// tmux with a mismatched `TERM`) send anyway: VT220 `ESC [1~`/`ESC [4~`,
  /// rxvt `ESC [7~`/`ESC [8~`, xterm normal/application `ESC [H`, `ESC OH`.
  /// Without these, Home arrives as Esc, `[`, `1`, `~`.
  private static func defineExtraKeys() {
    let home = ["\u{1B}[1~", "\u{1B}[7~", "\u{1B}[H", "\u{1B}OH"]
    let end = ["\u{1B}[4~", "\u{1B}[8~", "\u{1B}[F", "\u{1B}OF"]
    for sequence in home { _ = define_key(sequence, fd_KEY_HOME()) }
    for sequence in end { _ = define_key(sequence, fd_KEY_END()) }
  }

  /// Writes `bytes` to the terminal directly (not through curses' buffer).
  private static func writeRaw(_ bytes: [UInt8]) {
    fflush(fd_stdout())
    bytes.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      SignalSafeWrite.all(STDOUT_FILENO, base, buffer.count)
    }
  }

  private static func capability(_ name: String) -> [UInt8]? {
    guard let pointer = fd_tigetstr(name) else { return nil }
    return Array(String(cString: pointer).utf8)
  }
}

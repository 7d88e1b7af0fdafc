import CNCurses

/// The ncurses `KEY_*` codes the ``KeyDecoder`` recognises.
///
/// Kept as plain values so the decoder is a pure function that tests can
/// drive without a terminal; ``live`` reads them from the curses headers
/// (through the `fd_` shim), never from hard-coded numbers.
public struct CursesKeyCodes: Sendable, Hashable {
  /// `KEY_RESIZE`: the terminal changed size (ncurses owns SIGWINCH).
  public var resize: Int32
  /// `KEY_UP`.
  public var up: Int32
  /// `KEY_DOWN`.
  public var down: Int32
  /// `KEY_LEFT`.
  public var left: Int32
  /// `KEY_RIGHT`.
  public var right: Int32
  /// `KEY_BTAB` (Shift-Tab).
  public var backTab: Int32
  /// `KEY_ENTER` (keypad Enter).
  public var enter: Int32
  /// `KEY_BACKSPACE`.
  public var backspace: Int32
  /// `KEY_DC` (Delete).
  public var delete: Int32
  /// `KEY_HOME`.
  public var home: Int32
  /// `KEY_END`.
  public var end: Int32
  /// `KEY_PPAGE` (Page Up).
  public var pageUp: Int32
  /// `KEY_NPAGE` (Page Down).
  public var pageDown: Int32
  /// `KEY_F(1)`; `KEY_F(n) == function1 + n - 1` (curses.h: `KEY_F(n)` is `KEY_F0 + n`).
  public var function1: Int32

  /// Creates a table from explicit codes (tests use this).
  public init(
    resize: Int32, up: Int32, down: Int32, left: Int32, right: Int32, backTab: Int32, enter: Int32,
    backspace: Int32, delete: Int32, home: Int32, end: Int32, pageUp: Int32, pageDown: Int32,
    function1: Int32
  ) {
    self.resize = resize
    self.up = up
    self.down = down
    self.left = left
    self.right = right
    self.backTab = backTab
    self.enter = enter
    self.backspace = backspace
    self.delete = delete
    self.home = home
    self.end = end
    self.pageUp = pageUp
    self.pageDown = pageDown
    self.function1 = function1
  }

  /// The codes of the linked ncurses, read from its headers via the shim.
  public static var live: CursesKeyCodes {
    CursesKeyCodes(
      resize: fd_KEY_RESIZE(), up: fd_KEY_UP(), down: fd_KEY_DOWN(), left: fd_KEY_LEFT(),
      right: fd_KEY_RIGHT(), backTab: fd_KEY_BTAB(), enter: fd_KEY_ENTER(), backspace: fd_KEY_BACKSPACE(),
      delete: fd_KEY_DC(), home: fd_KEY_HOME(), end: fd_KEY_END(), pageUp: fd_KEY_PPAGE(),
      pageDown: fd_KEY_NPAGE(), function1: fd_KEY_F(1))
  }
}

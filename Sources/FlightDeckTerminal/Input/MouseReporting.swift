import FlightDeckTUI

/// Mouse reporting without curses' own mouse code: FlightDeck asks the
/// terminal for xterm's SGR 1006 reports itself and decodes them, because
/// ncurses picks the report format from terminfo's `kmous`, which is the
/// X10 form (`\E[M`, columns and rows capped at 223) for `tmux-256color`
/// and `screen-256color`, and `\E[<` (SGR) only for xterm entries.
///
/// - On: `CSI ? 1000 h` (report presses, releases and the wheel) then
///   `CSI ? 1006 h` (as `ESC [ < b ; x ; y M|m`). No motion tracking
///   (1002/1003): drags are not asked for, so Shift-drag selection in the
///   terminal and tmux is left alone.
/// - Off (on stop, and in the crash restore bytes): the reverse.
/// - ``NcursesBackend`` binds `ESC [ <` to ``keyCode`` with `define_key`,
///   then reads the rest of the report through ``Collector``.
public enum MouseReporting {
  /// Bytes that turn reporting on.
  public static let enable: [UInt8] = Array("\u{1B}[?1000h\u{1B}[?1006h".utf8)
  /// Bytes that turn reporting off.
  public static let disable: [UInt8] = Array("\u{1B}[?1006l\u{1B}[?1000l".utf8)
  /// The curses key code `ESC [ <` is bound to: above `KEY_MAX` (0777), in
  /// the range ncurses leaves to `define_key`.
  public static let keyCode: Int32 = 0o1000 + 0o100
  /// Longest report accepted between `<` and the final byte
  /// (`bbb;xxxxx;yyyyy`), so a stream that never ends one cannot grow it.
  public static let maximumLength = 20

  /// Gathers the characters after `ESC [ <` up to the final `M` or `m`.
  public struct Collector: Sendable, Hashable {
    /// The characters so far.
    public private(set) var text = ""

    /// Creates an empty collector.
    public init() {}

    /// What one more character does.
    public enum Step: Sendable, Hashable {
      /// Keep reading.
      case more
      /// The report is complete: the event, or `nil` when it was not a valid report.
      case done(MouseEvent?)
      /// Not a report (a character no report holds, or too long): give up.
      case invalid
    }

    /// Adds `scalar` and says whether the report is complete.
    public mutating func add(_ scalar: UInt32) -> Step {
      guard let u = Unicode.Scalar(scalar) else { return .invalid }
      let c = Character(u)
      if c == "M" || c == "m" { return .done(MouseEvent(sgrParameters: text, final: c)) }
      guard c == ";" || ("0"..."9").contains(c), text.count < MouseReporting.maximumLength else {
        return .invalid
      }
      text.append(c)
      return .more
    }
  }
}

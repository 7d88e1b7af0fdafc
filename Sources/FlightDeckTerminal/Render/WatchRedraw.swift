#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a watching command (`rollout status --watch`) writes for each
/// changed frame of its output.
///
/// On a terminal the frame replaces the previous one in place: the cursor
/// is homed and the screen erased (ECMA-48 CUP `ESC [ H` then ED 2
/// `ESC [ 2 J`) before every frame, as `kubectl argo rollouts get rollout
/// -w` (its `Clear()`) and watch(1) do. Clearing, rather than moving the
/// cursor up over the previous frame, stays right when a long line wrapped
/// or the window was resized between frames. No mode is changed, so an
/// interrupted watch leaves the terminal as it found it.
///
/// Piped (or with `TERM=dumb`), every change is written after the previous
/// one, separated by ``separator``, with no escape code: a log or another
/// program sees each frame whole.
public struct WatchRedraw: Sendable {
  /// Cursor home and erase the whole screen: `ESC [ H ESC [ 2 J`.
  public static let clearScreen = "\u{1B}[H\u{1B}[2J"

  /// Whether frames are redrawn in place (output is a terminal).
  public let inPlace: Bool
  /// What separates two frames when they are not redrawn in place (`"\n"`
  /// for tables: a blank line; `""` for JSON Lines).
  public let separator: String
  /// The frame last written, `nil` before the first.
  public private(set) var shown: String?

  /// A redraw for output that is a terminal (`inPlace`) or not.
  public init(inPlace: Bool, separator: String) {
    self.inPlace = inPlace
    self.separator = separator
  }

  /// Whether standard output is a terminal that understands the clearing:
  /// `isatty(1)` and `TERM` other than `dumb`.
  /// - Parameter term: the `TERM` environment variable (`nil` when unset).
  public static func standardOutputIsTerminal(term: String?) -> Bool {
    isatty(STDOUT_FILENO) == 1 && term != "dumb"
  }

  /// The bytes to write for `text`, the latest frame (each of its lines
  /// ending with a line feed), or `nil` when it equals the frame shown.
  public mutating func frame(_ text: String) -> String? {
    guard text != shown else { return nil }
    defer { shown = text }
    if inPlace { return Self.clearScreen + text }
    return shown == nil ? text : separator + text
  }
}

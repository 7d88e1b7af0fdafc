import Foundation

/// Glyph tables for one rendering mode: box drawing, ellipsis, bar fills
/// and the 5×5 chart tables.
///
/// Chart tables follow btop (`src/btop_draw.cpp`, `Symbols::graph_symbols`):
/// one glyph encodes two consecutive samples, each quantised to 0–4 dots
/// (levels from the bottom of the cell); the glyph is
/// `graph[left * 5 + right]`.
///
/// - `.braille`: U+2800 + dot bits; the left sample fills dots 7, 3, 2, 1
///   (bottom to top), the right sample dots 8, 6, 5, 4 (Unicode braille
///   patterns: dot *n* is bit *n − 1*).
/// - `.block`: quadrant and half blocks; levels 1–2 fill the lower quadrant,
///   3–4 the whole half column (btop's block graph).
/// - `.ascii`: the higher of the two samples picks `" "`, `"."`, `"."`,
///   `":"`, `"|"` (levels 0–4).
public struct Symbols: Sendable, Hashable {
  /// Rendering mode, chosen from the locale (``detect(environment:)``).
  public enum Mode: String, Sendable, Hashable, CaseIterable {
    /// UTF-8 with braille charts (2 samples × 4 levels per cell).
    case braille
    /// UTF-8 without braille fonts (e.g. the Linux console): block charts.
    case block
    /// Non-UTF-8 (e.g. `LC_ALL=C`): 7-bit ASCII only.
    case ascii
  }

  /// Box-drawing glyphs.
  public struct Box: Sendable, Hashable {
    /// Corner and edge glyphs.
    public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: Character
  }

  /// The mode these tables belong to.
  public let mode: Mode
  /// Box-drawing glyphs: `┌┐└┘─│`, or `++++-|` in ASCII.
  public let box: Box
  /// Marker for clipped text: `…` or `~`.
  public let ellipsis: Character
  /// A full bar cell: `█` or `#`.
  public let barFull: Character
  /// An empty bar cell: `░` or `.`.
  public let barEmpty: Character
  /// Partial bar cells for eighths 0…8 of one cell, left-aligned
  /// (`" "`, `▏`…`▉`, `█`); ASCII has only `" "` and `#` halves (`<4/8` → `" "`).
  public let barEighths: [Character]
  /// The 25 chart glyphs, indexed `left * 5 + right` (levels 0–4 each).
  public let graph: [Character]

  /// The tables for `mode`.
  public init(mode: Mode) {
    self.mode = mode
    switch mode {
    case .braille, .block:
      box = Box(
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│")
      ellipsis = "…"
      barFull = "█"
      barEmpty = "░"
      barEighths = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    case .ascii:
      box = Box(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|")
      ellipsis = "~"
      barFull = "#"
      barEmpty = "."
      barEighths = [" ", " ", " ", " ", "#", "#", "#", "#", "#"]
    }
    switch mode {
    case .braille: graph = Symbols.brailleGraph()
    case .block: graph = Symbols.blockGraph
    case .ascii: graph = Symbols.asciiGraph
    }
  }

  /// Braille tables.
  public static let braille = Symbols(mode: .braille)
  /// Block tables.
  public static let block = Symbols(mode: .block)
  /// ASCII tables.
  public static let ascii = Symbols(mode: .ascii)

  /// The chart glyph for two samples; levels are clamped to 0…4.
  public func graphGlyph(left: Int, right: Int) -> Character {
    graph[min(4, max(0, left)) * 5 + min(4, max(0, right))]
  }

  /// Picks the mode from the environment, following POSIX locale precedence
  /// (the first non-empty of `LC_ALL`, `LC_CTYPE`, `LANG`).
  ///
  /// A codeset of UTF-8 (`UTF-8` or `utf8`, any case) gives `.braille`,
  /// except on the Linux console (`TERM=linux`, whose font has no braille)
  /// where it gives `.block`; anything else gives `.ascii`. The variable
  /// `FLIGHTDECK_SYMBOLS` (`braille`, `block`, `ascii`) overrides.
  /// - Parameter environment: the process environment (injectable for tests).
  public static func detect(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Mode {
    if let forced = environment["FLIGHTDECK_SYMBOLS"].flatMap(Mode.init(rawValue:)) { return forced }
    let locale =
      ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
    let codeset = locale.lowercased().replacingOccurrences(of: "-", with: "")
    guard codeset.contains("utf8") else { return .ascii }
    return environment["TERM"] == "linux" ? .block : .braille
  }

  /// Dot bits for 0–4 levels of the left column (dots 7, 3, 2, 1) and the
  /// right column (dots 8, 6, 5, 4); dot *n* is bit *n − 1*.
  static let brailleLeftBits: [UInt32] = [
    0, 0x40, 0x40 | 0x04, 0x40 | 0x04 | 0x02, 0x40 | 0x04 | 0x02 | 0x01,
  ]
  static let brailleRightBits: [UInt32] = [
    0, 0x80, 0x80 | 0x20, 0x80 | 0x20 | 0x10, 0x80 | 0x20 | 0x10 | 0x08,
  ]

  static func brailleGraph() -> [Character] {
    var table: [Character] = []
    for left in 0..<5 {
      for right in 0..<5 {
        let v = 0x2800 + brailleLeftBits[left] + brailleRightBits[right]
        table.append(Character(Unicode.Scalar(v) ?? " "))
      }
    }
    return table
  }

  // btop's `block_up` table (src/btop_draw.cpp).
  static let blockGraph: [Character] = [
    " ", "▗", "▗", "▐", "▐",
    "▖", "▄", "▄", "▟", "▟",
    "▖", "▄", "▄", "▟", "▟",
    "▌", "▙", "▙", "█", "█",
    "▌", "▙", "▙", "█", "█",
  ]

  static let asciiGraph: [Character] = {
    let levels: [Character] = [" ", ".", ".", ":", "|"]
    var table: [Character] = []
    for left in 0..<5 {
      for right in 0..<5 { table.append(levels[max(left, right)]) }
    }
    return table
  }()
}

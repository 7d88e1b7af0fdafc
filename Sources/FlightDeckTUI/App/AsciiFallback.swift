/// Replaces the dashboard's own non-ASCII glyphs with ASCII look-alikes on
/// terminals without UTF-8 (``Symbols/Mode/ascii``, e.g. `LC_ALL=C`).
///
/// Only the glyphs FlightDeck itself writes (separators, arrows, the filter
/// cursor, `×`, `…`, `–`, `Δ`) are mapped; text from telemetry is left as
/// the sanitiser made it. Every mapped glyph and its replacement are one
/// column wide, so the layout does not move.
public enum AsciiFallback {
  /// The replacement table.
  public static let table: [String: String] = [
    "│": "|", "─": "-", "–": "-", "▏": "_", "Δ": "d", "×": "x", "…": "~", "↑": "^", "↓": "v",
    "←": "<", "→": ">", "■": "#", "▲": "^", "▼": "v", "↺": "*", "✓": "+", "✗": "x",
  ]

  /// Rewrites every cell of `canvas` whose grapheme is in ``table``.
  public static func apply(to canvas: inout Canvas) {
    for y in 0..<canvas.height {
      for x in 0..<canvas.width {
        let cell = canvas[x, y]
        if let replacement = table[cell.grapheme] {
          canvas[x, y] = Cell(grapheme: replacement, width: 1, style: cell.style)
        }
      }
    }
  }
}

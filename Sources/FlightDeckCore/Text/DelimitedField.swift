/// A field of a CSV or TSV export made safe to print and to open, and
/// reversible: what `audit export --format csv` and `replay --format tsv`
/// write for every text taken from a person or from telemetry.
///
/// Rules, in order:
/// 1. ``TerminalText/escapeReversibly(_:)``: `\` → `\\`; C0, DEL, C1 → `\xHH`
///    (ESC → `\x1B`, tab → `\x09`, newline → `\x0A`, CSI U+009B → `\x9B`);
///    bidi controls, U+2028/U+2029 and invisible characters → `\u{HHHH}`
///    (RLO → `\u{202E}`, zero width space → `\u{200B}`). A field therefore
///    never holds a tab, CR or LF, so one record is one line.
/// 2. Spreadsheet formula injection (OWASP "CSV Injection"): a field that
///    would start with `=`, `+`, `-` or `@` has that first character written
///    as its `\xHH` escape (`=` → `\x3D`, `+` → `\x2B`, `-` → `\x2D`,
///    `@` → `\x40`), so a spreadsheet sees text starting with `\`, never a
///    formula. (OWASP's tab and CR are already escaped by rule 1.)
///
/// ``TerminalText/unescape(_:)`` undoes both rules and gives the stored
/// text back byte for byte, e.g. to recompute an audit entry's hash from a
/// CSV export. Numbers written by FlightDeck itself are not passed through
/// here.
public enum DelimitedField {
  /// The first characters a spreadsheet reads as the start of a formula (OWASP).
  public static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@"]

  /// `text` escaped by the two rules above.
  /// - Parameter text: untrusted text.
  /// - Returns: a terminal-safe, formula-safe field, reversible by ``TerminalText/unescape(_:)``.
  public static func escape(_ text: String) -> String {
    let safe = TerminalText.escapeReversibly(text)
    guard let first = safe.unicodeScalars.first, formulaStarts.contains(first) else { return safe }
    return TerminalText.escape(first) + String(safe.unicodeScalars.dropFirst())
  }
}

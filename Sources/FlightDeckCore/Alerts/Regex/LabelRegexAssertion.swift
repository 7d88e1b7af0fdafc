/// A zero-width assertion of a label regular expression (RE2's empty-width
/// operators): it consumes nothing and holds or not between two characters.
enum LabelRegexAssertion: Sendable, Hashable {
  /// `\A`, or `^` without `(?m)`: at the start of the text.
  case beginText
  /// `\z`, or `$` without `(?m)`: at the end of the text (RE2's `$` does not
  /// match before a final newline).
  case endText
  /// `^` under `(?m)`: at the start of the text or after `\n`.
  case beginLine
  /// `$` under `(?m)`: at the end of the text or before `\n`.
  case endLine
  /// `\b`: between an ASCII word character (`[0-9A-Za-z_]`) and a non-word one or an end.
  case wordBoundary
  /// `\B`: not at a `\b`.
  case notWordBoundary

  /// Whether the assertion holds between `previous` and `next` (`nil` at the text's ends).
  func holds(previous: Unicode.Scalar?, next: Unicode.Scalar?) -> Bool {
    switch self {
    case .beginText: return previous == nil
    case .endText: return next == nil
    case .beginLine: return previous == nil || previous == "\n"
    case .endLine: return next == nil || next == "\n"
    case .wordBoundary, .notWordBoundary:
      let boundary = Self.isWord(previous) != Self.isWord(next)
      return self == .wordBoundary ? boundary : !boundary
    }
  }

  /// RE2's ASCII word character `[0-9A-Za-z_]`.
  static func isWord(_ c: Unicode.Scalar?) -> Bool {
    guard let v = c?.value else { return false }
    return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
  }
}

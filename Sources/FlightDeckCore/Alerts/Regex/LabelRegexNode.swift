/// The syntax tree of a parsed label regular expression.
indirect enum LabelRegexNode: Sendable, Hashable {
  /// Matches the empty string (`()`, `a|`).
  case empty
  /// One Unicode scalar; with `foldCase`, any scalar of the case-fold orbit
  /// whose smallest member it is.
  case literal(Unicode.Scalar, foldCase: Bool)
  /// `.`: any scalar, or any but `\n` when `matchesNewline` is false.
  case any(matchesNewline: Bool)
  /// `[...]`, `\d`, `[[:alpha:]]`, `\pL`.
  case characterClass(LabelRegexCharacterClass)
  /// `^`, `$`, `\A`, `\z`, `\b`, `\B`.
  case assertion(LabelRegexAssertion)
  /// The parts in sequence.
  case concatenation([LabelRegexNode])
  /// Any one of the branches.
  case alternation([LabelRegexNode])
  /// `min` to `max` (nil: unbounded) copies of the node; `counted` for the
  /// brace forms `{m}`, `{m,}`, `{m,n}` (RE2 bounds their nested product at 1000).
  case repetition(LabelRegexNode, min: Int, max: Int?, counted: Bool)
}

/// The flags a label regular expression sets with `(?i)`, `(?s)`, `(?m)`,
/// `(?U)` (RE2's flag groups); they hold until the end of the enclosing group.
struct LabelRegexFlags: Sendable, Hashable {
  /// `i`: letters match either case (Unicode simple case folding).
  var foldCase = false
  /// `s`: `.` matches `\n` too.
  var dotMatchesNewline = false
  /// `m`: `^` and `$` match at line starts and ends too.
  var multiLine = false
  /// `U`: swaps greedy and lazy repetition (no effect on a whole-value match).
  var ungreedy = false
}

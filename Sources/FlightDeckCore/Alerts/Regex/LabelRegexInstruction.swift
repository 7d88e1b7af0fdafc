/// One instruction of a compiled label regular expression: a Thompson NFA
/// (Ken Thompson, "Regular expression search algorithm", CACM 11(6), 1968)
/// in the instruction form of Russ Cox's "Regular Expression Matching: the
/// Virtual Machine Approach" (2009), which RE2 and Go's `regexp` also use.
enum LabelRegexInstruction: Sendable, Hashable {
  /// Consumes exactly this scalar.
  case scalar(Unicode.Scalar)
  /// Consumes a scalar of the case-fold orbit whose smallest member
  /// (``LabelRegexCaseFold/minimum(_:)``) is this one.
  case foldedScalar(Unicode.Scalar)
  /// Consumes any scalar.
  case any
  /// Consumes any scalar but `\n`.
  case anyButNewline
  /// Consumes a scalar of the program's class at this index.
  case characterClass(Int)
  /// Continues only where the assertion holds; consumes nothing.
  case assertion(LabelRegexAssertion)
  /// Continues at both targets.
  case split(Int, Int)
  /// Continues at the target.
  case jump(Int)
  /// Accepts, when the whole text has been consumed.
  case match
}

/// A regular expression of a `=~` / `!~` label matcher, compiled once and
/// matched against whole label values in time linear in the value's length.
///
/// Syntax: RE2's, as Prometheus and Alertmanager use it (see the
/// RulesLanguage article, "Regular expressions"). The match is anchored at
/// both ends as Prometheus anchors it (`^(?:pattern)$`): `v1` does not match
/// `v12`, and `.` does not match `\n` unless `(?s)` is set.
///
/// Matching runs the compiled Thompson NFA as a Pike VM over the value's
/// Unicode scalars: every scalar is read once, and each step visits each
/// instruction at most once, so a match costs at most O(instructions ×
/// scalars) with no backtracking — `(a+)+b` against 5,000 `a`s takes as
/// many steps as `a+b`. Nothing in the matcher recurses. The answer for a
/// long value or a large program is kept in a bounded cache
/// (``LabelRegexMatchCache``), so the same value costs the pass once, not at
/// every evaluation.
///
/// Refused when compiled (``LabelRegexError``): what RE2 refuses —
/// backreferences (`\1`), lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`),
/// stacked or possessive repetition (`a**`, `a++`), counts over 1000 (also
/// nested: `(a{100}){100}`), unknown escapes and flags — plus programs over
/// ``maxInstructions`` instructions and groups nested deeper than
/// ``maxNesting``.
public struct LabelRegex: Sendable, CustomStringConvertible {
  /// Most instructions a compiled program may have (RE2 bounds program size
  /// too; this bound keeps one match under ~10⁴ steps per scalar).
  public static let maxInstructions = 10_000
  /// Deepest nesting of groups `( )` (RE2 refuses nesting deeper than about 1,000).
  public static let maxNesting = 200

  /// The pattern as written (without the implicit anchors).
  public let pattern: String
  let program: [LabelRegexInstruction]
  let classes: [LabelRegexCharacterClass]
  /// Answers by value for matches costing at least ``cachedWork`` (shared by copies).
  let cache = LabelRegexMatchCache()

  /// Instructions × UTF-8 bytes from which a match's answer is cached: below
  /// it the VM answers about as fast as the cache's lock and hash would.
  static let cachedWork = 16_384

  /// Parses and compiles `pattern`.
  /// - Throws: ``LabelRegexError`` for syntax RE2 refuses or a program too large.
  public init(_ pattern: String) throws(LabelRegexError) {
    let tree = try LabelRegexParser.parse(pattern)
    let compiled = try LabelRegexCompiler.compile(tree, pattern: pattern)
    self.pattern = pattern
    self.program = compiled.program
    self.classes = compiled.classes
  }

  /// Number of instructions of the compiled program (the `m` of O(m × n)).
  public var instructionCount: Int { program.count }

  /// The pattern.
  public var description: String { pattern }
}

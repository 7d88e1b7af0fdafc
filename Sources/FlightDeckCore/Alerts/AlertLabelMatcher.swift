/// One label matcher of a selector or a silence: `route="canary"`,
/// `artefact!="x"`, `version=~"v1[0-9]"`.
///
/// Regular expressions use RE2's syntax and are anchored at both ends as in
/// PromQL (`=~"v1"` does not match `v12`); they are compiled once, when the
/// matcher is created or decoded, into a ``LabelRegex`` that matches in time
/// linear in the value's length. A missing label reads as the empty string,
/// as in Prometheus.
///
/// Equality, hashing and the Codable form (`{"name","op","value"}`) see only
/// the three written fields, never the compiled program.
public struct AlertLabelMatcher: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The label name, e.g. `artefact`.
  public var name: String
  /// The comparison.
  public var op: AlertMatchOperator {
    didSet { compile() }
  }
  /// The value or pattern.
  public var value: String {
    didSet { compile() }
  }
  /// The compiled pattern (`=~`, `!~`) or why it was refused; nil for `=`, `!=`.
  private var regex: Result<LabelRegex, LabelRegexError>?

  /// Creates a matcher, compiling `value` for `=~` and `!~` (an invalid
  /// pattern is kept and reported by ``regexError``; such a matcher matches nothing).
  public init(name: String, op: AlertMatchOperator, value: String) {
    self.name = name
    self.op = op
    self.value = value
    compile()
  }

  /// Creates a matcher, refusing a pattern RE2 would refuse.
  /// - Throws: ``LabelRegexError`` when `op` is `=~` or `!~` and `value` is not a valid pattern.
  public static func validated(name: String, op: AlertMatchOperator, value: String) throws(LabelRegexError)
    -> AlertLabelMatcher
  {
    let m = AlertLabelMatcher(name: name, op: op, value: value)
    if let error = m.regexError { throw error }
    return m
  }

  private mutating func compile() {
    switch op {
    case .equal, .notEqual: regex = nil
    case .regex, .notRegex:
      do throws(LabelRegexError) {
        regex = .success(try LabelRegex(value))
      } catch {
        regex = .failure(error)
      }
    }
  }

  /// Why `value` is not a valid pattern (nil for `=`, `!=` and valid patterns).
  public var regexError: LabelRegexError? {
    if case .failure(let error) = regex { return error }
    return nil
  }

  /// Whether `value` is a valid regular expression (always `true` for = and !=).
  public var isValid: Bool { regexError == nil }

  /// Whether `labels` satisfies the matcher (a missing label is `""`); a
  /// matcher with an invalid pattern matches nothing, for `=~` and `!~` alike.
  public func matches(_ labels: [String: String]) -> Bool {
    matches(value: labels[name] ?? "")
  }

  /// Whether a label whose value is `actual` (`""` when missing) satisfies the matcher.
  public func matches(value actual: String) -> Bool {
    switch op {
    case .equal: return actual == value
    case .notEqual: return actual != value
    case .regex, .notRegex:
      guard case .success(let re) = regex else { return false }
      return re.matches(actual) == (op == .regex)
    }
  }

  /// `name="value"` with `"` and `\` escaped.
  public var description: String { "\(name)\(op.rawValue)\(AlertLabelMatcher.quote(value))" }

  /// `text` as a double-quoted string literal of the rules language.
  public static func quote(_ text: String) -> String {
    var out = "\""
    for c in text {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.append(c)
      }
    }
    return out + "\""
  }
}

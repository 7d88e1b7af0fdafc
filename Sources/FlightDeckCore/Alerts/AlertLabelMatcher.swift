import Foundation

/// One label matcher of a selector or a silence: `route="canary"`,
/// `artefact!="x"`, `version=~"v1[0-9]"`.
///
/// Regular expressions are anchored at both ends as in PromQL (`=~"v1"` does
/// not match `v12`) and use `NSRegularExpression` (ICU) syntax. A missing
/// label reads as the empty string, as in Prometheus.
public struct AlertLabelMatcher: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The label name, e.g. `artefact`.
  public var name: String
  /// The comparison.
  public var op: AlertMatchOperator
  /// The value or pattern.
  public var value: String

  /// Creates a matcher.
  public init(name: String, op: AlertMatchOperator, value: String) {
    self.name = name
    self.op = op
    self.value = value
  }

  /// Whether `value` is a valid regular expression (always `true` for = and !=).
  public var isValid: Bool {
    switch op {
    case .equal, .notEqual: true
    case .regex, .notRegex: (try? NSRegularExpression(pattern: "^(?:\(value))$")) != nil
    }
  }

  /// Whether `labels` satisfies the matcher (a missing label is `""`).
  public func matches(_ labels: [String: String]) -> Bool {
    let actual = labels[name] ?? ""
    switch op {
    case .equal: return actual == value
    case .notEqual: return actual != value
    case .regex, .notRegex:
      guard let re = try? NSRegularExpression(pattern: "^(?:\(value))$") else { return false }
      let range = NSRange(actual.startIndex..<actual.endIndex, in: actual)
      let hit = re.firstMatch(in: actual, range: range) != nil
      return op == .regex ? hit : !hit
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

/// The recursive-descent parser of the rules language.
///
/// ```ebnf
/// expr      = and_expr , { "or" , and_expr } ;
/// and_expr  = primary , { "and" , primary } ;
/// primary   = "(" , expr , ")" | condition ;
/// condition = metric , [ selector ] , [ window ] , comparison , number ;
/// selector  = "{" , [ matcher , { "," , matcher } , [ "," ] ] , "}" ;
/// matcher   = label , ( "=" | "!=" | "=~" | "!~" ) , string ;
/// window    = "[" , duration , "]" ;
/// comparison = ">" | ">=" | "<" | "<=" | "==" | "!=" ;
/// ```
///
/// Besides syntax it checks meaning: known metrics, labels the metric
/// allows, valid regular expressions and durations, windows within
/// ``AlertRulesLoader/Bounds/windowMs`` (1 s to 31 days), a `slo="name"` on
/// SLO metrics, no window on `error_budget_remaining`.
///
/// Hostile input is bounded: parentheses nest at most
/// ``maximumParenthesisDepth`` deep and an expression has at most
/// ``maximumConditions`` conditions. A chain of `and` (or `or`) terms is
/// built as a balanced tree, so the tree's depth grows with the logarithm of
/// the chain's length and the recursive printer and evaluator stay shallow.
public struct AlertExpressionParser {
  /// The deepest nesting of parentheses accepted.
  public static let maximumParenthesisDepth = 128
  /// The most conditions one expression may hold.
  public static let maximumConditions = 1_000

  private let source: String
  private var tokens: [AlertToken] = []
  private var position = 0
  private var depth = 0
  private var conditionCount = 0

  private init(source: String) { self.source = source }

  /// Parses `source` into an expression tree.
  /// - Throws: ``AlertExpressionError`` with the line and column within
  ///   `source` and "expected X, found Y".
  public static func parse(_ source: String) throws -> AlertExpression {
    var p = AlertExpressionParser(source: source)
    p.tokens = try AlertExpressionLexer(source).tokens()
    let e = try p.expression()
    guard case .end = p.current.kind else {
      throw p.error("expected 'and', 'or' or end of expression, found \(p.current.shown)")
    }
    return e
  }

  private var current: AlertToken { tokens[min(position, tokens.count - 1)] }

  private func error(_ message: String, at token: AlertToken? = nil) -> AlertExpressionError {
    AlertExpressionError(offset: (token ?? current).offset, in: source, message: message)
  }

  private func isKeyword(_ word: String) -> Bool {
    if case .identifier(let w) = current.kind, w == word { return true }
    return false
  }

  private func isSymbol(_ s: String) -> Bool {
    if case .symbol(let t) = current.kind, t == s { return true }
    return false
  }

  private mutating func expect(_ s: String, _ what: String) throws {
    guard isSymbol(s) else { throw error("expected \(what), found \(current.shown)") }
    position += 1
  }

  private mutating func expression() throws -> AlertExpression {
    var terms = [try andExpression()]
    while isKeyword("or") {
      position += 1
      terms.append(try andExpression())
    }
    return Self.balanced(terms[...], or: true)
  }

  private mutating func andExpression() throws -> AlertExpression {
    var terms = [try primary()]
    while isKeyword("and") {
      position += 1
      terms.append(try primary())
    }
    return Self.balanced(terms[...], or: false)
  }

  /// `terms` joined by one operator into a tree of depth ⌈log₂ n⌉, in the
  /// order written (`and` and `or` are associative in the three-valued
  /// logic of holds / fails / no data); two or three terms group to the
  /// left, as they always did.
  private static func balanced(_ terms: ArraySlice<AlertExpression>, or: Bool) -> AlertExpression {
    if terms.count == 1 { return terms[terms.startIndex] }
    let middle = terms.startIndex + (terms.count + 1) / 2
    let left = balanced(terms[..<middle], or: or)
    let right = balanced(terms[middle...], or: or)
    return or ? .or(left, right) : .and(left, right)
  }

  private mutating func primary() throws -> AlertExpression {
    if isSymbol("(") {
      guard depth < Self.maximumParenthesisDepth else {
        throw error("parentheses nested deeper than \(Self.maximumParenthesisDepth) levels")
      }
      depth += 1
      position += 1
      let e = try expression()
      try expect(")", "')'")
      depth -= 1
      return e
    }
    guard conditionCount < Self.maximumConditions else {
      throw error("more than \(Self.maximumConditions) conditions in one expression")
    }
    conditionCount += 1
    return .condition(try condition())
  }

  private mutating func condition() throws -> AlertCondition {
    let nameToken = current
    guard case .identifier(let name) = nameToken.kind, name != "and", name != "or" else {
      throw error("expected a metric name or '(', found \(current.shown)")
    }
    guard let metric = AlertMetric(rawValue: name) else {
      throw error(
        "expected a metric (\(AlertMetric.allCases.map(\.rawValue).joined(separator: ", "))), found '\(name)'"
      )
    }
    position += 1
    var matchers: [AlertLabelMatcher] = []
    if isSymbol("{") {
      position += 1
      while !isSymbol("}") {
        matchers.append(try matcher(for: metric))
        if isSymbol(",") {
          position += 1
        } else if !isSymbol("}") {
          throw error("expected ',' or '}', found \(current.shown)")
        }
      }
      position += 1
    }
    var window = AlertCondition.defaultWindowMs
    var written = false
    if isSymbol("[") {
      let open = current
      position += 1
      guard case .identifier(let text) = current.kind,
        AlertDuration.milliseconds(text) != nil || AlertRulesLoader.Bounds.isTooLong(text)
      else {
        throw error("expected a duration such as 5m, 1h or 1h30m, found \(current.shown)")
      }
      if metric == .errorBudgetRemaining {
        throw error(
          "error_budget_remaining is measured over its SLO's period; remove the [window]", at: open)
      }
      let bounds = AlertRulesLoader.Bounds.windowMs
      guard let ms = AlertDuration.milliseconds(text), bounds.contains(ms) else {
        throw error(
          "a window must be \(AlertRulesLoader.Bounds.between(bounds)), found \(current.shown)")
      }
      position += 1
      try expect("]", "']'")
      window = ms
      written = true
    }
    if metric.isSLOMetric && !matchers.contains(where: { $0.name == "slo" && $0.op == .equal }) {
      throw error(
        "\(metric.rawValue) needs a selector naming its SLO, e.g. {slo=\"availability\"}", at: nameToken)
    }
    guard case .symbol(let op) = current.kind, let comparison = AlertComparison(rawValue: op) else {
      throw error("expected a comparison (>, >=, <, <=, ==, !=), found \(current.shown)")
    }
    position += 1
    guard case .number(let threshold) = current.kind else {
      throw error("expected a number, found \(current.shown)")
    }
    position += 1
    return AlertCondition(
      metric: metric, matchers: matchers, windowMs: window, windowWritten: written, comparison: comparison,
      threshold: threshold)
  }

  private mutating func matcher(for metric: AlertMetric) throws -> AlertLabelMatcher {
    let labelToken = current
    guard case .identifier(let label) = labelToken.kind else {
      throw error("expected a label name, found \(current.shown)")
    }
    guard metric.allowedLabels.contains(label) else {
      let allowed = metric.allowedLabels.sorted()
      throw error(
        "expected a label of \(metric.rawValue) ("
          + (allowed.isEmpty ? "it has none" : allowed.joined(separator: ", ")) + "), found '\(label)'")
    }
    position += 1
    guard case .symbol(let opText) = current.kind, let op = AlertMatchOperator(rawValue: opText) else {
      throw error("expected a matcher operator (=, !=, =~, !~), found \(current.shown)")
    }
    position += 1
    let valueToken = current
    guard case .string(let value) = valueToken.kind else {
      throw error("expected a double-quoted string, found \(current.shown)")
    }
    position += 1
    let m = AlertLabelMatcher(name: label, op: op, value: value)
    if let reason = m.regexError {
      throw error("expected a valid regular expression, found \(valueToken.text): \(reason)", at: valueToken)
    }
    if label == "route" && (op == .equal || op == .notEqual) && Route(rawValue: value) == nil {
      throw error("expected a route (stable, canary, shadow), found \(valueToken.text)", at: valueToken)
    }
    return m
  }
}

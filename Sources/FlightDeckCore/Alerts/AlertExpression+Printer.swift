extension AlertExpression: CustomStringConvertible {
  /// The expression in the rules language, normalised: one space around
  /// operators, matchers as written, `and` inside `or` without parentheses
  /// and `or` inside `and` in parentheses. Parsing the text gives back an
  /// equal tree (windows left out stay left out).
  public var description: String { text(parentIsAnd: false) }

  private func text(parentIsAnd: Bool) -> String {
    switch self {
    case .condition(let c): return c.description
    case .and(let l, let r): return "\(l.text(parentIsAnd: true)) and \(r.text(parentIsAnd: true))"
    case .or(let l, let r):
      let inner = "\(l.text(parentIsAnd: false)) or \(r.text(parentIsAnd: false))"
      return parentIsAnd ? "(\(inner))" : inner
    }
  }
}

extension AlertCondition: CustomStringConvertible {
  /// `metric{a="b"}[5m] > 0.02` (the window only when written; the number in
  /// its shortest exact form).
  public var description: String {
    var out = metric.rawValue
    if !matchers.isEmpty { out += "{" + matchers.map(\.description).joined(separator: ",") + "}" }
    if windowWritten { out += "[\(AlertDuration.format(windowMs))]" }
    let number =
      threshold == threshold.rounded() && abs(threshold) < 1e15 ? String(Int64(threshold)) : "\(threshold)"
    return out + " \(comparison.rawValue) \(number)"
  }
}

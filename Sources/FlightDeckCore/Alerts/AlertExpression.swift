/// The syntax tree of a rule's `expr`: conditions joined by `and` / `or`
/// (`and` binds tighter; parentheses group).
public indirect enum AlertExpression: Sendable, Hashable, Codable {
  /// One comparison.
  case condition(AlertCondition)
  /// Both sides hold.
  case and(AlertExpression, AlertExpression)
  /// Either side holds.
  case or(AlertExpression, AlertExpression)

  /// Every condition, left to right.
  public var conditions: [AlertCondition] {
    switch self {
    case .condition(let c): [c]
    case .and(let l, let r), .or(let l, let r): l.conditions + r.conditions
    }
  }

  /// The longest window of any condition, ms (error budget conditions count
  /// as 0 here; their period is the SLO's).
  public var longestWindowMs: Int64 { conditions.map(\.windowMs).max() ?? 0 }
}

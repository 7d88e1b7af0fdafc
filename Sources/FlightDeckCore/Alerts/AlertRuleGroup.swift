/// A named group of rules (`groups[]` of a rules file).
public struct AlertRuleGroup: Sendable, Hashable, Codable {
  /// The group's name.
  public var name: String
  /// The group's evaluation interval in ms (`interval:`), `nil` for the
  /// engine's `[alerts] evaluation_interval`.
  public var intervalMs: Int64?
  /// The rules, in file order.
  public var rules: [AlertRule]

  /// Creates a group.
  public init(name: String, intervalMs: Int64? = nil, rules: [AlertRule]) {
    self.name = name
    self.intervalMs = intervalMs
    self.rules = rules
  }
}

/// One alerting rule: Prometheus' `alert` rule shape over the FlightDeck
/// rules language.
public struct AlertRule: Sendable, Hashable, Codable {
  /// The alert name (`alert:`), e.g. `CanaryHighErrorRate`.
  public var name: String
  /// The group the rule came from.
  public var group: String
  /// The parsed condition.
  public var expression: AlertExpression
  /// How long the condition must hold before firing, ms (`for:`, default 0).
  public var forMs: Int64
  /// How long an alert keeps firing after the condition stops holding, ms
  /// (`keep_firing_for:`, default 0): rides out a flap.
  public var keepFiringForMs: Int64
  /// Labels added to every instance (`severity` among them).
  public var labels: [String: String]
  /// `summary`, `description`, `runbook_url` (and any other annotation).
  public var annotations: [String: String]
  /// What an evaluation without data does (`nodata:`, default
  /// ``AlertNoDataPolicy/resolve``, Prometheus' behaviour).
  public var noData: AlertNoDataPolicy

  /// Creates a rule.
  public init(
    name: String, group: String = "default", expression: AlertExpression, forMs: Int64 = 0,
    keepFiringForMs: Int64 = 0, labels: [String: String] = [:], annotations: [String: String] = [:],
    noData: AlertNoDataPolicy = .resolve
  ) {
    self.name = name
    self.group = group
    self.expression = expression
    self.forMs = forMs
    self.keepFiringForMs = keepFiringForMs
    self.labels = labels
    self.annotations = annotations
    self.noData = noData
  }

  /// The `severity` label (`page`, `ticket`, …), if any.
  public var severity: String? { labels["severity"] }
}

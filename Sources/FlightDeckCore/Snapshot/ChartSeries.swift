/// One line of a chart.
public struct ChartSeries: Sendable, Hashable {
  /// Legend label, e.g. `v13 canary` (untrusted text).
  public var label: String
  /// Traffic leg, for the series colour.
  public var route: Route
  /// One value per sample; `nil` where the bucket had no data.
  public var values: [Double?]

  /// Creates a series.
  public init(label: String, route: Route, values: [Double?]) {
    self.label = label
    self.route = route
    self.values = values
  }
}

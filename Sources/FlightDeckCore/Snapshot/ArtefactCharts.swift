/// The chart data of one artefact: one series per (version, route).
public struct ArtefactCharts: Sendable, Hashable {
  /// Time of the first sample (start of its bucket).
  public var start: Timestamp
  /// Distance between samples, in milliseconds (the metrics bucket width).
  public var stepMs: Int64
  /// p95 latency in ms per sample, one series per (version, route).
  public var p95LatencyMs: [ChartSeries]
  /// Cost rate in USD per minute per sample, one series per (version, route).
  public var costPerMinuteUSD: [ChartSeries]

  /// Creates chart data.
  public init(
    start: Timestamp, stepMs: Int64, p95LatencyMs: [ChartSeries], costPerMinuteUSD: [ChartSeries]
  ) {
    self.start = start
    self.stepMs = stepMs
    self.p95LatencyMs = p95LatencyMs
    self.costPerMinuteUSD = costPerMinuteUSD
  }
}

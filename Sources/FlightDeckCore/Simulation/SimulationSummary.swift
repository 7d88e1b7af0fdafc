/// What a `SimulationRunner` run produced.
public struct SimulationSummary: Sendable, Hashable {
  /// Records handed to the sink, shadow copies included.
  public var records: Int = 0
  /// Records per route.
  public var recordsByRoute: [Route: Int] = [:]
  /// Non-empty batches handed to the sink.
  public var batches: Int = 0
  /// Virtual instant up to which (exclusive) records were generated.
  public var virtualEnd: Timestamp

  /// Creates an empty summary positioned at `virtualEnd`.
  public init(virtualEnd: Timestamp) { self.virtualEnd = virtualEnd }
}

/// What an ``AlertDataSource`` answers for one metric over one window.
public enum AlertSample: Sendable, Hashable {
  /// A value in the metric's unit, and the number of samples (requests,
  /// errors) it came from. A window longer than the data held uses what
  /// exists, as Prometheus does; `samples` then shows how little that was.
  case value(Double, samples: Int)
  /// The series had no sample in the window: not 0, its own state.
  case noData

  /// The value, `nil` for no data.
  public var number: Double? {
    if case .value(let v, _) = self { return v }
    return nil
  }

  /// The sample count (0 for no data).
  public var samples: Int {
    if case .value(_, let n) = self { return n }
    return 0
  }
}

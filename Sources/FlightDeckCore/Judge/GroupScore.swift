/// A metric group's Kayenta score: passed / (passed + high + low + nodata-failed) × 100.
public struct GroupScore: Sendable, Hashable, Codable {
  /// Group name.
  public var group: String
  /// Configured weight (1 when not configured).
  public var weight: Double
  /// Metrics classified `pass`.
  public var passed: Int
  /// Metrics classified `high` or `low`.
  public var failed: Int
  /// Metrics classified `nodata`.
  public var nodata: Int
  /// Score 0–100; nil when no metric counts (all nodata and nodata does not count as failure).
  public var score: Double?
}

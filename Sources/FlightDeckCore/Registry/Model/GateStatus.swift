/// The latest evaluation-gate outcome of a version, as the Registry pane and
/// `flightdeck registry show` display it (`gates ✓`, `gates ✗`; a version
/// never checked has no status: `–`).
public struct GateStatus: Sendable, Hashable, Codable {
  /// Whether every gate of the recorded check passed.
  public var passed: Bool
  /// The risk tier whose gates were applied.
  public var tier: RiskTier
  /// Gates that passed.
  public var passCount: Int
  /// Gates checked.
  public var gateCount: Int
  /// When the check ran.
  public var evaluatedAt: Timestamp
  /// Who ran it.
  public var evaluatedBy: String

  /// Creates a status.
  public init(
    passed: Bool, tier: RiskTier, passCount: Int, gateCount: Int, evaluatedAt: Timestamp, evaluatedBy: String
  ) {
    self.passed = passed
    self.tier = tier
    self.passCount = passCount
    self.gateCount = gateCount
    self.evaluatedAt = evaluatedAt
    self.evaluatedBy = evaluatedBy
  }

  /// The status summarising `record`.
  public init(_ record: GateRecord) {
    self.init(
      passed: record.passed, tier: record.report.tier, passCount: record.report.passCount,
      gateCount: record.report.gates.count, evaluatedAt: record.evaluatedAt, evaluatedBy: record.evaluatedBy)
  }

  /// `passed 4/4` or `failed 2/4`.
  public var text: String { "\(passed ? "passed" : "failed") \(passCount)/\(gateCount)" }
}

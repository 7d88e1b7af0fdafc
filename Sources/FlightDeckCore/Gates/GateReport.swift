/// The outcome of a gate check: one ``GateResult`` per required gate of the
/// tier, in the policy's order, and the inputs it was judged on.
public struct GateReport: Sendable, Hashable, Codable {
  /// The risk tier whose gates were applied.
  public var tier: RiskTier
  /// One result per required gate.
  public var gates: [GateResult]
  /// The inputs read, in the order given.
  public var inputs: [GateInputDigest]
  /// The inputs' warnings (see ``GateInput/warnings``).
  public var warnings: [String]

  /// Creates a report.
  public init(tier: RiskTier, gates: [GateResult], inputs: [GateInputDigest], warnings: [String] = []) {
    self.tier = tier
    self.gates = gates
    self.inputs = inputs
    self.warnings = warnings
  }

  /// Whether every required gate passed (vacuously true for a tier without
  /// gates).
  public var passed: Bool { gates.allSatisfy(\.passed) }
  /// Gates that passed.
  public var passCount: Int { gates.filter { $0.outcome == .pass }.count }
  /// Gates that failed on a value.
  public var failCount: Int { gates.filter { $0.outcome == .fail }.count }
  /// Gates with no input.
  public var missingCount: Int { gates.filter { $0.outcome == .missing }.count }
  /// The exit code for CI (0 or 1; 2 is for unusable input, which has no report).
  public var exitCode: GateExitCode { GateExitCode(self) }
}

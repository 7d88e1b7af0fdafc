/// A service level objective on one artefact (`[[slo]]` in the configuration).
///
/// The objective is a percentage (`99.5` = 99.5 % good events), as in
/// Sloth's specs; the error budget is `(100 − objective) ÷ 100`, computed in
/// that order so the figures equal Sloth's generated rules to the last bit
/// (for 99.9: 0.0009999999999999432). User-facing traffic only: stable and
/// canary requests count, shadow (mirrored) requests do not.
public struct SLODefinition: Sendable, Hashable, Codable {
  /// The SLO's name, unique in the configuration (the `slo` label).
  public var name: String
  /// The artefact it covers.
  public var artefact: String
  /// Availability or latency.
  public var kind: SLOKind
  /// The objective in percent, 0 < objective < 100 (e.g. 99.5).
  public var objectivePercent: Double
  /// The compliance period, ms (default 30 days).
  public var periodMs: Int64
  /// The latency threshold in ms (latency SLOs only): slower requests are
  /// bad, `latency ≤ threshold` is good.
  public var thresholdMs: Double?
  /// The burn-rate table of the default alerts (`burn_rate_windows`,
  /// default ``SLOAlertWindows/workbook``).
  public var alertWindows: SLOAlertWindows

  /// Creates an SLO.
  public init(
    name: String, artefact: String, kind: SLOKind, objectivePercent: Double,
    periodMs: Int64 = 30 * 86_400_000,
    thresholdMs: Double? = nil, alertWindows: SLOAlertWindows = .workbook
  ) {
    self.alertWindows = alertWindows
    self.name = name
    self.artefact = artefact
    self.kind = kind
    self.objectivePercent = objectivePercent
    self.periodMs = periodMs
    self.thresholdMs = thresholdMs
  }

  /// The error budget as a fraction: `(100 − objectivePercent) ÷ 100`.
  public var errorBudget: Double { (100 - objectivePercent) / 100 }
}

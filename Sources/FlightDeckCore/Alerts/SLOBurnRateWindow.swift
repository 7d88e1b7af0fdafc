/// One row of the SRE Workbook's multi-window, multi-burn-rate alert table
/// (Beyer et al., *The Site Reliability Workbook*, O'Reilly 2018, ch. 5
/// "Alerting on SLOs", table 5-8): alert when the burn rate over both the
/// long and the short window exceeds `factor`.
public struct SLOBurnRateWindow: Sendable, Hashable, Codable {
  /// `page` or `ticket`.
  public var severity: String
  /// The burn-rate factor, e.g. 14.4 (2 % of a 30-day budget in 1 h).
  public var factor: Double
  /// The long window, ms.
  public var longWindowMs: Int64
  /// The short window, ms (1/12 of the long one).
  public var shortWindowMs: Int64

  /// Creates a row.
  public init(severity: String, factor: Double, longWindowMs: Int64, shortWindowMs: Int64) {
    self.severity = severity
    self.factor = factor
    self.longWindowMs = longWindowMs
    self.shortWindowMs = shortWindowMs
  }

  /// The Workbook's table: page 14.4× over 1 h and 5 m, page 6× over 6 h
  /// and 30 m, ticket 1× over 3 d and 6 h.
  public static let workbook: [SLOBurnRateWindow] = [
    SLOBurnRateWindow(severity: "page", factor: 14.4, longWindowMs: 3_600_000, shortWindowMs: 300_000),
    SLOBurnRateWindow(severity: "page", factor: 6, longWindowMs: 21_600_000, shortWindowMs: 1_800_000),
    SLOBurnRateWindow(severity: "ticket", factor: 1, longWindowMs: 259_200_000, shortWindowMs: 21_600_000),
  ]

  /// Sloth's table (`slok/sloth`, its generated `slos-alert` rules, e.g.
  /// `examples/_gen/getting-started.yml`): the Workbook's rows plus a
  /// ticket at 3× over 1 d and 2 h, in Sloth's order (page rows, then
  /// ticket 3× over 1 d / 2 h, then ticket 1× over 3 d / 6 h).
  public static let sloth: [SLOBurnRateWindow] = [
    workbook[0], workbook[1],
    SLOBurnRateWindow(severity: "ticket", factor: 3, longWindowMs: 86_400_000, shortWindowMs: 7_200_000),
    workbook[2],
  ]

  /// The error-ratio threshold for `slo`: `factor × (100 − objective) ÷ 100`,
  /// the number Sloth writes as `(factor * budget)` in its rules.
  public func errorRatioThreshold(for slo: SLODefinition) -> Double { factor * slo.errorBudget }
}

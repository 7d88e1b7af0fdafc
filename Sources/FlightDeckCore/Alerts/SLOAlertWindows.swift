/// Which multi-window, multi-burn-rate table an SLO's default alerts use
/// (`burn_rate_windows` on `[[slo]]`).
public enum SLOAlertWindows: String, Sendable, Hashable, Codable, CaseIterable {
  /// The SRE Workbook's three rows (``SLOBurnRateWindow/workbook``): page
  /// 14.4× over 1 h / 5 m and 6× over 6 h / 30 m, ticket 1× over 3 d / 6 h.
  case workbook
  /// Sloth's four rows (``SLOBurnRateWindow/sloth``): the Workbook's plus a
  /// ticket at 3× over 1 d / 2 h, which catches a burn that uneven traffic
  /// spreads too thinly over three days for the 1× row.
  case sloth

  /// The rows of the table.
  public var rows: [SLOBurnRateWindow] {
    switch self {
    case .workbook: SLOBurnRateWindow.workbook
    case .sloth: SLOBurnRateWindow.sloth
    }
  }
}

import FlightDeckCore
import FlightDeckTUI
import Testing

/// The Alerts pane's SLO line (``AlertsPane/sloLine(_:)``): the budget in
/// whole percent, rounded half to even as `printf("%.0f")` does.
@Suite struct SLOLineTests {
  static func line(budget: Double?) -> String {
    var s = IncidentFixture.slo
    s.budgetRemaining = budget
    return AlertsPane.sloLine(s)
  }

  @Test func theBudgetIsWholePercentAndNeverMinusZero() {
    #expect(
      Self.line(budget: 0.72)
        == "support-agent availability 99.5 %: budget 72 % left, burn 1h 3.2× 6h 0.8× 3d -")
    // Overspent by 0.3 % of the budget: rounds to 0, written `0 %` (it was `-0 %`).
    #expect(Self.line(budget: -0.003).contains("budget 0 % left"))
    #expect(Self.line(budget: -0.006).contains("budget -1 % left"))
    #expect(Self.line(budget: -0.12).contains("budget -12 % left"))
    // 72.5 % rounds half to even.
    #expect(Self.line(budget: 0.725).contains("budget 72 % left"))
    #expect(Self.line(budget: nil).contains("budget n/a left"))
  }
}

/// A KPI that is a share: `numerator ÷ denominator`. With a zero
/// denominator there is nothing to measure and the value is `nil`, shown
/// as `n/a` (never 0, never NaN).
public struct KPIRatio: Sendable, Hashable, Codable {
  /// What was counted as a success (or an event).
  public var numerator: Int
  /// What it is counted out of.
  public var denominator: Int

  /// Creates a ratio.
  public init(_ numerator: Int, of denominator: Int) {
    self.numerator = numerator
    self.denominator = denominator
  }

  /// `numerator ÷ denominator`, `nil` when the denominator is 0.
  public var value: Double? { denominator > 0 ? Double(numerator) / Double(denominator) : nil }

  /// `25.0 % (1/4)`, or `n/a (0/0)`.
  public var percentText: String {
    guard let value else { return "n/a (\(numerator)/\(denominator))" }
    return KPIText.percent(value) + " (\(numerator)/\(denominator))"
  }
}

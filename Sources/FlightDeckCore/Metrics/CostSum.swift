/// An exact sum of USD amounts, kept in whole picodollars (10⁻¹² USD) in a
/// 128-bit integer, so a total does not depend on the order its amounts
/// were added in: `replay` with one thread or four, the parts of a file
/// merged in any order, and the dashboard summing the same records bucket by
/// bucket all give the same figure, to the last digit.
///
/// A `Double` total rounds after every addition, and the rounding errors
/// differ with the order of the additions (breaker report L2: 2,058 of
/// 2,700 replay rows differed in their last digits between `--threads 1`
/// and `--threads 2`). Here each amount is rounded once, on its own, to the
/// nearest picodollar (ties to even; ``picodollars(_:)``), and the sum of
/// those integers is exact. A picodollar is a millionth of the 6th decimal
/// that `cost_usd` is written with, and finer than a token's price (a price
/// of 0.01 USD per million tokens is 10⁴ picodollars per token), so amounts
/// written with up to 12 decimals are taken exactly.
///
/// ``usd`` is the `Double` nearest to the exact total (correctly rounded),
/// so a sum of amounts written with 6 decimals prints as those decimals
/// (`0.327249`, not `0.32724900000000007`).
///
/// Range: one amount is at most ±(2⁶³ − 1) picodollars (about ±9.2 million
/// USD, above ``TelemetryBounds/maxCostUSD``; larger amounts are clamped to
/// it, NaN counts as 0); the 128-bit total holds ±1.7 × 10²⁶ USD, more than
/// 10¹⁹ amounts of the largest size, so it cannot overflow from telemetry
/// (whose request counts are `Int`s).
public struct CostSum: Sendable, Hashable {
  /// Low 64 bits of the total in picodollars (two's complement with `high`).
  public var low: UInt64 = 0
  /// High 64 bits of the total in picodollars (signed).
  public var high: Int64 = 0

  /// Picodollars per USD.
  public static let picodollarsPerUSD: Double = 1e12

  /// A zero total.
  public init() {}

  /// The total of one amount, `usd` (rounded as by ``picodollars(_:)``).
  public init(usd: Double) { add(usd) }

  /// The total `high × 2⁶⁴ + low` picodollars.
  public init(high: Int64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// `usd` in whole picodollars: `usd × 10¹²` rounded to the nearest
  /// integer, ties to even; clamped to `Int64`'s range (beyond ±9.2 million
  /// USD); 0 for NaN.
  ///
  /// Under 4 096 USD the amount is multiplied by 10¹² (one `Double`
  /// multiplication, rounded to 53 bits, then to the integer); from 4 096 to
  /// 9 million USD the whole dollars and the fraction (exact in a `Double`,
  /// Sterbenz's lemma) are scaled apart, because the product's own rounding
  /// (half a unit at 4·10¹⁵) could move the result by a picodollar (breaker
  /// report 11c, C2: 22.5 % of amounts between 4 096 and 4 503 USD). So an
  /// amount under 8 192 USD written with up to 12 decimals gives exactly its
  /// decimal digits (its `Double` is within 0.45 picodollar of them); above,
  /// the amount's own `Double` has no picodollar digits left to lose.
  /// Checked against Python's `Decimal` on 200 000 random amounts between
  /// 4 096 and 8 192 USD (the plain product was off on 4 408).
  @inlinable
  public static func picodollars(_ usd: Double) -> Int64 {
    if usd.magnitude >= 4_096, usd.magnitude < 9_000_000 {
      let whole = usd.rounded(.towardZero)
      // |fraction × 10¹²| < 10¹² < 2⁵¹: the round trip through 1.5 × 2⁵² rounds it.
      let fraction = ((usd - whole) * picodollarsPerUSD + 0x1.8p52) - 0x1.8p52
      return Int64(whole) * 1_000_000_000_000 + Int64(fraction)
    }
    var scaled = usd * picodollarsPerUSD
    if scaled.magnitude < 0x1p51 {
      // Adding and taking away 1.5 × 2⁵² rounds to an integer, ties to even,
      // in two additions (`rounded` is a call to `rint`).
      scaled = (scaled + 0x1.8p52) - 0x1.8p52
    } else {
      scaled.round(.toNearestOrEven)
    }
    // 2^63 is exactly representable; anything at or above it does not fit.
    if scaled >= 9_223_372_036_854_775_808.0 { return .max }
    if scaled < -9_223_372_036_854_775_808.0 { return .min }
    if scaled.isNaN { return 0 }
    return Int64(scaled)
  }

  /// Adds `usd` (rounded as by ``picodollars(_:)``).
  @inlinable
  public mutating func add(_ usd: Double) { add(picodollars: Self.picodollars(usd)) }

  /// Adds a whole number of picodollars.
  @inlinable
  public mutating func add(picodollars p: Int64) {
    let (sum, carry) = low.addingReportingOverflow(UInt64(bitPattern: p))
    low = sum
    high = high &+ (p < 0 ? -1 : 0) &+ (carry ? 1 : 0)
  }

  /// Adds another total.
  @inlinable
  public mutating func add(_ other: CostSum) {
    let (sum, carry) = low.addingReportingOverflow(other.low)
    low = sum
    high = high &+ other.high &+ (carry ? 1 : 0)
  }

  /// The sum of two totals.
  @inlinable
  public static func + (a: CostSum, b: CostSum) -> CostSum {
    var s = a
    s.add(b)
    return s
  }

  /// Whether the total is zero.
  public var isZero: Bool { low == 0 && high == 0 }

  /// The total in USD: the `Double` nearest to the exact total (ties to
  /// even), as a decimal parse of its digits would give.
  public var usd: Double {
    // Below 2^53 picodollars (about 9 007 USD) both operands are exact and
    // IEEE division rounds the exact quotient once.
    if high == 0 && low < 1 << 53 { return Double(low) / Self.picodollarsPerUSD }
    if high == -1 && low > UInt64.max - (1 << 53) {
      return -(Double(~low &+ 1) / Self.picodollarsPerUSD)
    }
    // Larger totals: the exact decimal digits, parsed with correct rounding.
    return Double(decimalText)!
  }

  /// The exact total in USD as decimal text, with 12 decimals
  /// (`"-12.000000000001"`).
  public var decimalText: String {
    let negative = high < 0
    // The magnitude as an unsigned 128-bit pair.
    var h = UInt64(bitPattern: high)
    var l = low
    if negative {
      l = ~l &+ 1
      h = ~h &+ (l == 0 ? 1 : 0)
    }
    let perUSD: UInt64 = 1_000_000_000_000
    let (qh, rh) = h.quotientAndRemainder(dividingBy: perUSD)
    let (ql, fraction) = perUSD.dividingFullWidth((rh, l))
    let whole = Self.decimal(high: qh, low: ql)
    let digits = String(fraction)
    return (negative ? "-" : "") + whole + "." + String(repeating: "0", count: 12 - digits.count) + digits
  }

  /// Decimal digits of the unsigned 128-bit `high × 2⁶⁴ + low`.
  private static func decimal(high: UInt64, low: UInt64) -> String {
    if high == 0 { return String(low) }
    let base: UInt64 = 10_000_000_000_000_000_000  // 10^19 < 2^64
    let (qh, rh) = high.quotientAndRemainder(dividingBy: base)
    let (ql, r) = base.dividingFullWidth((rh, low))
    let digits = String(r)
    return decimal(high: qh, low: ql) + String(repeating: "0", count: 19 - digits.count) + digits
  }
}

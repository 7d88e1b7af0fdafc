import FlightDeckCore
import Foundation

/// How the verdict drill-down and the rollout line write a judge's numbers,
/// in the metric's unit: rates in percent (`6.1%`), effects on rates in
/// percentage points (`+5.5pp`), latency series (`…_ms`) in ms or s, cost
/// series (`…usd…`) in USD, other series (scores) with 3 significant digits;
/// p-values as `0.041` or `3e-09` below 0.001.
///
/// The unit comes from the metric's ``FlightDeckCore/MetricResult/kind`` and
/// ``FlightDeckCore/MetricResult/series``; verdicts stored before those were
/// recorded fall back to the metric's name (`… rate`, `latency`/`TTFT`, `cost`).
public enum VerdictFormat {
  /// The unit a metric's values are in.
  public enum Unit: Sendable, Hashable {
    /// A fraction shown in percent.
    case rate
    /// Milliseconds.
    case milliseconds
    /// US dollars.
    case usd
    /// A plain number (scores).
    case plain
  }

  /// The unit of `m`'s values.
  public static func unit(_ m: MetricResult) -> Unit {
    if let kind = m.kind, case .rate = kind { return .rate }
    let key = (m.series ?? m.name).lowercased()
    if m.kind == nil && key.hasSuffix(" rate") { return .rate }
    if key.hasSuffix("_ms") || key.contains("latency") || key.contains("ttft") { return .milliseconds }
    if key.contains("usd") || key.contains("cost") { return .usd }
    return .plain
  }

  /// `v` with 3 significant digits, without exponent for everyday magnitudes.
  static func significant(_ v: Double) -> String {
    guard v.isFinite else { return v.isNaN ? "n/a" : (v > 0 ? "+∞" : "−∞") }
    return String(format: "%.3g", v)
  }

  /// A value of `m` in its unit, or `–` when absent.
  public static func value(_ v: Double?, of m: MetricResult) -> String {
    guard let v, v.isFinite else { return "–" }
    switch unit(m) {
    case .rate: return significant(v * 100) + "%"
    case .milliseconds: return PaneFormat.latency(ms: v)
    case .usd: return PaneFormat.cost(v)
    case .plain: return significant(v)
    }
  }

  /// The change of `m`, signed, as `flightdeck rollout status` writes it:
  /// for a continuous metric the relative change of its own statistic
  /// (p50, p95, p99 or mean: (canary − baseline) / |baseline|, e.g. `+9.38%`),
  /// so each quantile shows its own change rather than one Hodges-Lehmann
  /// shift shared by p50, p95 and p99; the rate difference in percentage
  /// points for rates (`+5.5pp`); the plain difference in the metric's unit
  /// when the baseline is 0 (no relative change); `–` when absent.
  public static func effect(_ m: MetricResult) -> String {
    let u = unit(m)
    if u != .rate, let relative = m.relativeEffect, relative.isFinite {
      return (relative < 0 ? "-" : "+") + significant(abs(relative) * 100) + "%"
    }
    guard let d = m.absoluteEffect, d.isFinite else { return "–" }
    let sign = d < 0 ? "-" : "+"
    switch u {
    case .rate: return sign + significant(abs(d) * 100) + "pp"
    case .milliseconds: return sign + PaneFormat.latency(ms: abs(d))
    case .usd: return sign + PaneFormat.costDelta(abs(d))
    case .plain: return sign + significant(abs(d))
    }
  }

  /// A p-value: `0.041`, `3e-09` below 0.001, `—` when there was no test.
  public static func pValue(_ p: Double?) -> String {
    guard let p, p.isFinite else { return "—" }
    if p > 0 && p < 0.001 { return String(format: "%.0e", p) }
    return String(format: "%.2g", p)
  }

  /// Which way is worse: `↑` (higher is worse), `↓` (lower is worse), `↕`
  /// (either way), `?` when not recorded.
  public static func direction(_ d: MetricDirection?) -> String {
    switch d {
    case .higherIsWorse: return "↑"
    case .lowerIsWorse: return "↓"
    case .either: return "↕"
    case nil: return "?"
    }
  }

  /// `error rate 0.6% → 6.1%, p=3e-09`: the gist of one metric.
  public static func brief(_ m: MetricResult) -> String {
    "\(m.name) \(value(m.baselineValue, of: m)) → \(value(m.canaryValue, of: m)), p=\(pValue(m.pValue))"
  }

  /// The metric that explains a failed verdict: the first failing critical
  /// metric, else the first failing one; `nil` when none failed.
  public static func culprit(_ v: CanaryVerdict) -> MetricResult? {
    let failing = v.metrics.filter(\.classification.isFailure)
    return failing.first(where: \.critical) ?? failing.first
  }
}

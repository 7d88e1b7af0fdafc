/// An incident's impact measured from telemetry: requests, errors and cost
/// of the incident's artefacts over the impact window, against a baseline
/// window just before it.
///
/// - Impact window: `[from, to)` = first linked alert's firing start (or the
///   opening, whichever is earlier) → resolution (or, for an incident still
///   open, the newest record in the telemetry: ``endingAtTelemetry()``).
/// - Baseline window: the `baselineMs` before `from`.
/// - Errors: requests with status `error` or `timeout`.
/// - Extra cost (USD) = cost in the window − baseline cost rate (USD/ms) ×
///   window length (ms): the spend above the pre-incident spend rate.
/// - Error budget burned (fraction of the period's budget) = burn rate ×
///   window length ÷ period, with burn rate = error rate ÷ (1 − objective)
///   (Google SRE Workbook, "Alerting on SLOs").
///
/// Costs of records without a cost (no `cost_usd`, no price) are left out of
/// the sums and counted in ``unknownCostRequests``; a figure with nothing to
/// compute it from is `nil` ("n/a"), never 0.
public struct IncidentImpact: Sendable, Hashable {
  /// Start of the impact window (inclusive).
  public var from: Timestamp
  /// End of the impact window (exclusive).
  public var to: Timestamp
  /// Length of the baseline window before `from`, in ms.
  public var baselineMs: Int64
  /// Artefacts counted (empty: every artefact).
  public var artefacts: [String]
  /// Requests in the window.
  public var requests = 0
  /// Error and timeout requests in the window.
  public var errors = 0
  /// Known cost in the window (USD); `nil` when no request had a cost.
  public var costUSD: Double?
  /// Requests in the window without a known cost.
  public var unknownCostRequests = 0
  /// Requests in the baseline window.
  public var baselineRequests = 0
  /// Error and timeout requests in the baseline window.
  public var baselineErrors = 0
  /// Known cost in the baseline window (USD); `nil` when none.
  public var baselineCostUSD: Double?
  /// The exact sums behind ``costUSD`` and ``baselineCostUSD`` (``CostSum``),
  /// so the figures do not depend on the order of the records.
  private var windowCost = CostSum()
  private var baselineCost = CostSum()
  /// The earliest baseline record: telemetry that starts inside the baseline
  /// window only covers from here to `from`.
  public var baselineFirstAt: Timestamp?
  /// The SLO the budget is measured against, if any.
  public var slo: RetroSLO?
  /// The newest record counted in the window (`nil` when none): an incident
  /// still open is measured up to it, not to a `now` the telemetry never
  /// reached (``endingAtTelemetry()``).
  public var newestAt: Timestamp?

  /// An empty measurement of `[from, to)` with a `baselineMs` baseline.
  public init(from: Timestamp, to: Timestamp, baselineMs: Int64, artefacts: [String], slo: RetroSLO?) {
    self.from = from
    self.to = to
    self.baselineMs = max(0, baselineMs)
    self.artefacts = artefacts
    self.slo = slo
  }

  /// The impact window of `incident` at `now`: first alert or opening → resolution or now.
  public static func window(of incident: Incident, now: Timestamp) -> (from: Timestamp, to: Timestamp) {
    (min(incident.firstAlertAt ?? incident.openedAt, incident.openedAt), incident.resolvedAt ?? now)
  }

  /// Counts `record` when it is one of the artefacts' and in the window or the baseline.
  public mutating func add(_ record: TelemetryRecord) {
    guard artefacts.isEmpty || artefacts.contains(record.artefact) else { return }
    let t = record.timestamp
    let bad = record.status != .ok
    if t >= from && t < to {
      requests += 1
      if bad { errors += 1 }
      newestAt = max(newestAt ?? t, t)
      if let c = record.costUSD, c.isFinite {
        windowCost.add(c)
        costUSD = windowCost.usd
      } else {
        unknownCostRequests += 1
      }
    } else if t >= from.adding(milliseconds: -baselineMs) && t < from {
      baselineRequests += 1
      if bad { baselineErrors += 1 }
      baselineFirstAt = min(baselineFirstAt ?? t, t)
      if let c = record.costUSD, c.isFinite {
        baselineCost.add(c)
        baselineCostUSD = baselineCost.usd
      }
    }
  }

  /// This measurement with the window ending just after its newest record
  /// (`newestAt` + 1 ms) when that is before `to`; with no record in the
  /// window, ending at `from` (an empty window: rates and budget "n/a").
  /// For an incident still open, whose window would otherwise run to `now`
  /// — hours or days past the end of the telemetry given — so that the
  /// error budget burned and the extra cost are over the time the data
  /// covers. Counts are unchanged: every counted record lies before the new end.
  public func endingAtTelemetry() -> IncidentImpact {
    var m = self
    m.to = min(to, newestAt.map { $0.adding(milliseconds: 1) } ?? from)
    return m
  }

  /// Window length in ms.
  public var windowMs: Int64 { max(0, to.milliseconds(since: from)) }

  /// Errors ÷ requests in the window; `nil` without requests.
  public var errorRate: Double? { requests > 0 ? Double(errors) / Double(requests) : nil }

  /// The part of the baseline window the telemetry covers, ms: from the
  /// earliest baseline record (or the window's start) to `from`. A spend
  /// rate over the whole `baselineMs` would read low when the telemetry
  /// starts later, and the extra cost high.
  public var coveredBaselineMs: Int64 {
    guard let first = baselineFirstAt else { return 0 }
    return from.milliseconds(since: max(first, from.adding(milliseconds: -baselineMs)))
  }

  /// Errors ÷ requests in the baseline; `nil` without baseline requests.
  public var baselineErrorRate: Double? {
    baselineRequests > 0 ? Double(baselineErrors) / Double(baselineRequests) : nil
  }

  /// Cost above the baseline spend rate (USD); `nil` without a window cost,
  /// a baseline cost or a baseline window.
  public var extraCostUSD: Double? {
    guard let costUSD, let baselineCostUSD, coveredBaselineMs > 0 else { return nil }
    return costUSD - baselineCostUSD / Double(coveredBaselineMs) * Double(windowMs)
  }

  /// The window's burn rate (error rate ÷ (1 − objective)); `nil` without an SLO or requests.
  public var burnRate: Double? {
    guard let slo, let errorRate else { return nil }
    return errorRate / (1 - slo.objective)
  }

  /// Fraction of the period's error budget burned in the window; `nil` without an SLO or requests.
  public var budgetBurned: Double? {
    guard let slo, let burnRate else { return nil }
    return burnRate * Double(windowMs) / Double(slo.periodMs)
  }
}

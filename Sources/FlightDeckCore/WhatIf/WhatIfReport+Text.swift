import Foundation

extension WhatIfReport {
  /// The report as a table for a terminal: one row per figure with its
  /// current and projected value and the sample sizes behind it, then the
  /// warnings.
  ///
  /// - Parameter sanitize: Applied to every untrusted string (artefact and
  ///   version names) before it is printed; the CLI passes the TUI's
  ///   sanitiser, which escapes control characters.
  public func table(sanitize: (String) -> String) -> String {
    func fixed(_ v: Double?, _ digits: Int) -> String {
      guard let v else { return "—" }
      return String(format: "%.\(digits)f", v)
    }
    func percent(_ v: Double?) -> String { v.map { fixed(100 * $0, 2) } ?? "—" }
    func versions(_ v: [String]) -> String { v.isEmpty ? "—" : v.map(sanitize).joined(separator: ", ") }
    var out = ""
    out +=
      "what-if \(sanitize(artefact)): canary weight \(fixed(currentCanaryWeightPercent, 1)) % → "
      + "\(fixed(proposedCanaryWeightPercent, 1)) % (a projection, nothing is changed)\n"
    if let windowStart, let windowEnd {
      out += "window \(windowStart.rfc3339) … \(windowEnd.rfc3339), rates over \(fixed(windowSeconds, 0)) s\n"
    } else {
      out += "rates over \(fixed(windowSeconds, 0)) s\n"
    }
    out +=
      "stable \(versions(stableVersions)) · canary \(versions(canaryVersions)) · "
      + "shadow \(versions(shadowVersions))\n\n"
    var rows: [(String, String, String, String)] = [
      ("figure", "current", "projected", "samples stable / canary"),
      row("requests/s", requestsPerSecond, { fixed($0, 2) }),
      row("p95 latency ms", p95LatencyMs, { fixed($0, 1) }),
      row("error rate %", errorRate, percent),
      row("timeout rate %", timeoutRate, percent),
      row("cost per request USD", costPerRequestUSD, { fixed($0, 6) }),
      row("cost per hour USD", costPerHourUSD, { fixed($0, 2) }),
    ]
    if !shadowVersions.isEmpty {
      rows.append(
        (
          "  of which shadow USD/h", fixed(shadowCostPerHourUSD, 2), fixed(shadowCostPerHourUSD, 2),
          "\(costPerHourUSD.shadowSamples) shadow (unchanged by the split)"
        ))
    }
    let w0 = rows.map(\.0.count).max() ?? 0
    let w1 = rows.map(\.1.count).max() ?? 0
    let w2 = rows.map(\.2.count).max() ?? 0
    for r in rows {
      out += pad(r.0, w0) + "  " + padLeft(r.1, w1) + "  " + padLeft(r.2, w2) + "  " + r.3 + "\n"
    }
    if !warnings.isEmpty {
      out += "\nwarnings:\n"
      for w in warnings { out += "  \(w.description)\n" }
    }
    return out
  }

  private func row(_ name: String, _ f: WhatIfFigure, _ format: (Double?) -> String) -> (
    String, String, String, String
  ) {
    (name, format(f.current), format(f.projected), "\(f.stableSamples) / \(f.canarySamples)")
  }

  private func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
  private func padLeft(_ s: String, _ n: Int) -> String {
    String(repeating: " ", count: max(0, n - s.count)) + s
  }

  /// The report as one JSON object (keys sorted, numbers unrounded, `null`
  /// for figures that cannot be computed). Rates are fractions (0…1), not
  /// percent; weights are percent. Shape:
  /// `{"artefact", "current_canary_weight_percent", "proposed_canary_weight_percent",
  /// "versions": {"stable", "canary", "shadow"}, "window_start", "window_end", "window_seconds",
  /// "figures": {"requests_per_second", "p95_latency_ms", "error_rate", "timeout_rate",
  /// "cost_per_request_usd", "cost_per_hour_usd": {"current", "projected", "stable_samples",
  /// "canary_samples", "shadow_samples"}}, "shadow_cost_per_hour_usd", "minimum_requests",
  /// "warnings": [{"route", "reason", "samples", "limit", "message"}]}`.
  public func json() -> String {
    func number(_ v: Double?) -> Any { v.flatMap { $0.isFinite ? $0 : nil } ?? NSNull() }
    func figure(_ f: WhatIfFigure) -> [String: Any] {
      [
        "current": number(f.current), "projected": number(f.projected), "stable_samples": f.stableSamples,
        "canary_samples": f.canarySamples, "shadow_samples": f.shadowSamples,
      ]
    }
    let object: [String: Any] = [
      "artefact": artefact,
      "current_canary_weight_percent": number(currentCanaryWeightPercent),
      "proposed_canary_weight_percent": number(proposedCanaryWeightPercent),
      "versions": ["stable": stableVersions, "canary": canaryVersions, "shadow": shadowVersions],
      "window_start": windowStart.map { $0.rfc3339 as Any } ?? NSNull(),
      "window_end": windowEnd.map { $0.rfc3339 as Any } ?? NSNull(),
      "window_seconds": number(windowSeconds),
      "figures": [
        "requests_per_second": figure(requestsPerSecond), "p95_latency_ms": figure(p95LatencyMs),
        "error_rate": figure(errorRate), "timeout_rate": figure(timeoutRate),
        "cost_per_request_usd": figure(costPerRequestUSD), "cost_per_hour_usd": figure(costPerHourUSD),
      ],
      "shadow_cost_per_hour_usd": number(shadowCostPerHourUSD),
      "minimum_requests": minimumRequests,
      "warnings": warnings.map { w -> [String: Any] in
        [
          "route": w.route.rawValue, "reason": w.reason.rawValue, "samples": w.samples, "limit": w.limit,
          "message": w.description,
        ]
      },
    ]
    guard
      let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]),
      let text = String(data: data, encoding: .utf8)
    else { return "{}\n" }
    return JSONText.terminalSafe(text) + "\n"
  }
}

/// Judges gate inputs against a policy: the pure core of
/// `flightdeck gate check ARTEFACT VERSION --results FILE…`.
public enum GateCheck {
  /// Evaluates `tier`'s required gates of `policy` on `results`.
  ///
  /// Per requirement: every input that gives the metric is compared (so
  /// every piece of evidence must pass); the reported value is the worst of
  /// them (lowest for `>=`/`>`, highest for `<=`/`<`) with its file. A
  /// metric no input gives is `missing` with the reason `no input provided
  /// <metric>`, and fails the check. The report passes only if every gate
  /// passes.
  public static func evaluate(policy: GatePolicy, tier: RiskTier, results: [GateInput]) -> GateReport {
    var gates: [GateResult] = []
    for r in policy.requirements(for: tier) {
      var worst: (value: Double, file: String)?
      var sources: [String] = []
      for input in results {
        guard let v = input.metrics[r.metric] else { continue }
        sources.append(input.file)
        if let w = worst {
          // NaN never reaches here (readers refuse non-finite values), but a
          // NaN is worse than anything, so it would be reported and fail.
          if v.isNaN || r.comparison.isWorse(v, than: w.value) { worst = (v, input.file) }
        } else {
          worst = (v, input.file)
        }
      }
      guard let w = worst else {
        gates.append(
          GateResult(
            requirement: r, value: nil, outcome: .missing, source: nil, sources: [],
            reason: "no input provided \(r.metric)"))
        continue
      }
      let ok = r.comparison.holds(w.value, r.threshold)
      let v = GateNumber.text(w.value)
      let t = GateNumber.text(r.threshold)
      let reason =
        ok
        ? "\(r.metric) \(v) \(r.comparison.rawValue) \(t) (\(w.file))"
        : "\(r.metric) \(v) is \(r.comparison.failureWord) \(t) (\(w.file))"
      gates.append(
        GateResult(
          requirement: r, value: w.value, outcome: ok ? .pass : .fail, source: w.file, sources: sources,
          reason: reason))
    }
    return GateReport(
      tier: tier, gates: gates,
      inputs: results.map { GateInputDigest(file: $0.file, format: $0.format, sha256: $0.sha256) },
      warnings: results.flatMap(\.warnings))
  }
}

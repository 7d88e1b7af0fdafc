import FlightDeckCore
import FuzzSupport

/// Fuzzes the configuration reader (`--config`, a workspace's
/// `flightdeck.toml`): ``FlightDeckConfiguration/parse(_:file:)``. A refusal
/// is fine when it is a ``ConfigurationError`` naming this file and a line
/// ≥ 1 (or none); a configuration that loads has every number within
/// ``FlightDeckConfiguration/Bounds``.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let text = FuzzInput.text(bytes, size) else { return 0 }
  let file = "flightdeck.toml"
  do {
    let c = try FlightDeckConfiguration.parse(text, file: file)
    typealias B = FlightDeckConfiguration.Bounds
    let o = c.engineOptions
    let d = EngineOptions()
    func check<T: Comparable>(_ name: String, _ value: T, _ fallback: T, _ range: ClosedRange<T>) {
      fuzzCheck(value == fallback || range.contains(value), "\(name) = \(value) outside \(range)")
    }
    check("window", o.windowMs, d.windowMs, B.windowMs)
    check("since", o.sinceMs, d.sinceMs, B.sinceMs)
    check("poll_interval", Int64(o.pollIntervalMs), Int64(d.pollIntervalMs), B.pollIntervalMs)
    check("max_line_bytes", o.maxLineBytes, d.maxLineBytes, B.maxLineBytes)
    check("metrics.bucket", o.metrics.bucketWidthMs, d.metrics.bucketWidthMs, B.bucketMs)
    check("metrics.retention", o.metrics.retentionMs, d.metrics.retentionMs, B.retentionMs)
    fuzzCheck(o.metrics.retentionMs >= o.metrics.bucketWidthMs, "retention below one bucket")
    check(
      "alerts.evaluation_interval", c.alerts.evaluationIntervalMs, AlertConfiguration().evaluationIntervalMs,
      B.evaluationIntervalMs)
    for slo in c.alerts.slos {
      check("slo.period", slo.periodMs, -1, B.sloPeriodMs)
      if let t = slo.thresholdMs { check("slo.threshold_ms", t, -1, B.sloThresholdMs) }
      fuzzCheck(slo.objectivePercent > 0 && slo.objectivePercent < 100, "objective \(slo.objectivePercent)")
    }
    check(
      "policy.request_lifetime", c.riskPolicy.requestLifetimeMs, RiskPolicy.standard.requestLifetimeMs,
      B.requestLifetimeMs)
    for (_, rule) in c.riskPolicy.rules { check("policy.approvals", rule.approvals, -1, B.approvals) }
  } catch let error as ConfigurationError {
    fuzzCheck(error.file == file, "error names file '\(error.file)'")
    fuzzCheckLine(error.line, in: text, error)
  } catch {
    fuzzCheck(false, "unexpected error type \(type(of: error)): \(error)")
  }
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `FuzzConfiguration_main`):
/// libFuzzer's driver, with ``fuzz(_:_:)`` as the function under test.
@_cdecl("FuzzConfiguration_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzDriver.run(argc: argc, argv: argv, fuzz)
}

import Foundation

/// Reads FlightDeck's own gate-results JSON: the format for evaluations that
/// are not Promptfoo runs (an offline accuracy job, a drift monitor, a
/// fairness audit, a guardrail test suite).
///
/// ```json
/// {
///   "format_version": 1,
///   "artefact": "support-bot",
///   "version": "v12",
///   "metrics": {
///     "accuracy": 0.93,
///     "pass_rate": 0.97,
///     "drift_psi": 0.08,
///     "fairness_gap": 0.03,
///     "guardrail_compliance": 0.995
///   },
///   "source": "nightly-eval run 4711",
///   "evaluated_at": "2025-06-01T12:00:00Z"
/// }
/// ```
///
/// - `metrics` (required, non-empty object): metric name → finite number.
///   Names are 1–128 characters without control characters; the names with a
///   defined meaning are in ``GateMetricName`` (rates and scores as
///   fractions 0–1, not percentages: rates outside 0–1 are refused).
/// - `artefact`, `version` (optional strings): when present they must match
///   the artefact and version being checked (``GateInput/checkSubject(artefact:version:)``).
/// - `source` (optional string): where the figures came from.
/// - `evaluated_at` (optional): RFC 3339 date-time.
/// - `format_version` (optional): `1`.
///
/// Any other top-level key is refused, so a misspelt `metric` is not silently
/// ignored.
public enum FlightDeckGateResultsReader {
  /// The top-level keys the format allows.
  public static let allowedKeys: Set<String> = [
    "format_version", "artefact", "version", "metrics", "source", "evaluated_at",
  ]

  /// Metrics that are fractions and must lie in 0…1.
  public static let fractionMetrics: Set<String> = [
    GateMetricName.passRate, GateMetricName.errorRate, GateMetricName.accuracy,
    GateMetricName.fairnessGap, GateMetricName.guardrailCompliance,
  ]

  /// Reads a FlightDeck gate-results file's bytes.
  /// - Parameter file: the name used in errors and reports.
  /// - Throws: ``GateInputError`` when the file is empty, not JSON, not an
  ///   object, has an unknown key, no metrics, a metric that is not a finite
  ///   number (or a rate outside 0–1), or a malformed field.
  public static func read(data: Data, file: String) throws -> GateInput {
    let doc = GateJSONDocument(file: file)
    return try read(root: try doc.parse(data), data: data, doc: doc)
  }

  static func read(root: JSONValue, data: Data, doc: GateJSONDocument) throws -> GateInput {
    guard let o = root.object else {
      throw doc.fail("$", "expected a JSON object (FlightDeck gate results), found \(root.typeName)")
    }
    for k in o.keys.sorted() where !allowedKeys.contains(k) {
      throw doc.fail(k, "unknown key (allowed: \(allowedKeys.sorted().joined(separator: ", ")))")
    }
    if let fv = o["format_version"], fv != .integer(1) {
      throw doc.fail(
        "format_version", "unsupported format version \(GateJSONDocument.describe(fv)) (supported: 1)")
    }
    let metricsObject = try doc.object(o["metrics"], "metrics")
    guard !metricsObject.isEmpty else { throw doc.fail("metrics", "no metrics: expected name → number") }
    var metrics: [String: Double] = [:]
    for name in metricsObject.keys.sorted() {
      let path = "metrics.\(name)"
      guard GateMetricName.isValid(name) else {
        throw doc.fail(path, "metric name must be 1–128 characters without control characters")
      }
      let v = try doc.number(metricsObject[name], path)
      if fractionMetrics.contains(name), !(0...1).contains(v) {
        throw doc.fail(path, "\(name) is a fraction from 0 to 1, found \(GateNumber.text(v))")
      }
      metrics[name] = v
    }
    let artefact = try nonEmpty(o["artefact"], "artefact", doc: doc)
    let version = try nonEmpty(o["version"], "version", doc: doc)
    let source = try nonEmpty(o["source"], "source", doc: doc)
    var evaluatedAt: Timestamp?
    if let text = try doc.optionalString(o["evaluated_at"], "evaluated_at") {
      guard let t = RFC3339Parser.parse(text) else {
        throw doc.fail("evaluated_at", "expected an RFC 3339 date-time such as \"2025-06-01T12:00:00Z\"")
      }
      evaluatedAt = t
    }
    return GateInput(
      file: doc.file, format: .flightdeck, sha256: SourceReference.sha256(of: data).value, metrics: metrics,
      artefact: artefact, version: version, source: source, evaluatedAt: evaluatedAt)
  }

  private static func nonEmpty(_ v: JSONValue?, _ path: String, doc: GateJSONDocument) throws -> String? {
    guard let s = try doc.optionalString(v, path) else { return nil }
    guard !s.isEmpty else { throw doc.fail(path, "expected a non-empty string") }
    return s
  }
}

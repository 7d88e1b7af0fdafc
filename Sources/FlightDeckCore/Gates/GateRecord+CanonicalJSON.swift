import Foundation

extension GateRecord {
  /// The record as canonical JSON (RFC 8785 via ``CanonicalJSON``): sorted
  /// keys, no whitespace, so equal records give equal text and digests.
  ///
  /// ```json
  /// {"artefact":"support-bot","evaluated_at":"2025-06-01T12:00:00.000Z",
  ///  "evaluated_at_ms":1748779200000,"evaluated_by":"ci","format_version":1,
  ///  "gates":[{"comparison":">=","metric":"pass_rate","outcome":"fail",
  ///    "reason":"pass_rate 0.75 is below 0.95 (results.json)","source":"results.json",
  ///    "sources":["results.json"],"threshold":"0.95","value":"0.75"}],
  ///  "inputs":[{"file":"results.json","format":"promptfoo","sha256":"…"}],
  ///  "passed":false,"tier":"high","version":"v12","warnings":[]}
  /// ```
  ///
  /// Numbers (thresholds, values) are strings in Swift's shortest
  /// round-trip form (``GateNumber/canonical(_:)``), because canonical JSON
  /// here has no floating point; a missing value is `null`. `passed` is
  /// derived, written for readers of the raw text.
  public var canonicalJSON: String {
    let gates: [CanonicalJSON.Value] = report.gates.map { g in
      .object([
        "metric": .string(g.requirement.metric),
        "comparison": .string(g.requirement.comparison.rawValue),
        "threshold": .string(GateNumber.canonical(g.requirement.threshold)),
        "value": g.value.map { .string(GateNumber.canonical($0)) } ?? .null,
        "outcome": .string(g.outcome.rawValue),
        "source": .optional(g.source),
        "sources": .array(g.sources.map { .string($0) }),
        "reason": .string(g.reason),
      ])
    }
    let inputs: [CanonicalJSON.Value] = report.inputs.map { i in
      .object(["file": .string(i.file), "format": .string(i.format.rawValue), "sha256": .string(i.sha256)])
    }
    return CanonicalJSON.object([
      "format_version": 1,
      "artefact": .string(artefact),
      "version": .string(version),
      "evaluated_at": .string(evaluatedAt.rfc3339),
      "evaluated_at_ms": .integer(evaluatedAt.millisecondsSinceEpoch),
      "evaluated_by": .string(evaluatedBy),
      "tier": .string(report.tier.rawValue),
      "passed": .bool(passed),
      "gates": .array(gates),
      "inputs": .array(inputs),
      "warnings": .array(report.warnings.map { .string($0) }),
    ])
  }

  /// Reads a record back from its ``canonicalJSON`` (any JSON of that shape).
  /// - Parameter name: names the record in errors (e.g. `gate record of support-bot v12`).
  /// - Throws: ``GateInputError`` naming the JSON path when the text is not
  ///   JSON, a field is missing or of the wrong type, or a number string does
  ///   not parse.
  public init(canonicalJSON text: String, name: String = "gate record") throws {
    let doc = GateJSONDocument(file: name)
    let root = try doc.parse(Data(text.utf8))
    let o = try doc.object(root, "$")
    func string(_ v: JSONValue?, _ path: String) throws -> String {
      guard let s = try doc.optionalString(v, path) else {
        throw doc.fail(path, "missing: expected a string")
      }
      return s
    }
    func double(_ v: JSONValue?, _ path: String) throws -> Double {
      let s = try string(v, path)
      guard let d = Double(s), d.isFinite else { throw doc.fail(path, "expected a number as a string") }
      return d
    }
    func strings(_ v: JSONValue?, _ path: String) throws -> [String] {
      guard let a = v?.array else { throw doc.fail(path, "expected an array of strings") }
      return try a.enumerated().map { try string($1, "\(path)[\($0)]") }
    }
    func items(_ key: String) throws -> [(String, [String: JSONValue])] {
      guard let a = o[key]?.array else { throw doc.fail(key, "expected an array") }
      return try a.enumerated().map { ("\(key)[\($0)]", try doc.object($1, "\(key)[\($0)]")) }
    }
    guard let tier = RiskTier(rawValue: try string(o["tier"], "tier")) else {
      throw doc.fail("tier", "expected low, medium, high or critical")
    }
    guard case .integer(let ms)? = o["evaluated_at_ms"] else {
      throw doc.fail("evaluated_at_ms", "expected an integer (ms since the Unix epoch)")
    }
    var gates: [GateResult] = []
    for (p, g) in try items("gates") {
      let j = { (k: String) in "\(p).\(k)" }
      guard let op = GateComparison(rawValue: try string(g["comparison"], j("comparison"))) else {
        throw doc.fail(j("comparison"), "expected >=, <=, > or <")
      }
      guard let outcome = GateOutcome(rawValue: try string(g["outcome"], j("outcome"))) else {
        throw doc.fail(j("outcome"), "expected pass, fail or missing")
      }
      let value: Double? = g["value"]?.isNull ?? true ? nil : try double(g["value"], j("value"))
      gates.append(
        GateResult(
          requirement: GateRequirement(
            try string(g["metric"], j("metric")), op, try double(g["threshold"], j("threshold"))),
          value: value, outcome: outcome, source: try doc.optionalString(g["source"], j("source")),
          sources: try strings(g["sources"], j("sources")), reason: try string(g["reason"], j("reason"))))
    }
    var inputs: [GateInputDigest] = []
    for (p, i) in try items("inputs") {
      guard let format = GateInputFormat(rawValue: try string(i["format"], "\(p).format")) else {
        throw doc.fail("\(p).format", "expected promptfoo or flightdeck")
      }
      inputs.append(
        GateInputDigest(
          file: try string(i["file"], "\(p).file"), format: format,
          sha256: try string(i["sha256"], "\(p).sha256")))
    }
    self.init(
      artefact: try string(o["artefact"], "artefact"), version: try string(o["version"], "version"),
      evaluatedAt: Timestamp(millisecondsSinceEpoch: ms),
      evaluatedBy: try string(o["evaluated_by"], "evaluated_by"),
      report: GateReport(
        tier: tier, gates: gates, inputs: inputs, warnings: try strings(o["warnings"], "warnings")))
  }
}

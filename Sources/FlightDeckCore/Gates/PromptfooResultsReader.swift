import Foundation

/// Reads the JSON that `promptfoo eval -o results.json` writes.
///
/// Shape (Promptfoo's `EvaluateSummaryV3` / `V2` in `src/types`, checked
/// against the two corpus files, both `results.version` 3 from Promptfoo
/// 0.118 and 0.120): a wrapper `{evalId, results, config, shareableUrl,
/// metadata}` (the database export adds an outer `version` 3 or 4) around
/// `results = {version, timestamp, results[], stats, prompts[]}`; version 2
/// keeps the prompts in `results.table.head.prompts[]`. `results.stats` has
/// `successes`, `failures`, `errors` (no total), `tokenUsage` and sometimes
/// `durationMs`; each prompt has `metrics` with `score` (a sum over test
/// cases), `testPassCount`, `testFailCount`, `testErrorCount`,
/// `assertPassCount`, `assertFailCount`, `namedScores`, `namedScoresCount`,
/// `tokenUsage`, `cost`. A bare summary (the object `evaluate()` returns,
/// with `stats` at the top) is read too.
///
/// The derived metrics are listed on ``PromptfooEvalSummary``.
public enum PromptfooResultsReader {
  /// The `results.version` values this reader understands.
  public static let supportedResultsVersions = [2, 3]

  /// Reads a Promptfoo results file's bytes.
  /// - Parameter file: the name used in errors and reports.
  /// - Throws: ``GateInputError`` when the file is empty, not JSON, of an
  ///   unsupported results version, has no `results.stats`, a field of the
  ///   wrong type, or no test cases at all (a pass rate of 0/0 is never read
  ///   as a pass).
  public static func read(data: Data, file: String) throws -> GateInput {
    let doc = GateJSONDocument(file: file)
    return try read(root: try doc.parse(data), data: data, doc: doc)
  }

  static func read(root: JSONValue, data: Data, doc: GateJSONDocument) throws -> GateInput {
    guard let top = root.object else {
      throw doc.fail("$", "expected a JSON object (Promptfoo results), found \(root.typeName)")
    }
    let summary: [String: JSONValue]
    let base: String
    if top["stats"] != nil, top["results"]?.object == nil {
      summary = top
      base = ""
    } else {
      summary = try doc.object(top["results"], "results")
      base = "results"
    }
    let p = { (key: String) in GateJSONDocument.join(base, key) }
    guard let v = summary["version"] else {
      throw doc.fail(
        p("version"),
        "missing: expected the Promptfoo results format version (supported: 2, 3); is this `promptfoo eval -o results.json` output?"
      )
    }
    guard case .integer(let version) = v, supportedResultsVersions.contains(Int(version)) else {
      throw doc.fail(
        p("version"),
        "unsupported Promptfoo results format \(GateJSONDocument.describe(v)) (supported: 2, 3)")
    }
    let stats = try doc.object(summary["stats"], p("stats"))
    let successes = try doc.count(stats["successes"], p("stats.successes"))
    let failures = try doc.count(stats["failures"], p("stats.failures"))
    let errors = try doc.count(stats["errors"], p("stats.errors"))
    guard successes + failures + errors > 0 else {
      throw doc.fail(
        p("stats"), "no test cases ran (successes + failures + errors = 0); there is nothing to gate on")
    }
    var tokens: PromptfooTokenUsage?
    if let t = stats["tokenUsage"], !t.isNull {
      tokens = try tokenUsage(t, path: p("stats.tokenUsage"), doc: doc)
    }
    let promptsPath = version == 2 ? p("table.head.prompts") : p("prompts")
    var promptValues: [JSONValue] = []
    if version == 2 {
      let table = try doc.object(summary["table"], p("table"))
      let head = try doc.object(table["head"], p("table.head"))
      promptValues = try array(head["prompts"], promptsPath, doc: doc) ?? []
    } else {
      promptValues = try array(summary["prompts"], promptsPath, doc: doc) ?? []
    }
    var prompts: [PromptfooPromptMetrics] = []
    for (i, item) in promptValues.enumerated() {
      if let m = try prompt(item, path: "\(promptsPath)[\(i)]", doc: doc) { prompts.append(m) }
    }
    var warnings: [String] = []
    if !prompts.isEmpty {
      let sums = prompts.reduce((Int64(0), Int64(0), Int64(0))) {
        ($0.0 + $1.testPassCount, $0.1 + $1.testFailCount, $0.2 + $1.testErrorCount)
      }
      if sums != (successes, failures, errors) {
        warnings.append(
          "\(doc.file): \(promptsPath): per-prompt test counts (pass \(sums.0), fail \(sums.1), error \(sums.2)) "
            + "differ from \(p("stats")) (successes \(successes), failures \(failures), errors \(errors)); "
            + "the gates use \(p("stats"))")
      }
    } else {
      warnings.append(
        "\(doc.file): \(promptsPath): no per-prompt metrics; mean_score, named scores and cost are not available"
      )
    }
    var promptfooVersion: String?
    if let meta = top["metadata"]?.object {
      promptfooVersion = try doc.optionalString(meta["promptfooVersion"], "metadata.promptfooVersion")
    }
    let s = PromptfooEvalSummary(
      resultsVersion: Int(version), promptfooVersion: promptfooVersion, successes: successes,
      failures: failures, errors: errors, tokenUsage: tokens, prompts: prompts)
    var evaluatedAt: Timestamp?
    if let ts = summary["timestamp"]?.string { evaluatedAt = RFC3339Parser.parse(ts) }
    let source = "promptfoo" + (promptfooVersion.map { " \($0)" } ?? "")
    return GateInput(
      file: doc.file, format: .promptfoo, sha256: SourceReference.sha256(of: data).value, metrics: s.metrics,
      source: source, evaluatedAt: evaluatedAt, warnings: warnings, promptfoo: s)
  }

  private static func array(_ v: JSONValue?, _ path: String, doc: GateJSONDocument) throws -> [JSONValue]? {
    guard let v, !v.isNull else { return nil }
    guard let a = v.array else { throw doc.fail(path, "expected an array, found \(v.typeName)") }
    return a
  }

  private static func tokenUsage(_ v: JSONValue, path: String, doc: GateJSONDocument) throws
    -> PromptfooTokenUsage
  {
    let o = try doc.object(v, path)
    let j = { (k: String) in GateJSONDocument.join(path, k) }
    return PromptfooTokenUsage(
      prompt: try doc.optionalCount(o["prompt"], j("prompt")) ?? 0,
      completion: try doc.optionalCount(o["completion"], j("completion")) ?? 0,
      cached: try doc.optionalCount(o["cached"], j("cached")) ?? 0,
      total: try doc.optionalCount(o["total"], j("total")) ?? 0)
  }

  /// One prompt's metrics; `nil` when the prompt has no `metrics` object.
  private static func prompt(_ v: JSONValue, path: String, doc: GateJSONDocument) throws
    -> PromptfooPromptMetrics?
  {
    let o = try doc.object(v, path)
    guard let mv = o["metrics"], !mv.isNull else { return nil }
    let mpath = GateJSONDocument.join(path, "metrics")
    let m = try doc.object(mv, mpath)
    let j = { (k: String) in GateJSONDocument.join(mpath, k) }
    let pass = try doc.count(m["testPassCount"], j("testPassCount"))
    let fail = try doc.count(m["testFailCount"], j("testFailCount"))
    let error = try doc.optionalCount(m["testErrorCount"], j("testErrorCount")) ?? 0
    var sums: [String: Double] = [:]
    if let ns = m["namedScores"], !ns.isNull {
      for (k, value) in try doc.object(ns, j("namedScores")) {
        sums[k] = try doc.number(value, j("namedScores.\(k)"))
      }
    }
    var counts: [String: Int64] = [:]
    if let nc = m["namedScoresCount"], !nc.isNull {
      for (k, value) in try doc.object(nc, j("namedScoresCount")) {
        counts[k] = try doc.count(value, j("namedScoresCount.\(k)"))
      }
    }
    for k in sums.keys where counts[k] == nil { counts[k] = pass + fail + error }
    var tokens: PromptfooTokenUsage?
    if let t = m["tokenUsage"], !t.isNull { tokens = try tokenUsage(t, path: j("tokenUsage"), doc: doc) }
    var provider = ""
    if let pv = o["provider"] {
      if let s = pv.string {
        provider = s
      } else if let po = pv.object, let id = po["id"]?.string {
        provider = id
      }
    }
    return PromptfooPromptMetrics(
      label: try doc.optionalString(o["label"], GateJSONDocument.join(path, "label")) ?? "",
      provider: provider,
      scoreSum: try m["score"].map { try doc.number($0, j("score")) } ?? 0,
      testPassCount: pass, testFailCount: fail, testErrorCount: error,
      assertPassCount: try doc.optionalCount(m["assertPassCount"], j("assertPassCount")) ?? 0,
      assertFailCount: try doc.optionalCount(m["assertFailCount"], j("assertFailCount")) ?? 0,
      namedScoreSums: sums, namedScoreCounts: counts, tokenUsage: tokens,
      costUSD: try m["cost"].map { $0.isNull ? 0 : try doc.number($0, j("cost")) } ?? 0)
  }
}

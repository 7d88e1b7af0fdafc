import Foundation

/// Maps Langfuse trace and observation exports to FlightDeck records, one per
/// generation (<https://langfuse.com/docs/observability/data-model>).
///
/// Shapes read: a trace with its observations (`{"trace": {…},
/// "observations": [ … ]}`, as the trace view exports it), the public API's
/// observation list (`{"data": [ … ]}`), an array of observations, and one
/// observation per line. Observations of another type than `GENERATION` or
/// `EMBEDDING` (spans, events, agents, tools) are counted as skipped, like
/// OTLP spans without GenAI attributes, and so is a generation with neither
/// `model` nor `promptName`.
///
/// Per generation:
/// - request_id: `id` (required); session_id: `sessionId`, else the trace's.
/// - artefact / version / kind: `promptName` / `promptVersion` / `prompt`
///   when the generation used a managed prompt; else `model` / the
///   observation's `version`, else the trace's `version`, else `model` /
///   `model`.
/// - ts = `startTime`; latency_ms = `endTime` − `startTime`; ttft_ms =
///   `completionStartTime` − `startTime`. The `latency` field is not read: its
///   unit differs between exports (milliseconds in some, seconds in others).
///   A generation without `endTime` is refused (`endTime: missing …`).
/// - tokens from `usageDetails`, by ``LangfuseUsageDetails`` (input, output,
///   total, cache reads and writes, reasoning; `total` tells whether `input`
///   and `output` count their parts). (The Gemini corpus file: input 6,
///   output 2055, reasoning 1104, total 2061 = 6 + 2055 → the output includes
///   the reasoning.)
/// - cost_usd: `costDetails.total` (USD, as Langfuse priced it), else
///   `calculatedTotalCost`, else `totalCost` when above 0; the ingested cost
///   wins over the price table's, which is kept beside it when it differs
///   (``TelemetryRecord/recomputedCostUSD``). Without one the table prices
///   the generation by `model`.
/// - status: `level` `ERROR` → error, else ok.
public struct LangfuseDecoder: Sendable {
  /// Prices for generations without a cost, and for the recomputed figure.
  public var prices: PriceTable

  /// Creates a decoder.
  public init(prices: PriceTable) { self.prices = prices }

  /// Whether `object` looks like one Langfuse observation: a `traceId`, a
  /// `type` string and a `startTime`.
  public static func recognisesObservation(_ object: [String: Any]) -> Bool {
    object["traceId"] != nil && object["type"] is String && object["startTime"] != nil
  }

  /// Whether `object` looks like a Langfuse trace export: an `observations`
  /// array next to a `trace` object, or a `data` array of observations.
  public static func recognisesExport(_ object: [String: Any]) -> Bool {
    if object["trace"] is [String: Any], object["observations"] is [Any] { return true }
    if let data = object["data"] as? [Any], let first = data.first as? [String: Any] {
      return recognisesObservation(first)
    }
    return false
  }

  /// Decodes an export object (see the type's documentation for the shapes).
  ///
  /// - Parameter linesBeforeCurrent: copied into every error.
  public func decode(document: [String: Any], linesBeforeCurrent: Int = 0) -> TelemetryDecodeResult {
    let trace = document["trace"] as? [String: Any] ?? [:]
    let key = document["observations"] != nil ? "observations" : "data"
    guard let list = document[key] as? [Any] else {
      return .malformed(
        TelemetryDecodeError(field: key, reason: "expected an array", linesBeforeCurrent: linesBeforeCurrent))
    }
    return decode(observations: list, prefix: key, trace: trace, linesBeforeCurrent: linesBeforeCurrent)
  }

  /// Decodes a list of observations; errors are named `prefix[i].field`.
  public func decode(
    observations list: [Any], prefix: String, trace: [String: Any] = [:], linesBeforeCurrent: Int = 0
  ) -> TelemetryDecodeResult {
    var result = TelemetryDecodeResult()
    for (i, item) in list.enumerated() {
      let path = "\(prefix)[\(i)]"
      guard let o = item as? [String: Any] else {
        result.errors.append(
          TelemetryDecodeError(
            field: path, reason: "expected an object", linesBeforeCurrent: linesBeforeCurrent))
        continue
      }
      switch decode(observation: o, path: path + ".", trace: trace) {
      case .success(let r?): result.records.append(r)
      case .success(nil): result.skippedSpans += 1
      case .failure(var e):
        e.linesBeforeCurrent = linesBeforeCurrent
        result.errors.append(e)
      }
    }
    return result
  }

  /// Decodes one observation: the record, `nil` for an observation that is
  /// not a generation (skipped), or the error naming `path` + field.
  public func decode(observation o: [String: Any], path: String = "", trace: [String: Any] = [:])
    -> Result<TelemetryRecord?, TelemetryDecodeError>
  {
    typealias R = TelemetryDecodeError.Reason
    func fail(_ field: String, _ reason: String) -> Result<TelemetryRecord?, TelemetryDecodeError> {
      .failure(TelemetryDecodeError(field: path + field, reason: reason))
    }
    guard let type = o["type"] as? String else { return fail("type", R.expectedString) }
    guard type == "GENERATION" || type == "EMBEDDING" else { return .success(nil) }
    let model = ExportJSON.string(o["model"])
    let promptName = ExportJSON.string(o["promptName"])
    guard let artefact = promptName ?? model else { return .success(nil) }
    guard let id = ExportJSON.string(o["id"]) else {
      return fail("id", ExportJSON.isAbsent(o["id"]) ? R.missing : R.expectedString)
    }
    let version: String
    let kind: ArtefactKind
    if promptName != nil {
      kind = .prompt
      if let n = o["promptVersion"] as? NSNumber, !FlightDeckGeneralDecoder.isBool(n) {
        version = n.stringValue
      } else if let s = ExportJSON.string(o["promptVersion"]) {
        version = s
      } else {
        return fail("promptVersion", R.missing)
      }
    } else {
      kind = .model
      version = ExportJSON.string(o["version"]) ?? ExportJSON.string(trace["version"]) ?? artefact
    }
    let times: [String: Int64]
    switch ExportJSON.callTimes(o) {
    case .failure(let p): return fail(p.key, p.reason)
    case .success(let t): times = t
    }
    guard let start = times["startTime"] else { return fail("startTime", R.missing) }
    guard let end = times["endTime"] else {
      return fail("endTime", "\(R.missing) (an unfinished generation)")
    }
    guard end >= start else { return fail("endTime", "before startTime") }
    let maxMicros = Int64(TelemetryBounds.maxMilliseconds) * 1000
    guard end - start <= maxMicros else { return fail("endTime", TelemetryBounds.spanReason) }
    var ttft: Double?
    if let first = times["completionStartTime"] {
      guard first >= start else { return fail("completionStartTime", "before startTime") }
      guard first <= end else { return fail("completionStartTime", "after endTime") }
      guard first - start <= maxMicros else {
        return fail("completionStartTime", TelemetryBounds.millisecondsReason)
      }
      ttft = Double(first - start) / 1000
    }

    let tokenUsage: TokenUsage
    switch LangfuseUsageDetails.tokens(ExportJSON.object(o["usageDetails"]) ?? [:], name: "usageDetails") {
    case .failure(let p): return fail("usageDetails.\(p.key)", p.reason)
    case .success(let u): tokenUsage = u
    }

    var ingested: Double?
    if let details = ExportJSON.object(o["costDetails"]), details["total"] != nil {
      switch ExportJSON.cost(details["total"]) {
      case .failure(let p): return fail("costDetails.total", p.reason)
      case .success(let v): ingested = v
      }
    }
    if ingested == nil {
      switch ExportJSON.cost(o["calculatedTotalCost"]) {
      case .failure(let p): return fail("calculatedTotalCost", p.reason)
      case .success(let v): ingested = v
      }
    }
    if ingested == nil {
      switch ExportJSON.cost(o["totalCost"]) {
      case .failure(let p): return fail("totalCost", p.reason)
      case .success(let v): if let v, v > 0 { ingested = v }
      }
    }
    let priced = model.flatMap { prices.cost(model: $0, usage: tokenUsage) }
    let cost = ingested ?? priced
    if ingested == nil, let problem = TelemetryBounds.pricedCostProblem(cost) {
      return fail("usageDetails", problem.reason)
    }
    var record = TelemetryRecord(
      timestamp: Timestamp(millisecondsSinceEpoch: floorDiv(start, 1000)), requestID: id, artefact: artefact,
      kind: kind, version: version, route: .stable, latencyMs: Double(end - start) / 1000,
      inputTokens: tokenUsage.inputTokens, outputTokens: tokenUsage.outputTokens, costUSD: cost,
      status: (o["level"] as? String) == "ERROR" ? .error : .ok,
      ttftMs: ttft, sessionID: ExportJSON.string(o["sessionId"]) ?? ExportJSON.string(trace["sessionId"]),
      cacheReadTokens: tokenUsage.cacheReadTokens, cacheWriteTokens: tokenUsage.cacheWriteTokens,
      reasoningTokens: tokenUsage.reasoningTokens)
    if let ingested, let priced, abs(priced - ingested) > 1e-9 * max(abs(priced), abs(ingested)) {
      record.recomputedCostUSD = priced
    }
    return .success(record)
  }
}

import Foundation

/// Maps LiteLLM's log records to FlightDeck records: the
/// `StandardLoggingPayload` its logging callbacks receive
/// (<https://docs.litellm.ai/docs/proxy/logging_spec>) and the rows of its
/// spend log (`LiteLLM_SpendLogs`, as the proxy's spend-log callbacks publish
/// them).
///
/// One record per object:
/// - request_id: `id` (payload) or `request_id` (spend-log row); required.
/// - artefact / version: ``LiteLLMFieldMapping`` (defaults: `model_group`,
///   else `model`; version `model`); kind `model`, route `stable`.
/// - ts = `startTime`; latency_ms = `endTime` − `startTime`; ttft_ms =
///   `completionStartTime` − `startTime` (LiteLLM sets it to the end time
///   for a call that does not stream, so it is left out when `stream` is
///   `false`). Times are epoch seconds or date-time text
///   (``ExportJSON/time(_:)``), worked on in whole microseconds.
/// - tokens: `prompt_tokens` (cached tokens included, as in OpenAI's usage),
///   `completion_tokens`; cache reads from the usage object's
///   `prompt_tokens_details.cached_tokens` (else `cache_read_input_tokens`),
///   cache writes from `cache_creation_input_tokens`, reasoning from
///   `completion_tokens_details.reasoning_tokens`. The usage object is
///   `metadata.usage_object` (text in a spend-log row), else `response.usage`.
///   A part above its total is refused on the part's field.
/// - cost_usd: `response_cost` (payload) or `spend` (row). LiteLLM prices
///   cached tokens at the cache rate already, so the ingested figure wins;
///   the price table's figure for the same tokens is kept beside it in
///   ``TelemetryRecord/recomputedCostUSD`` when the table prices the model
///   and the two differ (beyond 10⁻⁹ relative). Without an ingested cost the
///   table prices the record as it does a FlightDeck line.
/// - cache hits (`cache_hit` true or `"True"`): answered from LiteLLM's
///   response cache, so no provider was paid: the ingested cost (0) is kept and
///   never re-priced from the cached response's tokens.
/// - status: `"success"` → ok, `"failure"` → error (timeout when the error
///   class names a timeout); error_type = `error_information.error_class`
///   (else `error_code`), found on the record or in its `metadata`.
/// - provider: `custom_llm_provider`; session_id: `session_id`, else `trace_id`.
public struct LiteLLMDecoder: Sendable {
  /// Artefact and version fields.
  public var mapping: LiteLLMFieldMapping
  /// Prices for records without a cost, and for the recomputed figure.
  public var prices: PriceTable

  /// Creates a decoder.
  public init(mapping: LiteLLMFieldMapping = .default, prices: PriceTable) {
    self.mapping = mapping
    self.prices = prices
  }

  /// Whether `object` looks like a LiteLLM log record: it has `call_type`
  /// and a cost (`response_cost` or `spend`), or a `model_group` and
  /// `response_cost`.
  public static func recognises(_ object: [String: Any]) -> Bool {
    (object["call_type"] != nil && (object["response_cost"] != nil || object["spend"] != nil))
      || (object["model_group"] != nil && object["response_cost"] != nil)
  }

  /// Decodes one record.
  ///
  /// - Parameters:
  ///   - object: the parsed JSON object.
  ///   - path: prefix for field names in errors (`"[3]."` for an array element, else empty).
  /// - Returns: the record, or the error naming the field (with `path`).
  public func decode(object o: [String: Any], path: String = "") -> Result<
    TelemetryRecord, TelemetryDecodeError
  > {
    typealias R = TelemetryDecodeError.Reason
    func fail(_ field: String, _ reason: String) -> Result<TelemetryRecord, TelemetryDecodeError> {
      .failure(TelemetryDecodeError(field: path + field, reason: reason))
    }
    let idKey = o["id"] == nil && o["request_id"] != nil ? "request_id" : "id"
    guard let requestID = ExportJSON.string(o[idKey]) else {
      return fail(idKey, ExportJSON.isAbsent(o[idKey]) ? R.missing : R.expectedString)
    }
    func firstString(_ paths: [String]) -> String? {
      for p in paths { if let s = ExportJSON.string(ExportJSON.value(o, path: p)) { return s } }
      return nil
    }
    guard let artefact = firstString(mapping.artefactFields) else {
      return fail(mapping.artefactFields.last ?? "model", R.missing)
    }
    let version = firstString(mapping.versionFields) ?? mapping.defaultVersion

    let times: [String: Int64]
    switch ExportJSON.callTimes(o) {
    case .failure(let p): return fail(p.key, p.reason)
    case .success(let t): times = t
    }
    guard let start = times["startTime"] else { return fail("startTime", R.missing) }
    guard let end = times["endTime"] else { return fail("endTime", R.missing) }
    guard end >= start else { return fail("endTime", "before startTime") }
    let maxMicros = Int64(TelemetryBounds.maxMilliseconds) * 1000
    guard end - start <= maxMicros else { return fail("endTime", TelemetryBounds.spanReason) }
    var ttft: Double?
    if let first = times["completionStartTime"], (o["stream"] as? Bool) != false {
      guard first >= start else { return fail("completionStartTime", "before startTime") }
      guard first <= end else { return fail("completionStartTime", "after endTime") }
      guard first - start <= maxMicros else {
        return fail("completionStartTime", TelemetryBounds.millisecondsReason)
      }
      ttft = Double(first - start) / 1000
    }

    var counts: [String: Int] = [:]
    for key in ["prompt_tokens", "completion_tokens"] {
      switch ExportJSON.tokens(o[key]) {
      case .failure(let p): return fail(key, p.reason)
      case .success(let n): counts[key] = n ?? 0
      }
    }
    let input = counts["prompt_tokens"] ?? 0
    let output = counts["completion_tokens"] ?? 0
    let usagePath: String
    let usageObject: [String: Any]
    if let u = ExportJSON.object(ExportJSON.value(o, path: "metadata.usage_object")) {
      (usagePath, usageObject) = ("metadata.usage_object.", u)
    } else if let u = ExportJSON.object(ExportJSON.value(o, path: "response.usage")) {
      (usagePath, usageObject) = ("response.usage.", u)
    } else {
      (usagePath, usageObject) = ("", [:])
    }
    func part(_ paths: [String]) -> Result<(Int, String), TelemetryDecodeError> {
      for p in paths {
        let v = ExportJSON.value(usageObject, path: p)
        switch ExportJSON.tokens(v) {
        case .failure(let problem):
          return .failure(TelemetryDecodeError(field: path + usagePath + p, reason: problem.reason))
        case .success(let n?): return .success((n, usagePath + p))
        case .success(nil): continue
        }
      }
      return .success((0, usagePath + paths[0]))
    }
    let cacheRead: (Int, String)
    let cacheWrite: (Int, String)
    let reasoning: (Int, String)
    switch part(["prompt_tokens_details.cached_tokens", "cache_read_input_tokens"]) {
    case .failure(let e): return .failure(e)
    case .success(let p): cacheRead = p
    }
    switch part(["cache_creation_input_tokens"]) {
    case .failure(let e): return .failure(e)
    case .success(let p): cacheWrite = p
    }
    switch part(["completion_tokens_details.reasoning_tokens"]) {
    case .failure(let e): return .failure(e)
    case .success(let p): reasoning = p
    }
    if cacheRead.0 > input {
      return fail(cacheRead.1, "exceeds prompt_tokens (which count cached tokens too)")
    }
    if cacheRead.0 + cacheWrite.0 > input {
      return fail(
        cacheWrite.1, "cache reads + cache writes exceed prompt_tokens (which count cached tokens too)")
    }
    if reasoning.0 > output {
      return fail(reasoning.1, "exceeds completion_tokens (which count reasoning tokens too)")
    }
    let usage = TokenUsage(
      inputTokens: input, outputTokens: output, cacheReadTokens: cacheRead.0, cacheWriteTokens: cacheWrite.0,
      reasoningTokens: reasoning.0)

    let costKey = o["response_cost"] != nil ? "response_cost" : "spend"
    let ingested: Double?
    switch ExportJSON.cost(o[costKey]) {
    case .failure(let p): return fail(costKey, p.reason)
    case .success(let c): ingested = c
    }
    let cacheHit = (o["cache_hit"] as? Bool) == true || (o["cache_hit"] as? String)?.lowercased() == "true"
    let model = ExportJSON.string(o["model"]) ?? artefact
    let priced = cacheHit ? nil : prices.cost(model: model, usage: usage)
    let cost = ingested ?? priced
    if ingested == nil, let problem = TelemetryBounds.pricedCostProblem(cost) {
      return fail("prompt_tokens", problem.reason)
    }
    var recomputed: Double?
    if let ingested, let priced, abs(priced - ingested) > 1e-9 * max(abs(priced), abs(ingested)) {
      recomputed = priced
    }

    var status = RequestStatus.ok
    var errorType: String?
    switch o["status"] {
    case nil, is NSNull: break
    case let s as String where s == "success": break
    case let s as String where s == "failure": status = .error
    default: return fail("status", "expected one of success, failure")
    }
    let info =
      ExportJSON.object(o["error_information"])
      ?? ExportJSON.object(ExportJSON.value(o, path: "metadata.error_information"))
    if let info {
      errorType = ExportJSON.string(info["error_class"]) ?? ExportJSON.string(info["error_code"])
    }
    if status == .error, let e = errorType, e.lowercased().contains("timeout") { status = .timeout }
    if status == .ok { errorType = nil }

    var record = TelemetryRecord(
      timestamp: Timestamp(millisecondsSinceEpoch: floorDiv(start, 1000)), requestID: requestID,
      artefact: artefact, kind: .model, version: version, route: .stable,
      latencyMs: Double(end - start) / 1000, inputTokens: input, outputTokens: output, costUSD: cost,
      status: status, ttftMs: ttft,
      sessionID: ExportJSON.string(o["session_id"]) ?? ExportJSON.string(o["trace_id"]), errorType: errorType,
      provider: ExportJSON.string(o["custom_llm_provider"]), cacheReadTokens: usage.cacheReadTokens,
      cacheWriteTokens: usage.cacheWriteTokens, reasoningTokens: usage.reasoningTokens)
    record.recomputedCostUSD = recomputed
    return .success(record)
  }
}

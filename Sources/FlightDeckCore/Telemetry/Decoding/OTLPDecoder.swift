import Foundation

/// Maps OTLP/JSON trace data (`{"resourceSpans": [...]}`, as the OpenTelemetry
/// Collector's file exporter writes it) to FlightDeck records, one per GenAI
/// span.
///
/// Follows the OpenTelemetry GenAI semantic conventions
/// (<https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/>):
/// - model: `gen_ai.request.model`, else `gen_ai.response.model`. A span with
///   neither (and no artefact attribute of the mapping) is *skipped*, not an
///   error — HTTP, RPC and tool spans are expected in a trace file.
/// - tokens: `gen_ai.usage.input_tokens` / `gen_ai.usage.output_tokens`, or the
///   deprecated `gen_ai.usage.prompt_tokens` / `gen_ai.usage.completion_tokens`;
///   absent → 0; above ``TelemetryBounds/maxTokens`` → error `out of range (…)`.
/// - token parts: `gen_ai.usage.cache_read.input_tokens` (also the older
///   `gen_ai.usage.cache_read_input_tokens`), `gen_ai.usage.cache_creation.input_tokens`
///   (also `gen_ai.usage.cache_write.input_tokens`, the name of the GenAI
///   token metrics and of some SDKs, and the older
///   `gen_ai.usage.cache_creation_input_tokens`) and
///   `gen_ai.usage.reasoning.output_tokens`; absent → 0. The conventions say
///   `gen_ai.usage.input_tokens` SHOULD include the cache reads and writes and
///   `gen_ai.usage.output_tokens` the reasoning tokens, so a span whose parts
///   exceed their total is an error on the part's attribute rather than a cost
///   counted twice (see ``TokenUsage``).
/// - provider: `gen_ai.provider.name`, else the older `gen_ai.system`.
/// - latency_ms = (endTimeUnixNano − startTimeUnixNano) / 1e6, computed on
///   exact 64-bit integers then divided once (so a 21 341 ns span is
///   0.021341 ms, never 0); ts = start time truncated to ms. A GenAI span
///   longer than ``TelemetryBounds/maxMilliseconds`` (one day) is an error on
///   its `endTimeUnixNano`.
/// - status: span `status.code` 2 or `"STATUS_CODE_ERROR"` → `error`, else `ok`.
/// - request_id = lowercase hex traceId + spanId (ids in hex or base64, see
///   `OTLPIdentifier`).
/// - artefact / version / route / kind: `OTLPAttributeMapping`.
/// - cost: the price table by request model, else response model, each kind
///   of token at its own rate (``ModelPrice/cost(_:)``); `nil` if neither is
///   priced. int64 values may be JSON strings or numbers (OTLP/JSON
///   spec).
///
/// Every span is validated (ids, kind, times) even when it is skipped, so
/// broken files give located errors (fields are paths such as
/// `resourceSpans[0].scopeSpans[0].spans[0].traceId`).
public struct OTLPDecoder: Sendable {
  /// Attribute mapping.
  public var mapping: OTLPAttributeMapping
  /// Prices for costing spans.
  public var prices: PriceTable

  /// Creates a decoder.
  public init(mapping: OTLPAttributeMapping = .default, prices: PriceTable) {
    self.mapping = mapping
    self.prices = prices
  }

  /// Decodes a parsed `TracesData` object.
  ///
  /// - Parameters:
  ///   - document: the top-level JSON object.
  ///   - linesBeforeCurrent: copied into every error (for multi-line documents).
  public func decode(document: [String: Any], linesBeforeCurrent: Int = 0) -> TelemetryDecodeResult {
    var result = TelemetryDecodeResult()
    func fail(_ field: String, _ reason: String) {
      result.errors.append(
        TelemetryDecodeError(field: field, reason: reason, linesBeforeCurrent: linesBeforeCurrent))
    }
    guard let resourceSpans = document["resourceSpans"] as? [Any] else {
      fail("resourceSpans", "expected an array")
      return result
    }
    for (ri, rsAny) in resourceSpans.enumerated() {
      let rPath = "resourceSpans[\(ri)]"
      guard let rs = rsAny as? [String: Any] else {
        fail(rPath, "expected an object")
        continue
      }
      let resource = (rs["resource"] as? [String: Any]) ?? [:]
      let resourceAttrs: [String: Any]
      switch OTLPDecoder.attributes(resource["attributes"]) {
      case .success(let a): resourceAttrs = a
      case .failure(let p):
        fail("\(rPath).resource.attributes", p.reason)
        continue
      }
      guard let scopeSpans = (rs["scopeSpans"] ?? rs["instrumentationLibrarySpans"] ?? [Any]()) as? [Any]
      else {
        fail("\(rPath).scopeSpans", "expected an array")
        continue
      }
      for (si, ssAny) in scopeSpans.enumerated() {
        let sPath = "\(rPath).scopeSpans[\(si)]"
        guard let ss = ssAny as? [String: Any], let spans = (ss["spans"] ?? [Any]()) as? [Any] else {
          fail(sPath, "expected an object with a spans array")
          continue
        }
        for (pi, spanAny) in spans.enumerated() {
          let path = "\(sPath).spans[\(pi)]"
          switch span(spanAny, path: path, resource: resourceAttrs) {
          case .record(let r): result.records.append(r)
          case .skipped: result.skippedSpans += 1
          case .failed(let field, let reason): fail(field, reason)
          }
        }
      }
    }
    return result
  }

  private enum SpanOutcome {
    case record(TelemetryRecord)
    case skipped
    case failed(String, String)
  }

  private static let spanKinds: Set<String> = [
    "SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
    "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER",
  ]

  private func span(_ any: Any, path: String, resource: [String: Any]) -> SpanOutcome {
    guard let s = any as? [String: Any] else { return .failed(path, "expected an object") }
    guard let traceRaw = s["traceId"] as? String else {
      return .failed("\(path).traceId", "expected a string")
    }
    let traceHex: String
    switch OTLPIdentifier.hex(traceRaw, byteCount: 16) {
    case .success(let h): traceHex = h
    case .failure(let p): return .failed("\(path).traceId", "invalid trace id: \(p.reason)")
    }
    guard let spanRaw = s["spanId"] as? String else { return .failed("\(path).spanId", "expected a string") }
    let spanHex: String
    switch OTLPIdentifier.hex(spanRaw, byteCount: 8) {
    case .success(let h): spanHex = h
    case .failure(let p): return .failed("\(path).spanId", "invalid span id: \(p.reason)")
    }
    if let kind = s["kind"] {
      if let k = kind as? String, !(kind is NSNumber) {
        guard OTLPDecoder.spanKinds.contains(k) else { return .failed("\(path).kind", "unknown span kind") }
      } else if let k = OTLPDecoder.int64(kind) {
        guard (0...5).contains(k) else { return .failed("\(path).kind", "unknown span kind") }
      } else {
        return .failed("\(path).kind", "unknown span kind")
      }
    }
    guard let start = s["startTimeUnixNano"].flatMap(OTLPDecoder.int64), start >= 0 else {
      return .failed("\(path).startTimeUnixNano", "expected a non-negative int64 (ns)")
    }
    guard let end = s["endTimeUnixNano"].flatMap(OTLPDecoder.int64), end >= 0 else {
      return .failed("\(path).endTimeUnixNano", "expected a non-negative int64 (ns)")
    }
    guard end >= start else {
      return .failed("\(path).endTimeUnixNano", "before startTimeUnixNano")
    }
    var isError = false
    if let status = s["status"] as? [String: Any], let code = status["code"] {
      if let c = code as? String, !(code is NSNumber) {
        isError = c == "STATUS_CODE_ERROR"
      } else if let c = OTLPDecoder.int64(code) {
        isError = c == 2
      }
    }
    let spanAttrs: [String: Any]
    switch OTLPDecoder.attributes(s["attributes"]) {
    case .success(let a): spanAttrs = a
    case .failure(let p): return .failed("\(path).attributes", p.reason)
    }
    func lookup(_ key: String) -> Any? { spanAttrs[key] ?? resource[key] }
    func string(_ keys: [String]) -> String? {
      for k in keys {
        if let v = lookup(k) as? String, !(lookup(k) is NSNumber), !v.isEmpty {
          return TelemetryName.normalized(v)
        }
      }
      return nil
    }
    let requestModel = string(["gen_ai.request.model"])
    let responseModel = string(["gen_ai.response.model"])
    let model = requestModel ?? responseModel
    guard let artefact = string(mapping.artefactKeys) ?? model else { return .skipped }
    // Only GenAI spans become records, so only they are held to the latency
    // bound (a long HTTP root span is skipped, not an error). end ≥ start ≥ 0,
    // so the difference cannot overflow.
    guard end - start <= Int64(TelemetryBounds.maxMilliseconds) * 1_000_000 else {
      return .failed("\(path).endTimeUnixNano", TelemetryBounds.spanReason)
    }

    func tokens(_ keys: [String]) -> Result<Int, OTLPProblem> {
      for k in keys {
        guard let v = lookup(k) else { continue }
        guard let n = OTLPDecoder.int64(v), n >= 0 else {
          return .failure(OTLPProblem(field: "\(path).attributes[\(k)]", "must be a non-negative integer"))
        }
        guard n <= Int64(TelemetryBounds.maxTokens) else {
          return .failure(OTLPProblem(field: "\(path).attributes[\(k)]", TelemetryBounds.tokensReason))
        }
        return .success(Int(n))
      }
      return .success(0)
    }
    let input: Int
    let output: Int
    switch tokens(["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"]) {
    case .success(let n): input = n
    case .failure(let f): return .failed(f.field ?? path, f.reason)
    }
    switch tokens(["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"]) {
    case .success(let n): output = n
    case .failure(let f): return .failed(f.field ?? path, f.reason)
    }
    var parts = [0, 0, 0]
    for (index, keys) in OTLPDecoder.tokenPartKeys.enumerated() {
      switch tokens(keys) {
      case .success(let n): parts[index] = n
      case .failure(let f): return .failed(f.field ?? path, f.reason)
      }
    }
    let usage = TokenUsage(
      inputTokens: input, outputTokens: output, cacheReadTokens: parts[0], cacheWriteTokens: parts[1],
      reasoningTokens: parts[2])
    func present(_ keys: [String]) -> String { keys.first { lookup($0) != nil } ?? keys[0] }
    if usage.cacheReadTokens > input {
      return .failed(
        "\(path).attributes[\(present(OTLPDecoder.tokenPartKeys[0]))]",
        "exceeds gen_ai.usage.input_tokens (which count cached tokens too)")
    }
    if usage.cacheReadTokens + usage.cacheWriteTokens > input {
      return .failed(
        "\(path).attributes[\(present(OTLPDecoder.tokenPartKeys[1]))]",
        "cache reads + cache writes exceed gen_ai.usage.input_tokens (which count cached tokens too)")
    }
    if usage.reasoningTokens > output {
      return .failed(
        "\(path).attributes[\(present(OTLPDecoder.tokenPartKeys[2]))]",
        "exceeds gen_ai.usage.output_tokens (which count reasoning tokens too)")
    }
    var route = mapping.defaultRoute
    if let key = mapping.routeKeys.first(where: { lookup($0) != nil }) {
      guard let r = (lookup(key) as? String).flatMap(Route.init(rawValue:)) else {
        return .failed("\(path).attributes[\(key)]", TelemetryDecodeError.Reason.route)
      }
      route = r
    }
    var kind = mapping.defaultKind
    if let key = mapping.kindKeys.first(where: { lookup($0) != nil }) {
      guard let k = (lookup(key) as? String).flatMap(ArtefactKind.init(rawValue:)) else {
        return .failed("\(path).attributes[\(key)]", TelemetryDecodeError.Reason.kind)
      }
      kind = k
    }
    let version = string(mapping.versionKeys) ?? mapping.defaultVersion
    let cost =
      requestModel.flatMap { prices.cost(model: $0, usage: usage) }
      ?? responseModel.flatMap { prices.cost(model: $0, usage: usage) }
    if let problem = TelemetryBounds.pricedCostProblem(cost) {
      return .failed("\(path).attributes[gen_ai.usage]", problem.reason)
    }
    let record = TelemetryRecord(
      timestamp: Timestamp(millisecondsSinceEpoch: start / 1_000_000), requestID: traceHex + spanHex,
      artefact: artefact, kind: kind, version: version, route: route,
      latencyMs: Double(end - start) / 1_000_000, inputTokens: input, outputTokens: output,
      costUSD: cost, status: isError ? .error : .ok, sessionID: string(mapping.sessionKeys),
      errorType: string(mapping.errorTypeKeys),
      provider: string(["gen_ai.provider.name", "gen_ai.system"]), cacheReadTokens: usage.cacheReadTokens,
      cacheWriteTokens: usage.cacheWriteTokens, reasoningTokens: usage.reasoningTokens)
    return .record(record)
  }

  /// Attribute keys of the token parts, each list tried in order: cache
  /// reads, cache writes, reasoning (see the type's documentation).
  static let tokenPartKeys: [[String]] = [
    ["gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens"],
    [
      "gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_write.input_tokens",
      "gen_ai.usage.cache_creation_input_tokens",
    ],
    ["gen_ai.usage.reasoning.output_tokens"],
  ]

  /// OTLP `KeyValue` list → key → plain value (`String`, `NSNumber`, or for
  /// `intValue` the int64 as written). Later duplicates win.
  static func attributes(_ any: Any?) -> Result<[String: Any], OTLPProblem> {
    guard let any, !(any is NSNull) else { return .success([:]) }
    guard let list = any as? [Any] else {
      return .failure(OTLPProblem("expected an array of key/value objects"))
    }
    var out: [String: Any] = [:]
    for item in list {
      guard let kv = item as? [String: Any], let key = kv["key"] as? String else {
        return .failure(OTLPProblem("expected key/value objects"))
      }
      guard let value = kv["value"] as? [String: Any] else { continue }
      if let v = value["stringValue"] {
        out[key] = v
      } else if let v = value["intValue"] {
        out[key] = v
      } else if let v = value["doubleValue"] {
        out[key] = v
      } else if let v = value["boolValue"] {
        out[key] = v
      }
    }
    return .success(out)
  }

  /// An OTLP int64: a JSON integer, or a string of decimal digits (OTLP/JSON
  /// writes 64-bit integers as strings). `nil` for anything else.
  static func int64(_ any: Any) -> Int64? {
    if let s = any as? String, !(any is NSNumber) {
      return Int64(s)
    }
    guard let n = any as? NSNumber, !FlightDeckGeneralDecoder.isBool(n) else { return nil }
    if n is NSDecimalNumber {
      return Int64(n.stringValue)
    }
    let type = String(cString: n.objCType)
    if type == "d" || type == "f" {
      let d = n.doubleValue
      guard d.rounded(.towardZero) == d, abs(d) < 9.2e18 else { return nil }
      return Int64(exactly: d)
    }
    return n.int64Value
  }
}

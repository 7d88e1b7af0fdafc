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
/// - artefact / version / route / kind: `OTLPAttributeMapping`; a span
///   without a version attribute (a failed call has no response model) takes
///   the version its artefact and request model resolved to before
///   (``OTLPVersionMemory``).
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
    var versions = OTLPVersionMemory()
    return decode(document: document, linesBeforeCurrent: linesBeforeCurrent, versions: &versions)
  }

  /// Decodes a parsed `TracesData` object, resolving missing versions with
  /// (and teaching) `versions` (``OTLPVersionMemory``).
  public func decode(
    document: [String: Any], linesBeforeCurrent: Int = 0, versions: inout OTLPVersionMemory
  ) -> TelemetryDecodeResult {
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
      let resourceAttrs: OTLPAttributes
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
          switch span(spanAny, path: path, resource: resourceAttrs, versions: &versions) {
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

  /// The `SpanKind` names of trace.proto, at their numbers.
  private static let spanKinds: [String] = [
    "SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
    "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER",
  ]

  private func span(
    _ any: Any, path: String, resource: OTLPAttributes, versions: inout OTLPVersionMemory
  ) -> SpanOutcome {
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
    var kind = 0
    if let kindAny = s["kind"] {
      if let k = kindAny as? String, !(kindAny is NSNumber) {
        guard let index = OTLPDecoder.spanKinds.firstIndex(of: k) else {
          return .failed("\(path).kind", "unknown span kind")
        }
        kind = index
      } else if let k = OTLPDecoder.int64(kindAny) {
        guard (0...5).contains(k) else { return .failed("\(path).kind", "unknown span kind") }
        kind = Int(k)
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
    let spanAttrs: OTLPAttributes
    switch OTLPDecoder.attributes(s["attributes"]) {
    case .success(let a): spanAttrs = a
    case .failure(let p): return .failed("\(path).attributes", p.reason)
    }
    let fields = OTLPSpanFields(
      traceIDHex: traceHex, spanIDHex: spanHex, name: (s["name"] as? String) ?? "", kind: kind,
      startTimeUnixNano: start, endTimeUnixNano: end, isError: isError, attributes: spanAttrs)
    switch outcome(of: fields, resource: resource, versions: &versions) {
    case .record(let r): return .record(r)
    case .skipped: return .skipped
    case .rejected(let part, let reason): return .failed("\(path).\(part.name(json: true))", reason)
    }
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

  /// OTLP `KeyValue` list → key → value, for the mapping. Of the value's
  /// members only `stringValue`, `intValue`, `doubleValue` and `boolValue`
  /// are read (first present in that order), as the JSON type written:
  /// a JSON string is ``OTLPAnyValue/string(_:)``, a number an
  /// ``OTLPAnyValue/int(_:)`` or ``OTLPAnyValue/double(_:)``, a boolean
  /// ``OTLPAnyValue/bool(_:)``; except that an `intValue` that is an int64
  /// (a decimal string, as OTLP/JSON writes int64, or a JSON integer) is
  /// always ``OTLPAnyValue/int(_:)``. Array, key/value-list and bytes
  /// values, and members of another JSON type, are left out (the mapping
  /// never reads them). Later duplicates win.
  static func attributes(_ any: Any?) -> Result<OTLPAttributes, OTLPProblem> {
    guard let any, !(any is NSNull) else { return .success([:]) }
    guard let list = any as? [Any] else {
      return .failure(OTLPProblem("expected an array of key/value objects"))
    }
    var out: OTLPAttributes = [:]
    for item in list {
      guard let kv = item as? [String: Any], let key = kv["key"] as? String else {
        return .failure(OTLPProblem("expected key/value objects"))
      }
      let value = (kv["value"] as? [String: Any]) ?? [:]
      let member = value["stringValue"] ?? value["intValue"] ?? value["doubleValue"] ?? value["boolValue"]
      if value["stringValue"] == nil, let member, value["intValue"] != nil, let n = int64(member) {
        out[key] = .int(n)
      } else {
        out[key] = member.flatMap(scalar) ?? .empty
      }
    }
    return .success(out)
  }

  /// A JSON scalar as an attribute value: string, boolean, integer (an
  /// NSNumber holding an integer within int64) or double; `nil` for arrays,
  /// objects and null.
  static func scalar(_ any: Any) -> OTLPAnyValue? {
    if let s = any as? String, !(any is NSNumber) { return .string(s) }
    guard let n = any as? NSNumber else { return nil }
    if FlightDeckGeneralDecoder.isBool(n) { return .bool(n.boolValue) }
    let type = String(cString: n.objCType)
    if type != "d", type != "f", let i = int64(n) { return .int(i) }
    return .double(n.doubleValue)
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

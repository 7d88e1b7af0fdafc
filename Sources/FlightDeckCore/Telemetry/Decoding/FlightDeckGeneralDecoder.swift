import Foundation

/// The general (slow) decoder of FlightDeck JSON lines, on Foundation's
/// `JSONSerialization`, for the lines `FlightDeckLineScanner` declines.
///
/// Validation and messages match the scanner's, in this order: empty line;
/// invalid UTF-8 (field = the top-level key whose value holds the first bad
/// byte); invalid JSON; not an object; then the problem on the earliest field
/// in schema order (`ts`, `request_id`, `artefact`, `kind`, `version`,
/// `route`, `latency_ms`, `input_tokens`, `output_tokens`, `cost_usd`,
/// `status`, `ttft_ms`, `session_id`, `error_type`, `guardrail`, `score`,
/// `provider`, `cache_read_tokens`, `cache_write_tokens`, `reasoning_tokens`);
/// then, with every field valid, the token parts against their totals
/// (`cache_read_tokens` ≤ `input_tokens`, then `cache_read_tokens` +
/// `cache_write_tokens` ≤ `input_tokens`, then `reasoning_tokens` ≤
/// `output_tokens`: the totals include their parts, see ``TokenUsage``). The line is read by
/// ``StrictJSONReader`` (not `JSONSerialization`, whose leniencies — trailing commas, a
/// byte-order mark dropped from the start of the text and of every string, the last of two
/// duplicate keys winning, canonically equivalent keys merged, a 512-level nesting limit and
/// `1e999` refusing the whole line even under unknown keys — made the two paths disagree):
/// escapes are resolved, a byte-order mark anywhere and a repeated top-level name refuse the
/// line (after invalid JSON and not-an-object), unknown members are checked for syntax only,
/// and text fields are normalised to NFC (``TelemetryName``). Token counts may be written in any
/// number form whose value is an integer (`1e3`, `5.0`). Numeric fields are
/// range-checked against ``TelemetryBounds`` (a value above the bound is
/// `field: out of range (…)`), exactly as the scanner does.
public enum FlightDeckGeneralDecoder {
  /// Decodes one line into a record.
  ///
  /// - Parameters:
  ///   - line: the bytes of one line, without the newline.
  ///   - prices: prices for lines without `cost_usd` (see
  ///     `FlightDeckScan.record(line:prices:)` for the rule).
  /// - Returns: the record, or the error with field and reason.
  public static func decode(
    _ line: UnsafeRawBufferPointer, prices: PriceTable
  ) -> Result<TelemetryRecord, TelemetryDecodeError> {
    typealias R = TelemetryDecodeError.Reason
    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
      return .failure(TelemetryDecodeError(field: nil, reason: R.emptyLine))
    }
    switch read(line) {
    case .success(let dict): return decode(object: dict, prices: prices)
    case .failure(let e): return .failure(e)
    }
  }

  /// The FlightDeck fields (and `also`) of a non-blank line, read by
  /// ``StrictJSONReader``: invalid UTF-8 first, then the reader's problems
  /// in its order (invalid JSON, not an object, byte-order mark, duplicate
  /// key).
  static func read(_ line: UnsafeRawBufferPointer, also: Set<String> = []) -> Result<
    [String: Any], TelemetryDecodeError
  > {
    if let utf = UTF8Validation.diagnose(line) { return .failure(utf) }
    let keep = fieldKeys.union(also)
    switch StrictJSONReader.read(line, keep: keep) {
    case .success(let dict): return .success(dict)
    case .failure(let problem): return .failure(problem.error)
    }
  }

  private static let fieldKeys = Set(FlightDeckField.allCases.map(\.key))

  /// Decodes an already-parsed JSON object (see `decode(_:prices:)`).
  ///
  /// - Parameter line: the line the object was parsed from, when known: its
  ///   numbers are then re-read from their text with `strtod`, so values are
  ///   correctly rounded (Foundation's are not for long decimals).
  public static func decode(
    object dict: [String: Any], prices: PriceTable, line: UnsafeRawBufferPointer? = nil
  ) -> Result<TelemetryRecord, TelemetryDecodeError> {
    var v = Values()
    v.line = line
    for f in FlightDeckField.allCases {
      if let reason = v.take(f, dict[f.key]) {
        return .failure(TelemetryDecodeError(field: f.key, reason: reason))
      }
    }
    typealias R = TelemetryDecodeError.Reason
    if v.cacheRead > v.inputTokens {
      return .failure(
        TelemetryDecodeError(field: FlightDeckField.cacheReadTokens.key, reason: R.cacheReadExceedsInput))
    }
    if v.cacheRead + v.cacheWrite > v.inputTokens {
      return .failure(
        TelemetryDecodeError(field: FlightDeckField.cacheWriteTokens.key, reason: R.cacheExceedsInput))
    }
    if v.reasoning > v.outputTokens {
      return .failure(
        TelemetryDecodeError(field: FlightDeckField.reasoningTokens.key, reason: R.reasoningExceedsOutput))
    }
    if let ttft = v.ttft, ttft > v.latency {
      return .failure(TelemetryDecodeError(field: FlightDeckField.ttftMs.key, reason: R.ttftExceedsLatency))
    }
    let usage = TokenUsage(
      inputTokens: v.inputTokens, outputTokens: v.outputTokens, cacheReadTokens: v.cacheRead,
      cacheWriteTokens: v.cacheWrite, reasoningTokens: v.reasoning)
    let cost = v.cost ?? prices.recordCost(artefact: v.artefact, version: v.version, usage: usage)
    if let problem = TelemetryBounds.pricedCostProblem(cost) { return .failure(problem) }
    return .success(
      TelemetryRecord(
        timestamp: v.ts, requestID: v.requestID, artefact: v.artefact, kind: v.kind, version: v.version,
        route: v.route, latencyMs: v.latency, inputTokens: v.inputTokens, outputTokens: v.outputTokens,
        costUSD: cost, status: v.status, ttftMs: v.ttft, sessionID: v.sessionID, errorType: v.errorType,
        guardrail: v.guardrail, score: v.score, provider: v.provider, cacheReadTokens: v.cacheRead,
        cacheWriteTokens: v.cacheWrite, reasoningTokens: v.reasoning,
        recomputedCostUSD: TelemetryRecord.recomputed(v.recomputedCost, beside: v.cost)))
  }

  /// Whether `n` is a JSON `true`/`false` rather than a number.
  static func isBool(_ n: NSNumber) -> Bool {
    ObjectIdentifier(type(of: n)) == boolClass
  }

  private static let boolClass = ObjectIdentifier(type(of: NSNumber(value: true)))

  /// A JSON number as a Double (`nil` for non-numbers and booleans).
  static func number(_ any: Any) -> Double? {
    guard let n = any as? NSNumber, !isBool(n) else { return nil }
    return n.doubleValue
  }

  /// Field values being collected, in schema order.
  private struct Values {
    var line: UnsafeRawBufferPointer?
    var ts = Timestamp(millisecondsSinceEpoch: 0)
    var requestID = ""
    var artefact = ""
    var kind = ArtefactKind.model
    var version = ""
    var route = Route.stable
    var latency = 0.0
    var inputTokens = 0
    var outputTokens = 0
    var cost: Double?
    var recomputedCost: Double?
    var status = RequestStatus.ok
    var ttft: Double?
    var sessionID: String?
    var errorType: String?
    var guardrail: GuardrailResult?
    var score: Double?
    var provider: String?
    var cacheRead = 0
    var cacheWrite = 0
    var reasoning = 0

    /// Stores field `f`; returns the reason when the value is invalid.
    mutating func take(_ f: FlightDeckField, _ raw: Any?) -> String? {
      typealias R = TelemetryDecodeError.Reason
      guard let raw else { return f.isRequired ? R.missing : nil }
      if raw is NSNull {
        // `null` means "absent" for optional fields; required ones need a value.
        guard f.isRequired else { return nil }
        switch f {
        case .latencyMs, .inputTokens, .outputTokens, .cacheReadTokens, .cacheWriteTokens, .reasoningTokens:
          return R.expectedNumber
        default: return R.expectedString
        }
      }
      switch f {
      case .ts, .requestID, .artefact, .version, .sessionID, .errorType, .provider, .kind, .route,
        .status, .guardrail:
        guard let written = raw as? String, !(raw is NSNumber) else { return R.expectedString }
        // Names are NFC (``TelemetryName``); timestamps and enumerations are matched as written.
        let s: String
        switch f {
        case .requestID, .artefact, .version, .sessionID, .errorType, .provider:
          s = TelemetryName.normalized(written)
        default: s = written
        }
        switch f {
        case .ts:
          guard let t = RFC3339Parser.parse(s) else { return R.timestamp }
          ts = t
        case .requestID:
          if s.isEmpty { return R.notEmpty }
          requestID = s
        case .artefact:
          if s.isEmpty { return R.notEmpty }
          artefact = s
        case .version:
          if s.isEmpty { return R.notEmpty }
          version = s
        case .sessionID: sessionID = s
        case .errorType: errorType = s
        case .provider: provider = s
        case .kind:
          guard let k = ArtefactKind(rawValue: s) else { return R.kind }
          kind = k
        case .route:
          guard let r = Route(rawValue: s) else { return R.route }
          route = r
        case .status:
          guard let st = RequestStatus(rawValue: s) else { return R.status }
          status = st
        default:
          guard let g = GuardrailResult(rawValue: s) else { return R.guardrail }
          guardrail = g
        }
      case .inputTokens, .outputTokens, .cacheReadTokens, .cacheWriteTokens, .reasoningTokens:
        guard let d = FlightDeckGeneralDecoder.number(raw) else { return R.expectedNumber }
        guard d >= 0, d.rounded(.towardZero) == d else { return R.nonNegativeInteger }
        guard d <= Double(TelemetryBounds.maxTokens), let n = Int(exactly: d) else {
          return TelemetryBounds.tokensReason
        }
        switch f {
        case .inputTokens: inputTokens = n
        case .outputTokens: outputTokens = n
        case .cacheReadTokens: cacheRead = n
        case .cacheWriteTokens: cacheWrite = n
        default: reasoning = n
        }
      case .latencyMs, .costUSD, .ttftMs, .score, .recomputedCostUSD:
        guard var d = FlightDeckGeneralDecoder.number(raw) else { return R.expectedNumber }
        if let line, let r = JSONTopLevelMembers.valueRange(of: f.key, in: line), !r.isEmpty,
          let base = line.baseAddress
        {
          d = JSONNumberParser.slowParse(base.assumingMemoryBound(to: UInt8.self), r.lowerBound, r.upperBound)
        }
        guard d.isFinite else { return R.finite }
        switch f {
        case .latencyMs:
          if d < 0 { return R.nonNegative }
          if d > TelemetryBounds.maxMilliseconds { return TelemetryBounds.millisecondsReason }
          latency = d
        case .costUSD:
          if d < 0 { return R.nonNegative }
          if d > TelemetryBounds.maxCostUSD { return TelemetryBounds.costReason }
          cost = d
        case .recomputedCostUSD:
          if d < 0 { return R.nonNegative }
          if d > TelemetryBounds.maxCostUSD { return TelemetryBounds.costReason }
          recomputedCost = d
        case .ttftMs:
          if d < 0 { return R.nonNegative }
          if d > TelemetryBounds.maxMilliseconds { return TelemetryBounds.millisecondsReason }
          ttft = d
        default:
          if !(d >= 0 && d <= 1) { return R.unitInterval }
          score = d
        }
      }
      return nil
    }
  }
}

import Foundation

/// Reading the values of exported JSON objects (LiteLLM logs, Langfuse
/// exports) parsed by Foundation: typed look-ups that tell a wrong type from
/// an absent value, JSON objects written as JSON-encoded strings, and the
/// time stamps these tools write.
enum ExportJSON {
  /// A value that is present but unusable: the reason (the caller names the field).
  struct Problem: Error {
    /// Why, e.g. `"expected a number"`.
    let reason: String
    init(_ reason: String) { self.reason = reason }
  }

  /// Whether `any` is absent: missing or JSON `null`.
  static func isAbsent(_ any: Any?) -> Bool { any == nil || any is NSNull }

  /// A non-empty string (NFC, ``TelemetryName``); `nil` when absent, null,
  /// empty or not a string.
  static func string(_ any: Any?) -> String? {
    guard let any, let s = any as? String, !(any is NSNumber), !s.isEmpty else { return nil }
    return TelemetryName.normalized(s)
  }

  /// A JSON object, or a string holding one (LiteLLM's spend-log rows and
  /// Langfuse's test exports write `metadata` as JSON-encoded text); `nil`
  /// for anything else.
  static func object(_ any: Any?) -> [String: Any]? {
    if let d = any as? [String: Any] { return d }
    guard let any, let s = any as? String, !(any is NSNumber), s.first == "{",
      let data = s.data(using: .utf8), let d = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    return d
  }

  /// The value at a dotted path (`hidden_params.litellm_model_name`), going
  /// through JSON-encoded objects too; `nil` when any step is missing.
  static func value(_ object: [String: Any], path: String) -> Any? {
    var current: Any? = object
    for part in path.split(separator: ".", omittingEmptySubsequences: false) {
      guard let d = ExportJSON.object(current) else { return nil }
      current = d[String(part)]
    }
    return current
  }

  /// A finite number: `nil` when absent or null; a problem for another type.
  static func number(_ any: Any?) -> Result<Double?, Problem> {
    if isAbsent(any) { return .success(nil) }
    guard let n = any as? NSNumber, !FlightDeckGeneralDecoder.isBool(n) else {
      return .failure(Problem(TelemetryDecodeError.Reason.expectedNumber))
    }
    let d = exactDouble(n)
    guard d.isFinite else { return .failure(Problem(TelemetryDecodeError.Reason.finite)) }
    return .success(d)
  }

  /// The value of a parsed JSON number, correctly rounded: Foundation gives
  /// long decimals as `NSDecimalNumber`, whose `doubleValue` is not the
  /// nearest double (`0.00022500000000000002` came out as `0.000225`), so
  /// those are re-read from their text.
  static func exactDouble(_ n: NSNumber) -> Double {
    if let decimal = n as? NSDecimalNumber, let d = Double(decimal.stringValue) { return d }
    return n.doubleValue
  }

  /// A token count: a non-negative integer (a JSON integer, a number with an
  /// integral value, or a string of decimal digits as some SDKs write it),
  /// at most ``TelemetryBounds/maxTokens``; `nil` when absent or null.
  static func tokens(_ any: Any?) -> Result<Int?, Problem> {
    if isAbsent(any) { return .success(nil) }
    let value: Double
    if let s = any as? String, !(any is NSNumber) {
      guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let d = Double(s) else {
        return .failure(Problem(TelemetryDecodeError.Reason.nonNegativeInteger))
      }
      value = d
    } else if let n = any as? NSNumber, !FlightDeckGeneralDecoder.isBool(n) {
      value = exactDouble(n)
    } else {
      return .failure(Problem(TelemetryDecodeError.Reason.nonNegativeInteger))
    }
    guard value.isFinite, value >= 0, value.rounded(.towardZero) == value else {
      return .failure(Problem(TelemetryDecodeError.Reason.nonNegativeInteger))
    }
    guard value <= Double(TelemetryBounds.maxTokens) else {
      return .failure(Problem(TelemetryBounds.tokensReason))
    }
    return .success(Int(value))
  }

  /// A cost in USD: finite, ≥ 0, at most ``TelemetryBounds/maxCostUSD``;
  /// `nil` when absent or null.
  static func cost(_ any: Any?) -> Result<Double?, Problem> {
    switch number(any) {
    case .failure(let p): return .failure(p)
    case .success(nil): return .success(nil)
    case .success(let d?):
      guard d >= 0 else { return .failure(Problem(TelemetryDecodeError.Reason.nonNegative)) }
      guard d <= TelemetryBounds.maxCostUSD else { return .failure(Problem(TelemetryBounds.costReason)) }
      return .success(d)
    }
  }

  /// A point in time, in microseconds since the epoch (UTC).
  ///
  /// Accepts a number of seconds since the epoch (LiteLLM's
  /// `StandardLoggingPayload` declares its times as floats), and text
  /// `YYYY-MM-DD[T| ]HH:MM:SS[.fraction]` with 0–9 fraction digits and an
  /// optional `Z` or `±HH:MM` (RFC 3339, and the `str(datetime)` form
  /// LiteLLM's spend-log rows carry). Text without a zone is read as UTC:
  /// LiteLLM writes the proxy's clock, which is UTC in its container images.
  /// Digits beyond the microsecond are dropped. `nil` when absent or null.
  static func time(_ any: Any?) -> Result<Int64?, Problem> {
    if isAbsent(any) { return .success(nil) }
    if let n = any as? NSNumber, !FlightDeckGeneralDecoder.isBool(n), !(any is String) {
      let seconds = n.doubleValue
      guard seconds.isFinite, seconds >= 0, seconds < 253_402_300_800 else {
        return .failure(Problem("expected seconds since the epoch (0 to year 9999)"))
      }
      return .success(Int64((seconds * 1_000_000).rounded()))
    }
    guard let s = any as? String, let micros = parseTime(Array(s.utf8)) else {
      return .failure(
        Problem("expected a date-time (YYYY-MM-DD HH:MM:SS[.ffffff], RFC 3339) or epoch seconds"))
    }
    return .success(micros)
  }

  /// The time stamps of one call as LiteLLM and Langfuse both name them:
  /// `startTime`, `endTime` and `completionStartTime`, each read by ``time(_:)``.
  /// - Returns: the times present, in microseconds since the epoch, by key (absent
  ///   keys are left out); or the first key whose value is not a time, with the
  ///   problem (the caller prefixes its path and reports it).
  static func callTimes(_ object: [String: Any]) -> Result<[String: Int64], KeyedProblem> {
    var times: [String: Int64] = [:]
    for key in ["startTime", "endTime", "completionStartTime"] {
      switch time(object[key]) {
      case .failure(let p): return .failure(KeyedProblem(key: key, reason: p.reason))
      case .success(let t): if let t { times[key] = t }
      }
    }
    return .success(times)
  }

  /// A problem with the value at one key of an object.
  struct KeyedProblem: Error {
    /// The key, e.g. `"endTime"`.
    let key: String
    /// Why, e.g. `"expected a date-time …"`.
    let reason: String
  }

  /// Parses `YYYY-MM-DD[T| ]HH:MM:SS[.f…][Z|±HH:MM]` → microseconds since the epoch
  /// (``RFC3339Parser/microseconds(_:count:leniency:)`` with Python's departures).
  static func parseTime(_ b: [UInt8]) -> Int64? {
    b.withUnsafeBufferPointer { buf in
      guard let base = buf.baseAddress else { return nil }
      return RFC3339Parser.microseconds(base, count: buf.count, leniency: .pythonDateTime)
    }
  }
}

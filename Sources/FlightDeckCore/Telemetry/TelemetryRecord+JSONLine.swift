import Foundation

extension TelemetryRecord {
  /// The record as one FlightDeck JSON Lines object, without the trailing
  /// newline.
  ///
  /// Keys are written in the schema's order (`ts`, `request_id`, `artefact`,
  /// `kind`, `version`, `route`, `latency_ms`, `input_tokens`,
  /// `output_tokens`, `cost_usd`, `status`, then the optional fields that are
  /// present; `cache_read_tokens`, `cache_write_tokens` and
  /// `reasoning_tokens` only when above 0, `recomputed_cost_usd` when set). `latency_ms` and `ttft_ms` carry 3 decimals, `cost_usd` 6,
  /// `score` 4 — the precision `../shared/bench/gen_telemetry.py` writes —
  /// whenever those digits say the value exactly; a value they would round
  /// (a received span's 1.234567 ms, a cost of 1.5e-6 USD) is written in the
  /// shortest form that reads back as the same `Double` (``JSONText/exact(_:decimals:)``),
  /// so a record written to the data folder decodes to the record that was
  /// written, field for field. Strings are escaped per RFC 8259 §7 (quote,
  /// backslash and every C0 control).
  public var jsonLine: String {
    var out = "{\"ts\":\"\(timestamp.rfc3339)\",\"request_id\":"
    JSONText.appendString(requestID, to: &out)
    out += ",\"artefact\":"
    JSONText.appendString(artefact, to: &out)
    out += ",\"kind\":\"\(kind.rawValue)\",\"version\":"
    JSONText.appendString(version, to: &out)
    out += ",\"route\":\"\(route.rawValue)\",\"latency_ms\":"
    out += JSONText.exact(latencyMs, decimals: 3)
    out += ",\"input_tokens\":\(inputTokens),\"output_tokens\":\(outputTokens)"
    if let costUSD {
      out += ",\"cost_usd\":" + JSONText.exact(costUSD, decimals: 6)
    }
    out += ",\"status\":\"\(status.rawValue)\""
    if let ttftMs { out += ",\"ttft_ms\":" + JSONText.exact(ttftMs, decimals: 3) }
    if let sessionID {
      out += ",\"session_id\":"
      JSONText.appendString(sessionID, to: &out)
    }
    if let errorType {
      out += ",\"error_type\":"
      JSONText.appendString(errorType, to: &out)
    }
    if let guardrail { out += ",\"guardrail\":\"\(guardrail.rawValue)\"" }
    if let score { out += ",\"score\":" + JSONText.exact(score, decimals: 4) }
    if let provider {
      out += ",\"provider\":"
      JSONText.appendString(provider, to: &out)
    }
    if cacheReadTokens > 0 { out += ",\"cache_read_tokens\":\(cacheReadTokens)" }
    if cacheWriteTokens > 0 { out += ",\"cache_write_tokens\":\(cacheWriteTokens)" }
    if reasoningTokens > 0 { out += ",\"reasoning_tokens\":\(reasoningTokens)" }
    if let recomputedCostUSD {
      out += ",\"recomputed_cost_usd\":" + JSONText.exact(recomputedCostUSD, decimals: 6)
    }
    out += "}"
    return out
  }
}

/// Small helpers for writing JSON text by hand (RFC 8259).
public enum JSONText {
  /// Appends `s` as a quoted JSON string, escaping `"`, `\`, C0 controls
  /// and every other scalar a terminal would act on or hide (DEL, C1, bidi,
  /// zero-width: ``TerminalText/needsEscape(_:)``) as `\uXXXX`.
  public static func appendString(_ s: String, to out: inout String) {
    out.append("\"")
    // Printable ASCII without a quote or backslash, the common case, goes in whole.
    if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
      out.append(s)
      out.append("\"")
      return
    }
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out.append("\\\"")
      case "\\": out.append("\\\\")
      case "\n": out.append("\\n")
      case "\r": out.append("\\r")
      case "\t": out.append("\\t")
      default:
        if TerminalText.needsEscape(scalar) {
          out.append(unicodeEscape(scalar))
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out.append("\"")
  }

  /// `value` with `decimals` fractional digits when they say it exactly
  /// (`12.500` for 12.5), else the shortest decimal that reads back as the
  /// same `Double` (Swift's `description`, Steele–White/Ryū shortest
  /// round-trip: `1.234567`, `1.5e-06`; JSON allows the exponent, RFC 8259
  /// §6). Any correctly rounded reader (`strtod`, both FlightDeck decoders,
  /// Python's `float`) gets `value` back bit for bit.
  ///
  /// Non-finite values are written as `0`: JSON has no NaN or infinity.
  public static func exact(_ value: Double, decimals: Int) -> String {
    let text = fixed(value, decimals: decimals)
    guard value.isFinite, Double(text) != value else { return text }
    return value.description
  }

  /// `value` with exactly `decimals` fractional digits, rounded half away
  /// from zero on the decimal scaled value (no exponent notation).
  ///
  /// Non-finite values are written as `0`: JSON has no NaN or infinity.
  public static func fixed(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return "0" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9.0e15 else { return String(format: "%.\(decimals)f", value) }
    let n = Int64(scaled)
    var p: Int64 = 1
    for _ in 0..<decimals { p *= 10 }
    let sign = value < 0 && n != 0 ? "-" : ""
    if decimals == 0 { return sign + String(n) }
    let frac = String(n % p)
    return sign + String(n / p) + "." + String(repeating: "0", count: decimals - frac.count) + frac
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fast byte-level scanner for one FlightDeck JSON Lines record.
///
/// Works directly on the bytes of one line (without its newline): no
/// Foundation JSON, no `String` made, no heap allocation. Keys may come in any
/// order; unknown keys are skipped (nested objects and arrays included).
/// Strings that are returned or skipped are checked to be valid UTF-8.
///
/// Anything outside the common shape — backslash escapes, raw control bytes in
/// strings, a byte-order mark (U+FEFF) anywhere, duplicate keys (or more than
/// four unknown top-level keys, which it does not track), numbers with leading zeros or overflowing
/// exponents, token counts written with a fraction or exponent or more than 15
/// digits, nesting deeper than 512, a line not starting with `{`, a top-level
/// `resourceSpans` key (OTLP) — is `declined`, and `FlightDeckGeneralDecoder`
/// decides. When the scanner does classify a line as malformed, the field and
/// reason are the ones the general decoder gives (checked by the differential
/// tests): invalid UTF-8 first, then invalid JSON, then the problem on the
/// earliest field in schema order. An invalid-JSON line is located by
/// ``StrictJSONReader`` once the scanner has found it bad (column and cause,
/// ``JSONSyntaxError``), so a good line costs nothing more.
///
/// Numbers are correctly rounded (see `JSONNumberParser`), so sums over
/// scanned values equal sums over `strtod` / Python `float` values. Numeric
/// fields are range-checked against ``TelemetryBounds`` exactly as the general
/// decoder does.
public enum FlightDeckLineScanner {
  /// Scans one line.
  ///
  /// - Parameter line: the bytes of one line, without the newline.
  /// - Returns: the fields, `declined`, or `malformed` with field and reason.
  public static func scan(_ line: UnsafeRawBufferPointer) -> FlightDeckScanResult {
    guard let raw = line.baseAddress, line.count > 0 else {
      return .malformed(TelemetryDecodeError(field: nil, reason: TelemetryDecodeError.Reason.emptyLine))
    }
    var s = Cursor(p: raw.assumingMemoryBound(to: UInt8.self), n: line.count)
    return s.run(line)
  }

  /// Whether `p[start..<end]` holds the UTF-8 of U+FEFF (EF BB BF).
  static func containsByteOrderMark(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Bool {
    var k = start
    while k + 2 < end {
      if p[k] == 0xEF, p[k + 1] == 0xBB, p[k + 2] == 0xBF { return true }
      k += 1
    }
    return false
  }

  /// Whether `line` holds the UTF-8 of U+FEFF anywhere.
  static func containsByteOrderMark(_ line: UnsafeRawBufferPointer) -> Bool {
    guard let base = line.baseAddress else { return false }
    return containsByteOrderMark(base.assumingMemoryBound(to: UInt8.self), from: 0, to: line.count)
  }

  /// Field type groups, by `FlightDeckField.rawValue`.
  private enum Shape { case text, enumeration, number, tokens }

  /// Problems found on fields, by code (mapped to `TelemetryDecodeError.Reason`).
  private enum Problem: UInt8 {
    case none, missing, expectedString, expectedNumber, notEmpty, nonNegative
    case nonNegativeInteger, unitInterval, timestamp, kind, route, status, guardrail
    case millisecondsRange, tokensRange, costRange
    case cacheReadExceedsInput, cacheExceedsInput, reasoningExceedsOutput, ttftExceedsLatency

    var reason: String {
      typealias R = TelemetryDecodeError.Reason
      switch self {
      case .none, .missing: return R.missing
      case .expectedString: return R.expectedString
      case .expectedNumber: return R.expectedNumber
      case .notEmpty: return R.notEmpty
      case .nonNegative: return R.nonNegative
      case .nonNegativeInteger: return R.nonNegativeInteger
      case .unitInterval: return R.unitInterval
      case .timestamp: return R.timestamp
      case .kind: return R.kind
      case .route: return R.route
      case .status: return R.status
      case .guardrail: return R.guardrail
      case .millisecondsRange: return TelemetryBounds.millisecondsReason
      case .tokensRange: return TelemetryBounds.tokensReason
      case .costRange: return TelemetryBounds.costReason
      case .cacheReadExceedsInput: return R.cacheReadExceedsInput
      case .cacheExceedsInput: return R.cacheExceedsInput
      case .reasoningExceedsOutput: return R.reasoningExceedsOutput
      case .ttftExceedsLatency: return R.ttftExceedsLatency
      }
    }
  }

  /// Internal signal to stop scanning.
  private enum Stop: Error {
    case syntax
    case decline(String)
    case badUTF8
  }

  private struct Cursor {
    let p: UnsafePointer<UInt8>
    let n: Int
    var i = 0
    var scan = FlightDeckScan()
    var seen: UInt32 = 0
    var problemField = Int.max
    var problem = Problem.none
    var unknownKeys = (0..<0, 0..<0, 0..<0, 0..<0)
    var unknownCount = 0

    init(p: UnsafePointer<UInt8>, n: Int) {
      self.p = p
      self.n = n
    }

    @inline(__always) var byte: UInt8 { i < n ? p[i] : 0 }

    @inline(__always) mutating func skipWhitespace() {
      while i < n {
        let b = p[i]
        if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1 } else { break }
      }
    }

    @inline(__always) mutating func note(_ field: Int, _ pr: Problem) {
      if field < problemField {
        problemField = field
        problem = pr
      }
    }

    mutating func run(_ line: UnsafeRawBufferPointer) -> FlightDeckScanResult {
      skipWhitespace()
      if i == n {
        return .malformed(TelemetryDecodeError(field: nil, reason: TelemetryDecodeError.Reason.emptyLine))
      }
      guard p[i] == 0x7B else { return .declined("line does not start with an object") }
      do {
        try object()
      } catch {
        if case .decline(let why) = error { return .declined(why) }
        if let utf = UTF8Validation.diagnose(line) { return .malformed(utf) }
        // A byte-order mark between tokens is a syntax error here; the general decoder names it.
        if FlightDeckLineScanner.containsByteOrderMark(line) { return .declined("byte-order mark") }
        // Where and why: the general decoder's reader locates the error (bad lines only, so the
        // good path keeps no position), and both paths give one message by construction.
        guard case .failure(.invalidJSON(let syntax)) = StrictJSONReader.read(line, keep: []) else {
          return .declined("syntax error the strict reader does not confirm")
        }
        return .malformed(TelemetryDecodeError(field: nil, reason: syntax.reason))
      }
      let missing = FlightDeckField.requiredMask & ~seen
      if missing != 0 { note(missing.trailingZeroBitCount, .missing) }
      if problemField == Int.max { checkFieldRelations() }
      if problemField != Int.max {
        let key = FlightDeckField(rawValue: problemField)?.key
        return .malformed(TelemetryDecodeError(field: key, reason: problem.reason))
      }
      return .scanned(scan)
    }

    mutating func object() throws(Stop) {
      i += 1  // {
      skipWhitespace()
      if byte == 0x7D {
        i += 1
      } else {
        while true {
          guard byte == 0x22 else { throw .syntax }
          let key = try string()
          skipWhitespace()
          guard byte == 0x3A else { throw .syntax }
          i += 1
          skipWhitespace()
          try member(key)
          skipWhitespace()
          let b = byte
          if b == 0x2C {
            i += 1
            skipWhitespace()
            continue
          }
          if b == 0x7D {
            i += 1
            break
          }
          throw .syntax
        }
      }
      skipWhitespace()
      if i != n { throw .syntax }
    }

    /// Scans a string at `i` (on the opening quote); returns its content range.
    @inline(__always) mutating func string() throws(Stop) -> Range<Int> {
      var j = i + 1  // a local cursor: stays in a register
      let start = j
      var high: UInt8 = 0
      // SWAR: look at 8 bytes at a time for a quote, backslash, control or
      // non-ASCII byte ("haszero" / "hasless" tricks from Anderson's Bit
      // Twiddling Hacks). The lowest flagged byte is always a real one
      // (borrows only run upwards from a byte that is itself flagged), so
      // its offset is the trailing zero count / 8 (little-endian load).
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      while j + 8 <= n {
        let v = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self).littleEndian
        let q = v ^ (ones &* 0x22)
        let bs = v ^ (ones &* 0x5C)
        let quotes = (q &- ones) & ~q & highs
        let special = (quotes | ((bs &- ones) & ~bs) | ((v &- ones &* 0x20) & ~v) | v) & highs
        if special == 0 {
          j += 8
          continue
        }
        j += special.trailingZeroBitCount >> 3
        if quotes & special & (0 &- special) != 0 { break }  // the first special byte is the quote
        let b = p[j]
        if b == 0x5C { throw .decline("string escape") }
        if b < 0x20 { throw .decline("control byte in string") }
        high |= b  // non-ASCII: validated below
        j += 1
      }
      while true {
        guard j < n else { throw .syntax }
        let b = p[j]
        if b == 0x22 { break }
        if b == 0x5C { throw .decline("string escape") }
        if b < 0x20 { throw .decline("control byte in string") }
        high |= b
        j += 1
      }
      let end = j
      i = j + 1
      if high & 0x80 != 0 {
        if UTF8Validation.firstInvalid(p, from: start, to: end) != nil { throw .badUTF8 }
        if FlightDeckLineScanner.containsByteOrderMark(p, from: start, to: end) {
          throw .decline("byte-order mark")
        }
      }
      return start..<end
    }

    @inline(__always) func keyIs(_ r: Range<Int>, _ s: StaticString) -> Bool {
      Cursor.keyIs(p, r, s)
    }

    @inline(__always) static func keyIs(_ p: UnsafePointer<UInt8>, _ r: Range<Int>, _ s: StaticString) -> Bool
    {
      r.count == s.utf8CodeUnitCount && memcmp(p + r.lowerBound, s.utf8Start, r.count) == 0
    }

    /// Sets `value` to the value paired with the word the bytes at `r` of
    /// the line at `p` spell, the first of `a`, `b`, `c` (absent when `nil`);
    /// `false`, `value` untouched, when they spell none. Static for the
    /// reason ``field(_:for:)`` is.
    @inline(__always) static func pick<T>(
      _ value: inout T, _ p: UnsafePointer<UInt8>, _ r: Range<Int>, _ a: (StaticString, T),
      _ b: (StaticString, T), _ c: (StaticString, T)? = nil
    ) -> Bool {
      if keyIs(p, r, a.0) {
        value = a.1
      } else if keyIs(p, r, b.0) {
        value = b.1
      } else if let c, keyIs(p, r, c.0) {
        value = c.1
      } else {
        return false
      }
      return true
    }

    /// The field named by the key at `r` of the line at `p`. Static, taking
    /// the line's pointer rather than `self`: called on a `self` borrowed
    /// from a mutating method, an instance method made the compiler copy the
    /// whole cursor (297 bytes) once per member, a fifth of replay's time.
    @inline(__always) static func field(_ p: UnsafePointer<UInt8>, for r: Range<Int>) -> FlightDeckField? {
      func keyIs(_ r: Range<Int>, _ s: StaticString) -> Bool { Cursor.keyIs(p, r, s) }
      switch r.count {
      case 2: return keyIs(r, "ts") ? .ts : nil
      case 4: return keyIs(r, "kind") ? .kind : nil
      case 5:
        if keyIs(r, "route") { return .route }
        return keyIs(r, "score") ? .score : nil
      case 6: return keyIs(r, "status") ? .status : nil
      case 7:
        if keyIs(r, "version") { return .version }
        return keyIs(r, "ttft_ms") ? .ttftMs : nil
      case 8:
        if keyIs(r, "artefact") { return .artefact }
        if keyIs(r, "cost_usd") { return .costUSD }
        if keyIs(r, "provider") { return .provider }
        return nil
      case 9: return keyIs(r, "guardrail") ? .guardrail : nil
      case 10:
        if keyIs(r, "request_id") { return .requestID }
        if keyIs(r, "latency_ms") { return .latencyMs }
        if keyIs(r, "session_id") { return .sessionID }
        if keyIs(r, "error_type") { return .errorType }
        return nil
      case 12: return keyIs(r, "input_tokens") ? .inputTokens : nil
      case 13: return keyIs(r, "output_tokens") ? .outputTokens : nil
      case 16: return keyIs(r, "reasoning_tokens") ? .reasoningTokens : nil
      case 17: return keyIs(r, "cache_read_tokens") ? .cacheReadTokens : nil
      case 18: return keyIs(r, "cache_write_tokens") ? .cacheWriteTokens : nil
      case 19: return keyIs(r, "recomputed_cost_usd") ? .recomputedCostUSD : nil
      default: return nil
      }
    }

    mutating func member(_ key: Range<Int>) throws(Stop) {
      guard let f = Cursor.field(p, for: key) else {
        if keyIs(key, "resourceSpans") { throw .decline("top-level resourceSpans (OTLP)") }
        try noteUnknownKey(key)
        try skipValue(depth: 1)
        return
      }
      let bit: UInt32 = 1 << UInt32(f.rawValue)
      if seen & bit != 0 { throw .decline("duplicate key") }
      seen |= bit
      let fi = f.rawValue
      let b = byte
      switch f {
      case .ts, .requestID, .artefact, .version, .sessionID, .errorType, .provider, .kind, .route,
        .status, .guardrail:
        if b == 0x22 {
          let r = try string()
          text(f, r)
        } else if !f.isRequired, try literalNull() {
          return
        } else {
          note(fi, .expectedString)
          try skipValue(depth: 1)
        }
      case .latencyMs, .costUSD, .ttftMs, .score, .recomputedCostUSD:
        if b == 0x2D || b &- 0x30 < 10 {
          guard case .number(let v, _, let end) = JSONNumberParser.parse(p, i, n) else {
            throw .decline("unusual number")
          }
          i = end
          number(f, v)
        } else if !f.isRequired, try literalNull() {
          return
        } else {
          note(fi, .expectedNumber)
          try skipValue(depth: 1)
        }
      case .inputTokens, .outputTokens, .cacheReadTokens, .cacheWriteTokens, .reasoningTokens:
        if b == 0x2D || b &- 0x30 < 10 {
          let start = i
          guard case .number(let v, let isInteger, let end) = JSONNumberParser.parse(p, i, n) else {
            throw .decline("unusual number")
          }
          guard isInteger, end - start <= 15 else { throw .decline("token count form") }
          i = end
          if v < 0 {
            note(fi, .nonNegativeInteger)
          } else if v > Double(TelemetryBounds.maxTokens) {
            note(fi, .tokensRange)
          } else {
            switch f {
            case .inputTokens: scan.inputTokens = Int(v)
            case .outputTokens: scan.outputTokens = Int(v)
            case .cacheReadTokens: scan.cacheReadTokens = Int(v)
            case .cacheWriteTokens: scan.cacheWriteTokens = Int(v)
            default: scan.reasoningTokens = Int(v)
            }
          }
        } else if !f.isRequired, try literalNull() {
          return
        } else {
          note(fi, .expectedNumber)
          try skipValue(depth: 1)
        }
      }
    }

    @inline(__always) mutating func text(_ f: FlightDeckField, _ r: Range<Int>) {
      let fi = f.rawValue
      switch f {
      case .ts:
        scan.tsRange = r
        if let t = RFC3339Parser.parse(p + r.lowerBound, count: r.count) {
          scan.timestamp = t
        } else {
          note(fi, .timestamp)
        }
      case .requestID:
        if r.isEmpty { note(fi, .notEmpty) }
        scan.requestIDRange = r
      case .artefact:
        if r.isEmpty { note(fi, .notEmpty) }
        scan.artefactRange = r
      case .version:
        if r.isEmpty { note(fi, .notEmpty) }
        scan.versionRange = r
      case .sessionID: scan.sessionIDRange = r
      case .errorType: scan.errorTypeRange = r
      case .provider: scan.providerRange = r
      case .kind:
        if !Cursor.pick(&scan.kind, p, r, ("model", .model), ("agent", .agent), ("prompt", .prompt)) {
          note(fi, .kind)
        }
      case .route:
        if !Cursor.pick(&scan.route, p, r, ("stable", .stable), ("canary", .canary), ("shadow", .shadow)) {
          note(fi, .route)
        }
      case .status:
        if !Cursor.pick(&scan.status, p, r, ("ok", .ok), ("error", .error), ("timeout", .timeout)) {
          note(fi, .status)
        }
      case .guardrail:
        if !Cursor.pick(&scan.guardrail, p, r, ("pass", .pass), ("fail", .fail)) { note(fi, .guardrail) }
      default: break
      }
    }

    @inline(__always) mutating func number(_ f: FlightDeckField, _ v: Double) {
      let fi = f.rawValue
      // Notes a negative value, or one above `max` as `overMax`.
      @inline(__always) func bound(_ max: Double, _ overMax: Problem) {
        if v < 0 {
          note(fi, .nonNegative)
        } else if v > max {
          note(fi, overMax)
        }
      }
      switch f {
      case .latencyMs:
        bound(TelemetryBounds.maxMilliseconds, .millisecondsRange)
        scan.latencyMs = v
      case .costUSD:
        bound(TelemetryBounds.maxCostUSD, .costRange)
        scan.costUSD = v
      case .recomputedCostUSD:
        bound(TelemetryBounds.maxCostUSD, .costRange)
        scan.recomputedCostUSD = v
      case .ttftMs:
        bound(TelemetryBounds.maxMilliseconds, .millisecondsRange)
        scan.ttftMs = v
      case .score:
        if !(v >= 0 && v <= 1) { note(fi, .unitInterval) }
        scan.score = v
      default: break
      }
    }

    /// The token parts must fit in their totals (``TokenUsage``), and the
    /// first token must come by the end of the call: checked once every
    /// field is valid, in the general decoder's order.
    mutating func checkFieldRelations() {
      if scan.cacheReadTokens > scan.inputTokens {
        note(FlightDeckField.cacheReadTokens.rawValue, .cacheReadExceedsInput)
      } else if scan.cacheReadTokens + scan.cacheWriteTokens > scan.inputTokens {
        note(FlightDeckField.cacheWriteTokens.rawValue, .cacheExceedsInput)
      } else if scan.reasoningTokens > scan.outputTokens {
        note(FlightDeckField.reasoningTokens.rawValue, .reasoningExceedsOutput)
      } else if let ttft = scan.ttftMs, ttft > scan.latencyMs {
        note(FlightDeckField.ttftMs.rawValue, .ttftExceedsLatency)
      }
    }

    /// Remembers an unknown top-level name (up to four, without allocating);
    /// declines a repeated one (refused by the general decoder) or a fifth.
    mutating func noteUnknownKey(_ key: Range<Int>) throws(Stop) {
      func same(_ r: Range<Int>) -> Bool {
        r.count == key.count && memcmp(p + r.lowerBound, p + key.lowerBound, key.count) == 0
      }
      switch unknownCount {
      case 0: unknownKeys.0 = key
      case 1:
        if same(unknownKeys.0) { throw .decline("duplicate key") }
        unknownKeys.1 = key
      case 2:
        if same(unknownKeys.0) || same(unknownKeys.1) { throw .decline("duplicate key") }
        unknownKeys.2 = key
      case 3:
        if same(unknownKeys.0) || same(unknownKeys.1) || same(unknownKeys.2) {
          throw .decline("duplicate key")
        }
        unknownKeys.3 = key
      default: throw .decline("more than four unknown keys")
      }
      unknownCount += 1
    }

    /// Consumes `null` if it is there.
    @inline(__always) mutating func literalNull() throws(Stop) -> Bool {
      guard byte == 0x6E else { return false }
      guard n - i >= 4, p[i + 1] == 0x75, p[i + 2] == 0x6C, p[i + 3] == 0x6C else { throw .syntax }
      i += 4
      return true
    }

    /// Skips any JSON value at `i`, validating its syntax.
    mutating func skipValue(depth: Int) throws(Stop) {
      guard depth <= 512 else { throw .decline("nesting too deep") }
      let b = byte
      switch b {
      case 0x22: _ = try string()
      case 0x7B:
        i += 1
        skipWhitespace()
        if byte == 0x7D {
          i += 1
          return
        }
        while true {
          guard byte == 0x22 else { throw .syntax }
          _ = try string()
          skipWhitespace()
          guard byte == 0x3A else { throw .syntax }
          i += 1
          skipWhitespace()
          try skipValue(depth: depth + 1)
          skipWhitespace()
          if byte == 0x2C {
            i += 1
            skipWhitespace()
            continue
          }
          guard byte == 0x7D else { throw .syntax }
          i += 1
          return
        }
      case 0x5B:
        i += 1
        skipWhitespace()
        if byte == 0x5D {
          i += 1
          return
        }
        while true {
          try skipValue(depth: depth + 1)
          skipWhitespace()
          if byte == 0x2C {
            i += 1
            skipWhitespace()
            continue
          }
          guard byte == 0x5D else { throw .syntax }
          i += 1
          return
        }
      case 0x74: try literal("true")
      case 0x66: try literal("false")
      case 0x6E: try literal("null")
      default:
        if b == 0x2D || b &- 0x30 < 10 {
          guard case .number(_, _, let end) = JSONNumberParser.parse(p, i, n) else {
            throw .decline("unusual number")
          }
          i = end
        } else if i >= n {
          throw .syntax
        } else {
          throw .decline("unexpected byte in value")
        }
      }
    }

    mutating func literal(_ s: StaticString) throws(Stop) {
      let len = s.utf8CodeUnitCount
      guard n - i >= len, memcmp(p + i, s.utf8Start, len) == 0 else { throw .syntax }
      i += len
    }
  }
}

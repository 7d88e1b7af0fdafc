import Foundation

/// A strict, iterative reader of one JSON text (RFC 8259), the single
/// authority on what the telemetry decoders accept as JSON.
///
/// `FlightDeckLineScanner` either gives the answer this reader's rules give or
/// declines; `FlightDeckGeneralDecoder` reads every declined line with it; the
/// OTLP document path runs it before handing the text to Foundation. The rules
/// (documented in the TelemetrySchema article, "JSON rules"):
/// - the grammar of RFC 8259 exactly: whitespace is space, tab, line feed and
///   carriage return only; no trailing commas, comments, leading zeros,
///   `NaN`, single quotes or text after the value; raw control bytes in
///   strings are refused; `\u` escapes of unpaired surrogates are refused
///   (I-JSON, RFC 7493 §2.1);
/// - a byte-order mark U+FEFF, raw or escaped, anywhere — before the object,
///   between tokens or inside a string — refuses the line (RFC 8259 §8.1: it
///   is not whitespace; inside a name it would split one series in two);
/// - names are compared after unescaping, code point by code point (RFC 8259
///   §8.3); a name repeated in the top-level object refuses the line (I-JSON,
///   RFC 7493 §2.3), and with `duplicatesAtEveryLevel` in any object;
/// - values of members that are not kept are checked for syntax only: any
///   nesting depth up to `maxDepth` (the reader keeps its own stack, one bit
///   per open bracket, so a line's depth is bounded by its size only) and any
///   number (`1e999` is syntax, not a value, there).
///
/// A syntax error is located (byte offset, line, byte column) and named
/// (``JSONSyntaxError``, ``JSONSyntaxCause``) only once found: the good path
/// keeps no position. Problems are reported in this order: invalid JSON, not an object,
/// byte-order mark (the first in the text), duplicate key (the first). Input must be
/// valid UTF-8 (the callers check it first).
struct StrictJSONReader {
  /// Why a text was refused.
  enum Problem: Error, Equatable {
    /// Not JSON text: where and why.
    case invalidJSON(JSONSyntaxError)
    /// JSON, but its top-level value is not an object.
    case notAnObject
    /// A U+FEFF; `field`: the top-level member whose value holds it.
    case byteOrderMark(field: String?)
    /// A repeated name; `field`: the name (top level) or the top-level
    /// member holding the object (nested).
    case duplicateKey(field: String?, name: String, nested: Bool)

    /// The decode error for this problem.
    var error: TelemetryDecodeError {
      typealias R = TelemetryDecodeError.Reason
      switch self {
      case .invalidJSON(let syntax): return TelemetryDecodeError(field: nil, reason: syntax.reason)
      case .notAnObject: return TelemetryDecodeError(field: nil, reason: R.notAnObject)
      case .byteOrderMark(let field): return TelemetryDecodeError(field: field, reason: R.byteOrderMark)
      case .duplicateKey(let field, let name, let nested):
        return TelemetryDecodeError(
          field: field, reason: nested ? R.duplicateNestedKey(name) : R.duplicateKey)
      }
    }
  }

  /// Reads `text`, whose top-level value must be an object.
  ///
  /// - Parameters:
  ///   - text: valid UTF-8.
  ///   - keep: names of top-level members whose values are returned.
  ///   - duplicatesAtEveryLevel: refuse repeated names in nested objects too.
  ///   - maxDepth: open brackets allowed at once (deeper is invalid JSON).
  ///   - arrays: accept a top-level array too (its checks are the same; no
  ///     member is kept).
  ///   - finiteNumbers: refuse a number whose value is beyond the range of a
  ///     Double (`1e999`) as ``JSONSyntaxCause/numberOutOfRange``, for texts
  ///     Foundation builds afterwards (it refuses them without a location).
  /// - Returns: the kept members, Foundation-style: `String`, `NSNumber`
  ///   (a number read with `strtod`, correctly rounded; `true`/`false` as
  ///   boolean `NSNumber`s), `NSNull`, and an empty `[Any]` or
  ///   `[String: Any]` standing for an array or object (only its type is
  ///   kept); or the first problem (see the type's order).
  static func read(
    _ text: UnsafeRawBufferPointer, keep: Set<String>, duplicatesAtEveryLevel: Bool = false,
    maxDepth: Int = .max, arrays: Bool = false, finiteNumbers: Bool = false
  ) -> Result<[String: Any], Problem> {
    guard let base = text.baseAddress, text.count > 0 else {
      return .failure(
        .invalidJSON(JSONSyntaxError(offset: 0, line: 1, column: 1, multiline: false, cause: .empty)))
    }
    let p = base.assumingMemoryBound(to: UInt8.self)
    var reader = StrictJSONReader(
      p: p, n: text.count, keep: keep, duplicatesAtEveryLevel: duplicatesAtEveryLevel, maxDepth: maxDepth,
      finiteNumbers: finiteNumbers)
    guard reader.run() else {
      let failure = reader.failure ?? (.empty, reader.i)
      return .failure(
        .invalidJSON(JSONSyntaxError(offset: failure.at, in: p, count: text.count, cause: failure.cause)))
    }
    if !reader.topIsObject,
      !(arrays && text.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) == 0x5B)
    {
      return .failure(.notAnObject)
    }
    if let problem = reader.byteOrderMark ?? reader.duplicate { return .failure(problem) }
    return .success(reader.kept)
  }

  private enum State { case value, key, afterValue }

  private let p: UnsafePointer<UInt8>
  private let n: Int
  private let keep: Set<String>
  private let duplicatesAtEveryLevel: Bool
  private var i = 0
  private let maxDepth: Int
  private let finiteNumbers: Bool
  /// The first syntax error: its cause and the offset it is reported at.
  private var failure: (cause: JSONSyntaxCause, at: Int)?
  /// Open brackets: `depth` of them; bit `d % 64` of word `d / 64` of
  /// `kinds` is set when the one at depth `d + 1` is an object (one bit per
  /// level, so a line of brackets costs an eighth of its size).
  private var depth = 0
  private var kinds: [UInt64] = []
  /// The names seen so far in each open object that checks them.
  private var names: [Set<[UInt8]>] = []
  private var topIsObject = false
  private var topKey: String?
  private var kept: [String: Any] = [:]
  /// The first byte-order mark, and the first repeated name, in the text.
  private var byteOrderMark: Problem?
  private var duplicate: Problem?
  private var buffer: [UInt8] = []

  private init(
    p: UnsafePointer<UInt8>, n: Int, keep: Set<String>, duplicatesAtEveryLevel: Bool, maxDepth: Int,
    finiteNumbers: Bool
  ) {
    self.finiteNumbers = finiteNumbers
    self.p = p
    self.n = n
    self.keep = keep
    self.duplicatesAtEveryLevel = duplicatesAtEveryLevel
    self.maxDepth = maxDepth
  }

  /// Records the first syntax error; always `false`, for `return fail(…)`.
  private mutating func fail(_ cause: JSONSyntaxCause, at offset: Int) -> Bool {
    failure = (cause, offset)
    return false
  }

  /// The character at `k`, shown safely (``JSONSyntaxCause/show(_:)``).
  private func found(_ k: Int) -> String { JSONSyntaxCause.show(p, at: k, end: n) }

  /// The innermost open bracket, for ``JSONSyntaxCause/truncated(inside:)``.
  private var container: JSONSyntaxCause.Container { innermostIsObject ? .object : .array }

  /// Why no value can start at `i` (`i < n`): a hint for the usual
  /// non-JSON spellings, else the character found.
  private func notAValue(_ k: Int) -> JSONSyntaxCause {
    func at(_ s: StaticString) -> Bool {
      n - k >= s.utf8CodeUnitCount && memcmp(p + k, s.utf8Start, s.utf8CodeUnitCount) == 0
    }
    switch p[k] {
    case 0x27: return .singleQuote
    case 0x2F where k + 1 < n && (p[k + 1] == 0x2F || p[k + 1] == 0x2A): return .comment
    case 0x4E where at("NaN"): return .notJSONConstant("NaN")
    case 0x49 where at("Infinity"): return .notJSONConstant("Infinity")
    default: return .expectedValue(found: found(k))
    }
  }

  /// Whether the innermost open bracket is an object.
  private var innermostIsObject: Bool { kinds[(depth - 1) >> 6] & (1 << UInt64((depth - 1) & 63)) != 0 }

  private var checksNames: Bool { depth == 1 || duplicatesAtEveryLevel }

  /// Opens a bracket; `false` beyond `maxDepth`.
  private mutating func push(isObject: Bool) -> Bool {
    guard depth < maxDepth else { return false }
    if depth >> 6 == kinds.count { kinds.append(0) }
    let bit: UInt64 = 1 << UInt64(depth & 63)
    if isObject { kinds[depth >> 6] |= bit } else { kinds[depth >> 6] &= ~bit }
    depth += 1
    if isObject && checksNames { names.append([]) }
    return true
  }

  private mutating func pop() {
    if innermostIsObject && checksNames { names.removeLast() }
    depth -= 1
  }

  private mutating func note(_ problem: Problem) {
    if case .byteOrderMark = problem {
      if byteOrderMark == nil { byteOrderMark = problem }
    } else if duplicate == nil {
      duplicate = problem
    }
  }

  /// Skips whitespace; a raw U+FEFF (EF BB BF) there is noted and skipped,
  /// so the rest of the text is still checked for syntax.
  private mutating func skipWhitespace() {
    while i < n {
      let b = p[i]
      if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
        i += 1
      } else if b == 0xEF, i + 2 < n, p[i + 1] == 0xBB, p[i + 2] == 0xBF {
        note(.byteOrderMark(field: topKey))
        i += 3
      } else {
        break
      }
    }
  }

  /// Parses the whole text; `false` on a syntax error.
  private mutating func run() -> Bool {
    var state = State.value
    var afterComma = false
    while true {
      skipWhitespace()
      let comma = afterComma
      afterComma = false
      switch state {
      case .value:
        guard i < n else { return fail(depth == 0 ? .empty : .truncated(inside: container), at: n) }
        let b = p[i]
        switch b {
        case 0x7B, 0x5B:
          let isObject = b == 0x7B
          if depth == 0 {
            topIsObject = isObject
          } else if depth == 1, let key = topKey, keep.contains(key) {
            kept[key] = isObject ? [String: Any]() as Any : [Any]() as Any
          }
          guard push(isObject: isObject) else { return fail(.tooDeep(limit: maxDepth), at: i) }
          i += 1
          skipWhitespace()
          if i < n, p[i] == (isObject ? 0x7D : 0x5D) {
            i += 1
            pop()
            state = .afterValue
          } else {
            state = isObject ? .key : .value
          }
          continue
        case 0x22:
          guard string() else { return false }
          if depth == 1, let key = topKey, keep.contains(key) {
            kept[key] = String(decoding: buffer, as: UTF8.self)
          }
        case 0x74:
          guard literal("true") else { return false }
          store(NSNumber(value: true))
        case 0x66:
          guard literal("false") else { return false }
          store(NSNumber(value: false))
        case 0x6E:
          guard literal("null") else { return false }
          store(NSNull())
        case 0x5D where comma:
          return fail(.trailingComma(closer: "]"), at: i)
        default:
          guard b == 0x2D || b &- 0x30 < 10 else { return fail(notAValue(i), at: i) }
          let start = i
          guard number() else { return false }
          if depth == 1, let key = topKey, keep.contains(key) {
            kept[key] = NSNumber(value: JSONNumberParser.slowParse(p, start, i))
          }
        }
        state = .afterValue
      case .key:
        guard i < n else { return fail(.truncated(inside: .object), at: n) }
        guard p[i] == 0x22 else {
          if comma, p[i] == 0x7D { return fail(.trailingComma(closer: "}"), at: i) }
          return fail(p[i] == 0x27 ? .singleQuote : .expectedName(found: found(i)), at: i)
        }
        guard string() else { return false }
        if checksNames {
          if names[names.count - 1].insert(buffer).inserted == false {
            let name = String(decoding: buffer, as: UTF8.self)
            if depth == 1 {
              note(.duplicateKey(field: name, name: name, nested: false))
            } else {
              note(.duplicateKey(field: topKey, name: name, nested: true))
            }
          }
        }
        if depth == 1 {
          topKey = String(decoding: buffer, as: UTF8.self)
        }
        skipWhitespace()
        guard i < n else { return fail(.truncated(inside: .object), at: n) }
        guard p[i] == 0x3A else { return fail(.expectedColon(found: found(i)), at: i) }
        i += 1
        state = .value
      case .afterValue:
        guard depth > 0 else { return i == n || fail(.trailingText(found: found(i)), at: i) }
        guard i < n else { return fail(.truncated(inside: container), at: n) }
        let b = p[i]
        let isObject = innermostIsObject
        if b == 0x2C {
          i += 1
          afterComma = true
          if depth == 1 { topKey = nil }
          state = isObject ? .key : .value
        } else if b == (isObject ? 0x7D : 0x5D) {
          i += 1
          pop()
          if depth == 0 { topKey = nil }
        } else {
          return fail(.expectedCommaOrClose(inObject: isObject, found: found(i)), at: i)
        }
      }
    }
  }

  private mutating func store(_ value: Any) {
    if depth == 1, let key = topKey, keep.contains(key) { kept[key] = value }
  }

  private mutating func literal(_ s: StaticString) -> Bool {
    let len = s.utf8CodeUnitCount
    if n - i >= len, memcmp(p + i, s.utf8Start, len) == 0 {
      i += len
      return true
    }
    if n - i < len, memcmp(p + i, s.utf8Start, n - i) == 0 {
      return fail(.truncated(inside: .literal), at: i)
    }
    return fail(.invalidLiteral(expected: "\(s)"), at: i)
  }

  /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`,
  /// at `i` (on `-` or a digit). An error is reported where Python's `json`
  /// reports it: a `-` without digits at the `-`, a fraction or exponent
  /// without digits at its `.` or `e`, a digit after a leading zero at that
  /// digit.
  private mutating func number() -> Bool {
    func digits(_ i: inout Int) -> Int {
      let start = i
      while i < n, p[i] &- 0x30 < 10 { i += 1 }
      return i - start
    }
    let start = i
    if p[i] == 0x2D {
      i += 1
      guard i < n else { return fail(.truncated(inside: .number), at: start) }
      if n - i >= 8, memcmp(p + i, "Infinity", 8) == 0 {
        return fail(.notJSONConstant("-Infinity"), at: start)
      }
    }
    var integerDigits = 1
    if p[i] == 0x30 {
      i += 1
      if i < n, p[i] &- 0x30 < 10 { return fail(.leadingZero, at: i) }
    } else if p[i] &- 0x31 < 9 {
      integerDigits = digits(&i)
    } else {
      return fail(.expectedDigit(after: "'-'"), at: start)
    }
    if i < n, p[i] == 0x2E {
      let dot = i
      i += 1
      guard digits(&i) > 0 else {
        return fail(
          i == n ? .truncated(inside: .number) : .expectedDigit(after: "the decimal point"), at: dot)
      }
    }
    var hasExponent = false
    if i < n, p[i] | 0x20 == 0x65 {
      hasExponent = true
      let e = i
      i += 1
      if i < n, p[i] == 0x2B || p[i] == 0x2D { i += 1 }
      guard digits(&i) > 0 else {
        return fail(i == n ? .truncated(inside: .number) : .expectedDigit(after: "the exponent's 'e'"), at: e)
      }
    }
    // Only an exponent or more than 308 integer digits can pass DBL_MAX
    // (1.8e308): other numbers are not parsed here (Foundation parses them once).
    if finiteNumbers, hasExponent || integerDigits > 308, !JSONNumberParser.slowParse(p, start, i).isFinite {
      return fail(.numberOutOfRange, at: start)
    }
    return true
  }

  /// Reads the string at `i` (on its opening quote) into `buffer`, unescaped,
  /// as UTF-8; `false` on a syntax error.
  private mutating func string() -> Bool {
    buffer.removeAll(keepingCapacity: true)
    let field = topKey
    let quote = i
    i += 1
    while true {
      guard i < n else { return fail(.unterminatedString, at: quote) }
      let b = p[i]
      if b == 0x22 {
        i += 1
        return true
      }
      if b < 0x20 { return fail(.controlCharacter(b), at: i) }
      if b == 0xEF, i + 2 < n, p[i + 1] == 0xBB, p[i + 2] == 0xBF { note(.byteOrderMark(field: field)) }
      if b != 0x5C {
        buffer.append(b)
        i += 1
        continue
      }
      guard i + 1 < n else { return fail(.unterminatedString, at: quote) }
      let backslash = i
      let e = p[i + 1]
      i += 2
      if let decoded = JSONEscape.byte(e) {
        buffer.append(decoded)
        continue
      }
      guard e == 0x75 else { return fail(.invalidEscape(found: found(backslash + 1)), at: backslash) }
      let u = i - 1
      guard var scalar = hex4() else { return fail(.invalidUnicodeEscape, at: u) }
      if scalar >= 0xD800 && scalar <= 0xDBFF {
        guard i + 1 < n, p[i] == 0x5C, p[i + 1] == 0x75 else { return fail(.loneSurrogate(scalar), at: u) }
        i += 2
        guard let low = hex4() else { return fail(.invalidUnicodeEscape, at: i - 1) }
        guard low >= 0xDC00 && low <= 0xDFFF else { return fail(.loneSurrogate(scalar), at: u) }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
        return fail(.loneSurrogate(scalar), at: u)
      }
      if scalar == 0xFEFF { note(.byteOrderMark(field: field)) }
      guard let scalarValue = Unicode.Scalar(scalar) else { return fail(.loneSurrogate(scalar), at: u) }
      UTF8.encode(scalarValue) { buffer.append($0) }
    }
  }

  private mutating func hex4() -> UInt32? {
    guard let v = JSONHexDigits.value(p, at: i, end: n) else { return nil }
    i += 4
    return v
  }
}

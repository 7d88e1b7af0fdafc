import Foundation

/// The JSON tokeniser of the OTLP/JSON fast paths, ``OTLPJSONTraceReader``
/// and ``OTLPJSONSpanScanner``: a cursor over one text's bytes that reads
/// token by token (RFC 8259) and *declines* (throws ``Decline``) whatever
/// Foundation's `JSONSerialization` and the strict rules
/// (``StrictJSONReader``, the TelemetrySchema article's "JSON rules") might
/// read otherwise, so that the reader using it can hand the text to the
/// Foundation path, whose answer (records or the located error) then stands.
/// Each reader keeps only its structure: which members it reads and what it
/// makes of them.
///
/// It accepts: whitespace (space, tab, line feed, carriage return) between
/// tokens; member names of plain ASCII text; strings of valid UTF-8 with the
/// escapes of RFC 8259 §7; `true`, `false`, `null`; an integer literal
/// within int64 (a negative one of at most 18 digits); a number with a
/// fraction or an exponent of at most 15 significand digits that is a finite
/// double; objects and arrays nested at most ``maxDepth`` deep.
///
/// It declines, and why:
/// - a syntax error of any kind, and the end of the text inside a token;
/// - invalid UTF-8 in a string, and U+FEFF raw or escaped anywhere in one
///   (the strict rules refuse a byte-order mark: Foundation would not);
/// - a raw control byte in a string, an escape other than RFC 8259's, a
///   `\u` escape of an unpaired surrogate (I-JSON, RFC 7493 §2.1);
/// - an escape, a control byte or a non-ASCII byte in a member name (names
///   compare after unescaping, and Swift compares strings by canonical
///   equivalence: a byte comparison could differ);
/// - a name repeated in one object (``noteName(_:from:)``: the strict rules
///   refuse it at every level of an OTLP document);
/// - nesting deeper than ``maxDepth`` (Foundation's limit is 512; no
///   exporter nests a tenth as deep);
/// - an integer literal outside int64 or a negative one of 19 digits, a
///   number longer than 64 bytes or of more than 15 significand digits
///   (Foundation reads these as `NSDecimalNumber`s, whose int64 is the exact
///   decimal value, not the double's), and an exponent that takes a double
///   out of range.
///
/// ``FlightDeckLineScanner`` keeps its own cursor: it classifies what it
/// refuses (a syntax error, invalid UTF-8, a decline with its reason) to
/// name the error itself, reads any depth up to 512 and declines every
/// escape; ``StrictJSONReader`` reports problems in order, reads any number
/// and compares names after unescaping. Neither has these rules.
///
/// Positions are byte offsets into the text; ranges are half-open.
struct JSONByteCursor {
  /// The text is left to the Foundation path.
  struct Decline: Error {}

  /// Deepest nesting read; deeper declines.
  static let maxDepth = 64

  /// The text's bytes (valid while the reader reads them).
  private(set) var p: UnsafePointer<UInt8>
  /// The text's length in bytes.
  private(set) var n: Int
  /// The position: the next byte to read.
  var i = 0
  /// Objects and arrays open at the cursor.
  var depth = 0
  /// Names of the open objects (start and length, in pairs), to find a
  /// repeated one. The array is never shrunk: closing an object only lowers
  /// ``openCount``.
  var openNames: [Int] = []
  /// The entries of ``openNames`` in use.
  var openCount = 0

  /// A cursor at the start of `count` bytes at `p`.
  init(_ p: UnsafePointer<UInt8>, count: Int) {
    self.p = p
    self.n = count
  }

  /// A cursor over no text, for a reader that gets its text later
  /// (``start(_:count:)``).
  init() {
    self.init(UnsafePointer<UInt8>(bitPattern: 0x1)!, count: 0)
  }

  /// Starts reading `count` bytes at `p`: position 0, nothing open (the
  /// storage of ``openNames`` is kept).
  @inline(__always)
  mutating func start(_ p: UnsafePointer<UInt8>, count: Int) {
    self.p = p
    n = count
    i = 0
    depth = 0
    openCount = 0
  }

  // MARK: Structure

  @inline(__always)
  mutating func skipWhitespace() {
    while i < n {
      let b = p[i]
      guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
      i += 1
    }
  }

  /// Skips whitespace; declines unless an object (`{`) follows.
  @inline(__always)
  mutating func requireObject() throws(Decline) {
    skipWhitespace()
    guard i < n, p[i] == 0x7B else { throw Decline() }
  }

  /// Skips whitespace; declines unless an array (`[`) follows.
  @inline(__always)
  mutating func requireArray() throws(Decline) {
    skipWhitespace()
    guard i < n, p[i] == 0x5B else { throw Decline() }
  }

  /// On `{`: consumes it; `true` when a member follows.
  @inline(__always)
  mutating func beginObject() throws(Decline) -> Bool { try begin(closedBy: 0x7D) }

  /// After a member's value: `true` on `,`, `false` on `}` (consumed).
  @inline(__always)
  mutating func nextMember() throws(Decline) -> Bool { try next(closedBy: 0x7D) }

  /// On `[`: consumes it; `true` when an element follows.
  @inline(__always)
  mutating func beginArray() throws(Decline) -> Bool { try begin(closedBy: 0x5D) }

  /// After an element: `true` on `,`, `false` on `]` (consumed).
  @inline(__always)
  mutating func nextElement() throws(Decline) -> Bool { try next(closedBy: 0x5D) }

  /// On `{` or `[`: consumes it; `true` when a member or element follows,
  /// `false` when `close` (`}` or `]`) does (consumed).
  @inline(__always)
  private mutating func begin(closedBy close: UInt8) throws(Decline) -> Bool {
    guard depth < Self.maxDepth else { throw Decline() }
    depth += 1
    i += 1
    skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == close {
      i += 1
      depth -= 1
      return false
    }
    return true
  }

  /// After a member or element: `true` on `,`, `false` on `close` (consumed).
  @inline(__always)
  private mutating func next(closedBy close: UInt8) throws(Decline) -> Bool {
    skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == 0x2C {
      i += 1
      return true
    }
    guard p[i] == close else { throw Decline() }
    i += 1
    depth -= 1
    return false
  }

  /// Skips whitespace and opens the object that must follow (checking
  /// that it is one): the ``openCount`` its names start at, to give to
  /// ``name(noting:)`` and ``nextMember(droppingNamesTo:)``, when a member
  /// follows; `nil` for `{}` (consumed).
  @inline(__always)
  mutating func beginMembers() throws(Decline) -> Int? {
    try requireObject()
    let mark = openCount
    return try beginObject() ? mark : nil
  }

  /// A member's name and its `:`, noted among the names of the object
  /// whose names start at `mark` (a repeated one declines).
  @inline(__always)
  mutating func name(noting mark: Int) throws(Decline) -> Range<Int> {
    let name = try key()
    try noteName(name, from: mark)
    return name
  }

  /// After a member's value: `true` on `,`; on `}` (consumed) the object's
  /// names, from `mark` on, are dropped and `false`.
  @inline(__always)
  mutating func nextMember(droppingNamesTo mark: Int) throws(Decline) -> Bool {
    if try nextMember() { return true }
    openCount = mark
    return false
  }

  /// Adds `name` to the names of the object whose names start at `mark` in
  /// ``openNames``; declines when it is already there.
  @inline(__always)
  mutating func noteName(_ name: Range<Int>, from mark: Int) throws(Decline) {
    var k = mark
    while k < openCount {
      if openNames[k + 1] == name.count, memcmp(p + openNames[k], p + name.lowerBound, name.count) == 0 {
        throw Decline()
      }
      k += 2
    }
    if openCount == openNames.count {
      openNames.append(name.lowerBound)
      openNames.append(name.count)
    } else {
      openNames[openCount] = name.lowerBound
      openNames[openCount + 1] = name.count
    }
    openCount += 2
  }

  // MARK: Tokens

  /// A member name and its `:`; a name with an escape, a control byte or a
  /// non-ASCII byte declines.
  @inline(__always)
  mutating func key() throws(Decline) -> Range<Int> {
    skipWhitespace()
    guard i < n, p[i] == 0x22 else { throw Decline() }
    i += 1
    let start = i
    skipPlainText()
    while i < n {
      let b = p[i]
      if b == 0x22 { break }
      guard b >= 0x20, b < 0x80, b != 0x5C else { throw Decline() }
      i += 1
    }
    guard i < n else { throw Decline() }
    let end = i
    i += 1
    skipWhitespace()
    guard i < n, p[i] == 0x3A else { throw Decline() }
    i += 1
    return start..<end
  }

  /// Moves the cursor, eight bytes at a time, to the first byte that is not
  /// plain ASCII text (a quote, a backslash, a control or non-ASCII byte),
  /// or to within eight bytes of the end.
  @inline(__always)
  private mutating func skipPlainText() {
    while i + 8 <= n {
      let mask = Self.special(UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
      if mask != 0 {
        i += mask.trailingZeroBitCount >> 3
        return
      }
      i += 8
    }
  }

  /// The high bit of each byte of `w` that is a quote, a backslash, a
  /// control byte (below 0x20) or a non-ASCII byte; the lowest set bit marks
  /// the first such byte exactly (bits above it may be false alarms): the
  /// "haszero" and "hasless" tests of Anderson's Bit Twiddling Hacks.
  @inline(__always)
  static func special(_ w: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    let quote = w ^ (ones &* 0x22)
    let backslash = w ^ (ones &* 0x5C)
    let zeroQuote = (quote &- ones) & ~quote
    let zeroBackslash = (backslash &- ones) & ~backslash
    let control = (w &- ones &* 0x20) & ~w
    return (zeroQuote | zeroBackslash | control | w) & high
  }

  /// Checks and skips any value at the cursor (after whitespace).
  mutating func skipValue() throws(Decline) {
    skipWhitespace()
    guard i < n else { throw Decline() }
    switch p[i] {
    case 0x22: _ = try stringToken()
    case 0x7B:
      guard let mark = try beginMembers() else { return }
      repeat {
        _ = try name(noting: mark)
        try skipValue()
      } while try nextMember(droppingNamesTo: mark)
    case 0x5B:
      if try beginArray() {
        repeat { try skipValue() } while try nextElement()
      }
    case 0x74: guard literal("true") else { throw Decline() }
    case 0x66: guard literal("false") else { throw Decline() }
    case 0x6E: guard literal("null") else { throw Decline() }
    default: _ = try number()
    }
  }

  /// Consumes `s` when the bytes at the cursor are `s`.
  @inline(__always)
  mutating func literal(_ s: StaticString) -> Bool {
    let len = s.utf8CodeUnitCount
    guard n - i >= len, memcmp(p + i, s.utf8Start, len) == 0 else { return false }
    i += len
    return true
  }

  /// A number at the cursor (RFC 8259 §6), read and declined as the type
  /// says: the value of an integer literal, `nil` for a number with a
  /// fraction or an exponent (its bytes end at the cursor; ``double(from:)``
  /// reads its value).
  ///
  /// Without an exponent, at most 15 digits are a finite double below 10^15
  /// that ``JSONNumberParser`` reads exactly (its fast path: a mantissa below
  /// 2^53, a power of ten from 10^-15 to 1), over the same bytes; so the
  /// double is read here only when an exponent might take it out of range.
  mutating func number() throws(Decline) -> Int64? {
    let start = i
    var j = i
    let negative = p[j] == 0x2D
    if negative { j += 1 }
    guard j < n else { throw Decline() }
    let digitsStart = j
    if p[j] == 0x30 {
      j += 1
    } else if p[j] &- 0x31 < 9 {
      while j < n, p[j] &- 0x30 < 10 { j += 1 }
    } else {
      throw Decline()
    }
    let integerEnd = j
    var isInteger = true
    if j < n, p[j] == 0x2E {
      isInteger = false
      j += 1
      let s = j
      while j < n, p[j] &- 0x30 < 10 { j += 1 }
      guard j > s else { throw Decline() }
    }
    var hasExponent = false
    if j < n, p[j] | 0x20 == 0x65 {
      isInteger = false
      hasExponent = true
      j += 1
      if j < n, p[j] == 0x2B || p[j] == 0x2D { j += 1 }
      let s = j
      while j < n, p[j] &- 0x30 < 10 { j += 1 }
      guard j > s else { throw Decline() }
    }
    guard j - start <= 64 else { throw Decline() }
    if isInteger {
      let count = integerEnd - digitsStart
      guard count <= (negative ? 18 : 19) else { throw Decline() }
      var v: UInt64 = 0
      for k in digitsStart..<integerEnd { v = v &* 10 &+ UInt64(p[k] &- 0x30) }
      guard v <= UInt64(Int64.max) else { throw Decline() }
      i = j
      return negative ? -Int64(v) : Int64(v)
    }
    var significant = 0
    for k in digitsStart..<j {
      let c = p[k]
      if c | 0x20 == 0x65 { break }
      if c &- 0x30 < 10 { significant += 1 }
    }
    guard significant <= 15 else { throw Decline() }
    if hasExponent {
      guard double(start, j) != nil else { throw Decline() }
    }
    i = j
    return nil
  }

  /// The value of the number ``number()`` read from `start` to the cursor
  /// when it returned `nil`: correctly rounded (``JSONNumberParser``).
  /// Declines when it is not a finite double (``number()`` declined that
  /// already).
  @inline(__always)
  func double(from start: Int) throws(Decline) -> Double {
    guard let d = double(start, i) else { throw Decline() }
    return d
  }

  /// `p[start..<end]` read as a whole by ``JSONNumberParser``, when it is a
  /// finite double.
  @inline(__always)
  private func double(_ start: Int, _ end: Int) -> Double? {
    guard case .number(let d, _, let stop) = JSONNumberParser.parse(p, start, end), stop == end, d.isFinite
    else { return nil }
    return d
  }

  /// A string at the cursor (on its quote): the bytes between the quotes,
  /// whether they hold escapes, and whether they are plain (no escape, no
  /// non-ASCII byte). Declines on a raw control byte, an invalid escape, an
  /// unpaired surrogate, invalid UTF-8 and U+FEFF (raw or escaped).
  @inline(__always)
  mutating func stringToken() throws(Decline) -> (range: Range<Int>, escaped: Bool, plain: Bool) {
    i += 1
    let start = i
    var escaped = false
    var high = false
    while true {
      skipPlainText()
      guard i < n else { throw Decline() }
      let b = p[i]
      if b == 0x22 { break }
      if b < 0x20 { throw Decline() }
      if b == 0x5C {
        escaped = true
        try escape()
        continue
      }
      if b >= 0x80 { high = true }
      i += 1
    }
    let end = i
    i += 1
    if high {
      guard UTF8Validation.firstInvalid(p, from: start, to: end) == nil else { throw Decline() }
      var k = start
      while k + 2 < end {
        if p[k] == 0xEF, p[k + 1] == 0xBB, p[k + 2] == 0xBF { throw Decline() }
        k += 1
      }
    }
    return (start..<end, escaped, !escaped && !high)
  }

  /// Checks the escape at the cursor (on its backslash) and moves past it.
  private mutating func escape() throws(Decline) {
    guard i + 1 < n else { throw Decline() }
    let e = p[i + 1]
    i += 2
    if JSONEscape.byte(e) != nil { return }
    guard e == 0x75 else { throw Decline() }
    let scalar = try hex4()
    if scalar >= 0xD800 && scalar <= 0xDBFF {
      guard i + 1 < n, p[i] == 0x5C, p[i + 1] == 0x75 else { throw Decline() }
      i += 2
      let low = try hex4()
      guard low >= 0xDC00 && low <= 0xDFFF else { throw Decline() }
    } else if (scalar >= 0xDC00 && scalar <= 0xDFFF) || scalar == 0xFEFF {
      throw Decline()
    }
  }

  private mutating func hex4() throws(Decline) -> UInt32 {
    guard let v = JSONHexDigits.value(p, at: i, end: n) else { throw Decline() }
    i += 4
    return v
  }

  // MARK: Values

  /// The text of a string token (checked by ``stringToken()``), its escapes
  /// decoded.
  func string(_ r: Range<Int>, escaped: Bool) -> String {
    let raw = UnsafeRawBufferPointer(start: p + r.lowerBound, count: r.count)
    guard escaped else { return String(decoding: raw, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(r.count)
    var k = r.lowerBound
    func hex(_ at: Int) -> UInt32 {
      var v: UInt32 = 0
      for m in 0..<4 {
        let c = p[at + m]
        v = v << 4 | UInt32(c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10)
      }
      return v
    }
    while k < r.upperBound {
      let b = p[k]
      guard b == 0x5C else {
        out.append(b)
        k += 1
        continue
      }
      let e = p[k + 1]
      k += 2
      if let decoded = JSONEscape.byte(e) {
        out.append(decoded)
        continue
      }
      // `\u`, checked by ``stringToken()``: four hex digits, a pair's second half after a first.
      var scalar = hex(k)
      k += 4
      if scalar >= 0xD800 && scalar <= 0xDBFF {
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hex(k + 2) - 0xDC00)
        k += 6
      }
      if let u = Unicode.Scalar(scalar) { UTF8.encode(u) { out.append($0) } }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether the bytes in `r` are all ASCII.
  func isASCII(_ r: Range<Int>) -> Bool {
    for k in r where p[k] >= 0x80 { return false }
    return true
  }

  /// Whether the bytes in `r` are `s`.
  @inline(__always)
  func isName(_ r: Range<Int>, _ s: StaticString) -> Bool {
    r.count == s.utf8CodeUnitCount && memcmp(p + r.lowerBound, s.utf8Start, r.count) == 0
  }

  /// Whether the `r.1` bytes from `r.0` are `s`.
  @inline(__always)
  func isName(_ r: (Int, Int), _ s: StaticString) -> Bool {
    r.1 == s.utf8CodeUnitCount && memcmp(p + r.0, s.utf8Start, r.1) == 0
  }
}

import Foundation

/// A byte-level reader of one OTLP/JSON `TracesData` text (a line of the
/// Collector's file exporter, or the body of an OTLP/HTTP JSON request), the
/// fast path of ``OTLPJSONDecoder``.
///
/// It reads the shapes exporters write (opentelemetry-proto, "JSON Protobuf
/// Encoding": lowerCamelCase names, hex ids, int64 as strings or numbers,
/// enums as integers or names, attributes as `{key, value: {stringValue |
/// intValue | doubleValue | boolValue | arrayValue | kvlistValue |
/// bytesValue}}`), members in any order, unknown members checked and
/// skipped, whitespace anywhere; and it gives, span by span, the same
/// ``OTLPSpanFields``, resource attributes and span rejections as
/// ``OTLPDecoder`` does on Foundation's tree.
///
/// It *declines* (throws ``Decline``) whatever it cannot answer with
/// certainty, so that the caller hands the text to the Foundation path, whose
/// answer (records or the located error) then stands: any text the strict
/// rules refuse or might refuse (a syntax error, invalid UTF-8, a byte-order
/// mark, a repeated name, an escape or a non-ASCII byte in a name, nesting
/// deeper than ``maxDepth``, a number Foundation reads other than as an
/// int64 or a finite double), a top-level member other than
/// `resourceSpans`, `instrumentationLibrarySpans`, and every structural
/// problem (a non-object where an object belongs, a `null` array, attributes
/// that are not key/value objects).
struct OTLPJSONTraceReader {
  /// The text is left to the Foundation path.
  struct Decline: Error {}

  /// One span as read: where it is, and its checked fields or the member at
  /// fault (`OTLPProblem.field`, e.g. `traceId`) and why.
  struct Span {
    /// Index in `scopeSpans`.
    var scope: Int
    /// Index in `spans`.
    var index: Int
    /// The checked span, or the problem.
    var outcome: Result<OTLPSpanFields, OTLPProblem>
  }

  /// One `resourceSpans` element: its index, its resource's attributes and
  /// its spans in text order.
  struct ResourceGroup {
    var index: Int
    var attributes: OTLPAttributes
    var spans: [Span]
  }

  /// Deepest nesting read (Foundation's is 512); deeper declines.
  static let maxDepth = 64

  private let p: UnsafePointer<UInt8>
  private let n: Int
  private var i = 0
  /// Names of the open objects, to find a repeated one (an object's first
  /// entry is at the index noted when it opened).
  private var names: [Range<Int>] = []
  /// The keys the mapping reads: other attributes are skipped.
  private let mapped: OTLPMappedKeys

  private init(p: UnsafePointer<UInt8>, n: Int, mapped: OTLPMappedKeys) {
    self.p = p
    self.n = n
    self.mapped = mapped
  }

  /// Reads `text`.
  /// - Parameter mapped: the attribute keys the GenAI mapping reads; an
  ///   attribute whose key is plain ASCII without escapes and not one of
  ///   them is checked and left out of the span's or resource's
  ///   ``OTLPAttributes`` (no lookup asks for it), every other attribute is
  ///   kept.
  /// - Returns: the `resourceSpans` elements in order, and whether the
  ///   member was present.
  /// - Throws: ``Decline`` (see the type).
  static func read(_ text: UnsafeRawBufferPointer, mapped: OTLPMappedKeys) throws(Decline) -> (
    groups: [ResourceGroup], hasResourceSpans: Bool
  ) {
    guard let base = text.baseAddress, text.count > 0 else { throw Decline() }
    var reader = OTLPJSONTraceReader(
      p: base.assumingMemoryBound(to: UInt8.self), n: text.count, mapped: mapped)
    return try reader.top()
  }

  // MARK: Document structure

  private mutating func top() throws(Decline) -> (groups: [ResourceGroup], hasResourceSpans: Bool) {
    var groups: [ResourceGroup] = []
    var seen = false
    skipWhitespace()
    guard i < n, p[i] == 0x7B else { throw Decline() }
    if try beginObject() {
      repeat {
        let name = try key()
        guard isName(name, "resourceSpans"), !seen else { throw Decline() }
        seen = true
        skipWhitespace()
        guard i < n, p[i] == 0x5B else { throw Decline() }
        if try beginArray() {
          var index = 0
          repeat {
            groups.append(try resourceSpans(index))
            index += 1
          } while try nextElement()
        }
      } while try nextMember()
    }
    skipWhitespace()
    guard i == n else { throw Decline() }
    return (groups, seen)
  }

  private mutating func resourceSpans(_ index: Int) throws(Decline) -> ResourceGroup {
    var group = ResourceGroup(index: index, attributes: [:], spans: [])
    try object { (reader: inout Self, name: Range<Int>) throws(Decline) in
      if reader.isName(name, "resource") {
        try reader.requireObject()
        try reader.object { (reader: inout Self, name: Range<Int>) throws(Decline) in
          if reader.isName(name, "attributes") {
            try reader.attributes(into: &group.attributes)
          } else {
            _ = try reader.value()
          }
        }
      } else if reader.isName(name, "scopeSpans") {
        try reader.requireArray()
        if try reader.beginArray() {
          var scope = 0
          repeat {
            try reader.scopeSpans(scope, into: &group.spans)
            scope += 1
          } while try reader.nextElement()
        }
      } else if reader.isName(name, "instrumentationLibrarySpans") {
        throw Decline()
      } else {
        _ = try reader.value()
      }
    }
    return group
  }

  private mutating func scopeSpans(_ scope: Int, into spans: inout [Span]) throws(Decline) {
    try object { (reader: inout Self, name: Range<Int>) throws(Decline) in
      if reader.isName(name, "spans") {
        try reader.requireArray()
        if try reader.beginArray() {
          var index = 0
          repeat {
            spans.append(Span(scope: scope, index: index, outcome: try reader.span()))
            index += 1
          } while try reader.nextElement()
        }
      } else {
        _ = try reader.value()
      }
    }
  }

  /// The `SpanKind` names of trace.proto, at their numbers.
  private static let spanKinds: [[UInt8]] = [
    "SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
    "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER",
  ].map { Array($0.utf8) }

  /// One span, checked in ``OTLPDecoder``'s order: trace id, span id, kind,
  /// start, end, end ≥ start.
  private mutating func span() throws(Decline) -> Result<OTLPSpanFields, OTLPProblem> {
    var traceID: OTLPJSONScalar?
    var spanID: OTLPJSONScalar?
    var name: OTLPJSONScalar?
    var kind: OTLPJSONScalar?
    var start: OTLPJSONScalar?
    var end: OTLPJSONScalar?
    var code: OTLPJSONScalar?
    var attributes: OTLPAttributes = [:]
    try object { (reader: inout Self, member: Range<Int>) throws(Decline) in
      switch member.count {
      case 7 where reader.isName(member, "traceId"): traceID = try reader.value()
      case 6 where reader.isName(member, "spanId"): spanID = try reader.value()
      case 4 where reader.isName(member, "name"): name = try reader.value()
      case 4 where reader.isName(member, "kind"): kind = try reader.value()
      case 17 where reader.isName(member, "startTimeUnixNano"): start = try reader.value()
      case 15 where reader.isName(member, "endTimeUnixNano"): end = try reader.value()
      case 10 where reader.isName(member, "attributes"): try reader.attributes(into: &attributes)
      case 6 where reader.isName(member, "status"):
        reader.skipWhitespace()
        guard reader.i < reader.n, reader.p[reader.i] == 0x7B else {
          _ = try reader.value()
          return
        }
        try reader.object { (reader: inout Self, member: Range<Int>) throws(Decline) in
          if reader.isName(member, "code") {
            code = try reader.value()
          } else {
            _ = try reader.value()
          }
        }
      default: _ = try reader.value()
      }
    }
    func fail(_ field: String, _ reason: String) -> Result<OTLPSpanFields, OTLPProblem> {
      .failure(OTLPProblem(field: field, reason))
    }
    guard case .string(let traceRange, let traceEscaped) = traceID else {
      return fail("traceId", "expected a string")
    }
    let traceHex: String
    switch identifier(traceRange, escaped: traceEscaped, byteCount: 16) {
    case .success(let h): traceHex = h
    case .failure(let p): return fail("traceId", "invalid trace id: \(p.reason)")
    }
    guard case .string(let spanRange, let spanEscaped) = spanID else {
      return fail("spanId", "expected a string")
    }
    let spanHex: String
    switch identifier(spanRange, escaped: spanEscaped, byteCount: 8) {
    case .success(let h): spanHex = h
    case .failure(let p): return fail("spanId", "invalid span id: \(p.reason)")
    }
    var kindNumber = 0
    if let kind {
      if case .string(let r, let escaped) = kind {
        // Swift compares strings by canonical equivalence (a KELVIN SIGN is a
        // K): names other than plain ASCII are left to Foundation.
        guard !escaped, isASCII(r) else { throw Decline() }
        let bytes = UnsafeRawBufferPointer(start: p + r.lowerBound, count: r.count)
        guard let index = Self.spanKinds.firstIndex(where: { $0.elementsEqual(bytes) }) else {
          return fail("kind", "unknown span kind")
        }
        kindNumber = index
      } else if let k = int64(kind), (0...5).contains(k) {
        kindNumber = Int(k)
      } else {
        return fail("kind", "unknown span kind")
      }
    }
    guard let startNs = start.flatMap({ int64($0) }), startNs >= 0 else {
      return fail("startTimeUnixNano", "expected a non-negative int64 (ns)")
    }
    guard let endNs = end.flatMap({ int64($0) }), endNs >= 0 else {
      return fail("endTimeUnixNano", "expected a non-negative int64 (ns)")
    }
    guard endNs >= startNs else { return fail("endTimeUnixNano", "before startTimeUnixNano") }
    var isError = false
    if let code {
      if case .string(let r, let escaped) = code {
        guard !escaped, isASCII(r) else { throw Decline() }
        isError = isName(r, "STATUS_CODE_ERROR")
      } else if let c = int64(code) {
        isError = c == 2
      }
    }
    var spanName = ""
    if case .string(let r, let escaped) = name { spanName = string(r, escaped: escaped) }
    return .success(
      OTLPSpanFields(
        traceIDHex: traceHex, spanIDHex: spanHex, name: spanName, kind: kindNumber,
        startTimeUnixNano: startNs, endTimeUnixNano: endNs, isError: isError, attributes: attributes))
  }

  /// A trace or span id: 2 × `byteCount` hex digits read here, anything else
  /// by ``OTLPIdentifier`` (base64, errors).
  private func identifier(_ r: Range<Int>, escaped: Bool, byteCount: Int) -> Result<String, OTLPProblem> {
    if !escaped, r.count == byteCount * 2 {
      var out = [UInt8](repeating: 0, count: r.count)
      var nonZero = false
      var hex = true
      for k in 0..<r.count {
        let c = p[r.lowerBound + k]
        switch c {
        case 0x30...0x39, 0x61...0x66: out[k] = c
        case 0x41...0x46: out[k] = c | 0x20
        default: hex = false
        }
        if c != 0x30 { nonZero = true }
      }
      if hex, nonZero { return .success(String(decoding: out, as: UTF8.self)) }
    }
    return OTLPIdentifier.hex(string(r, escaped: escaped), byteCount: byteCount)
  }

  /// A `KeyValue` list into `out`, by ``OTLPDecoder``'s rules (later
  /// duplicates win); `null` is an empty list. An attribute whose key is
  /// plain ASCII and not one the mapping reads (``mapped``) is checked as
  /// any value is, and left out: neither its key nor its value is built.
  private mutating func attributes(into out: inout OTLPAttributes) throws(Decline) {
    skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == 0x6E {
      guard literal("null") else { throw Decline() }
      return
    }
    try requireArray()
    guard try beginArray() else { return }
    // Room for a GenAI span's attributes at once, rather than growing 1, 3, 6, 12…
    if out.isEmpty { out.reserveCapacity(16) }
    repeat {
      try requireObject()
      var key: String?
      var skipped = false
      var value = OTLPAnyValue.empty
      try object { (reader: inout Self, member: Range<Int>) throws(Decline) in
        if reader.isName(member, "key") {
          guard case .string(let r, let escaped) = try reader.value() else { throw Decline() }
          if escaped {
            key = reader.string(r, escaped: true)
          } else if let k = reader.mapped.key(reader.p + r.lowerBound, r.count) {
            key = k
          } else if !reader.mapped.keepsEveryKey, reader.isASCII(r) {
            // No lookup of the mapping asks for these bytes, and no other ASCII bytes make an equal String.
            skipped = true
            key = ""
          } else {
            key = String(
              decoding: UnsafeRawBufferPointer(start: reader.p + r.lowerBound, count: r.count), as: UTF8.self)
          }
        } else if reader.isName(member, "value") {
          reader.skipWhitespace()
          if skipped {
            _ = try reader.value()
          } else if reader.i < reader.n, reader.p[reader.i] == 0x7B {
            value = try reader.anyValue()
          } else {
            _ = try reader.value()
          }
        } else {
          _ = try reader.value()
        }
      }
      guard let key else { throw Decline() }
      if !skipped { out[key] = value }
    } while try nextElement()
  }

  /// An `AnyValue` object, as ``OTLPDecoder/attributes(_:)`` reads it: the
  /// first of `stringValue`, `intValue`, `doubleValue`, `boolValue` present,
  /// as the JSON type written, except that an `intValue` that is an int64
  /// is always an integer; arrays, key/value lists and bytes are checked
  /// and read as ``OTLPAnyValue/empty``.
  private mutating func anyValue() throws(Decline) -> OTLPAnyValue {
    var stringValue: OTLPJSONScalar?
    var intValue: OTLPJSONScalar?
    var doubleValue: OTLPJSONScalar?
    var boolValue: OTLPJSONScalar?
    try object { (reader: inout Self, member: Range<Int>) throws(Decline) in
      if reader.isName(member, "stringValue") {
        stringValue = try reader.value()
      } else if reader.isName(member, "intValue") {
        intValue = try reader.value()
      } else if reader.isName(member, "doubleValue") {
        doubleValue = try reader.value()
      } else if reader.isName(member, "boolValue") {
        boolValue = try reader.value()
      } else {
        _ = try reader.value()
      }
    }
    guard let member = stringValue ?? intValue ?? doubleValue ?? boolValue else { return .empty }
    if stringValue == nil, intValue != nil, let n = int64(member) { return .int(n) }
    switch member {
    case .string(let r, let escaped): return .string(string(r, escaped: escaped))
    case .bool(let b): return .bool(b)
    case .integer(let v): return .int(v)
    case .double(let d): return .double(d)
    case .null, .container: return .empty
    }
  }

  /// ``OTLPDecoder/int64(_:)`` on the value Foundation would have made.
  private func int64(_ value: OTLPJSONScalar) -> Int64? {
    switch value {
    case .integer(let v): return v
    case .double(let d):
      guard d.rounded(.towardZero) == d, abs(d) < 9.2e18 else { return nil }
      return Int64(exactly: d)
    case .string(let r, let escaped):
      if !escaped, r.count > 0, r.count <= 18 {
        var v: Int64 = 0
        var digits = true
        for k in r where p[k] &- 0x30 >= 10 {
          digits = false
          break
        }
        if digits {
          for k in r { v = v * 10 + Int64(p[k] &- 0x30) }
          return v
        }
      }
      return Int64(string(r, escaped: escaped))
    case .bool, .null, .container: return nil
    }
  }

  // MARK: JSON tokens

  /// Reads the members of the object at `i` (on its `{`), calling `body`
  /// with each name (the cursor on the value, which `body` must read); a
  /// name repeated in the object declines.
  @inline(__always)
  private mutating func object(
    _ body: (inout OTLPJSONTraceReader, Range<Int>) throws(Decline) -> Void
  ) throws(Decline) {
    try requireObject()
    let mark = names.count
    if try beginObject() {
      repeat {
        let name = try key()
        for k in mark..<names.count where isName(names[k], name) { throw Decline() }
        names.append(name)
        try body(&self, name)
      } while try nextMember()
    }
    names.removeSubrange(mark...)
  }

  private mutating func requireObject() throws(Decline) {
    skipWhitespace()
    guard i < n, p[i] == 0x7B else { throw Decline() }
  }

  private mutating func requireArray() throws(Decline) {
    skipWhitespace()
    guard i < n, p[i] == 0x5B else { throw Decline() }
  }

  @inline(__always)
  private mutating func skipWhitespace() {
    while i < n {
      let b = p[i]
      guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
      i += 1
    }
  }

  /// On `{`: consumes it; `true` when a member follows.
  private mutating func beginObject() throws(Decline) -> Bool {
    guard depth < Self.maxDepth else { throw Decline() }
    depth += 1
    i += 1
    skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == 0x7D {
      i += 1
      depth -= 1
      return false
    }
    return true
  }

  /// After a member's value: `true` on `,`, `false` on `}` (consumed).
  private mutating func nextMember() throws(Decline) -> Bool {
    skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == 0x2C {
      i += 1
      return true
    }
    guard p[i] == 0x7D else { throw Decline() }
    i += 1
    depth -= 1
    return false
  }

  /// On `[`: consumes it; `true` when an element follows.
  private mutating func beginArray() throws(Decline) -> Bool {
    guard depth < Self.maxDepth else { throw Decline() }
    depth += 1
    i += 1
    skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == 0x5D {
      i += 1
      depth -= 1
      return false
    }
    return true
  }

  /// After an element: `true` on `,`, `false` on `]` (consumed).
  private mutating func nextElement() throws(Decline) -> Bool {
    skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == 0x2C {
      i += 1
      return true
    }
    guard p[i] == 0x5D else { throw Decline() }
    i += 1
    depth -= 1
    return false
  }

  private var depth = 0

  /// A member name and its `:`; names with escapes or non-ASCII bytes
  /// decline (they compare after unescaping, and Swift compares by canonical
  /// equivalence).
  private mutating func key() throws(Decline) -> Range<Int> {
    skipWhitespace()
    guard i < n, p[i] == 0x22 else { throw Decline() }
    i += 1
    let start = i
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

  /// Any value at the cursor: scalars classified, containers checked and
  /// skipped.
  private mutating func value() throws(Decline) -> OTLPJSONScalar {
    skipWhitespace()
    guard i < n else { throw Decline() }
    switch p[i] {
    case 0x22:
      let (r, escaped) = try stringToken()
      return .string(r, escaped: escaped)
    case 0x7B:
      try object { (reader: inout Self, _: Range<Int>) throws(Decline) in _ = try reader.value() }
      return .container
    case 0x5B:
      if try beginArray() {
        repeat { _ = try value() } while try nextElement()
      }
      return .container
    case 0x74:
      guard literal("true") else { throw Decline() }
      return .bool(true)
    case 0x66:
      guard literal("false") else { throw Decline() }
      return .bool(false)
    case 0x6E:
      guard literal("null") else { throw Decline() }
      return .null
    default:
      return try number()
    }
  }

  private mutating func literal(_ s: StaticString) -> Bool {
    let len = s.utf8CodeUnitCount
    guard n - i >= len, memcmp(p + i, s.utf8Start, len) == 0 else { return false }
    i += len
    return true
  }

  /// RFC 8259 §6. An integer literal within int64 (a negative one of at most
  /// 18 digits, as Foundation reads a longer one as a decimal) is
  /// ``OTLPJSONScalar/integer(_:)``; a fraction or exponent with at most 15
  /// significand digits a finite, correctly rounded double
  /// (``JSONNumberParser``); anything else declines (Foundation reads
  /// longer significands as `NSDecimalNumber`s).
  private mutating func number() throws(Decline) -> OTLPJSONScalar {
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
    if j < n, p[j] | 0x20 == 0x65 {
      isInteger = false
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
      return .integer(negative ? -Int64(v) : Int64(v))
    }
    // Foundation reads a significand of more digits as an NSDecimalNumber,
    // whose int64 is its exact decimal value, not the double's.
    var significant = 0
    for k in digitsStart..<j {
      let c = p[k]
      if c | 0x20 == 0x65 { break }
      if c &- 0x30 < 10 { significant += 1 }
    }
    guard significant <= 15 else { throw Decline() }
    guard case .number(let d, _, let end) = JSONNumberParser.parse(p, start, j), end == j, d.isFinite else {
      throw Decline()
    }
    i = j
    return .double(d)
  }

  /// A string value at the cursor (on its quote): the bytes between the
  /// quotes and whether they hold escapes. Declines on a raw control byte,
  /// an invalid escape, an unpaired surrogate, invalid UTF-8 and U+FEFF (raw
  /// or escaped).
  private mutating func stringToken() throws(Decline) -> (Range<Int>, Bool) {
    i += 1
    let start = i
    var escaped = false
    var high = false
    while true {
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
    return (start..<end, escaped)
  }

  /// Checks the escape at the cursor (on its backslash) and moves past it.
  private mutating func escape() throws(Decline) {
    guard i + 1 < n else { throw Decline() }
    let e = p[i + 1]
    i += 2
    switch e {
    case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: return
    case 0x75:
      let scalar = try hex4()
      if scalar >= 0xD800 && scalar <= 0xDBFF {
        guard i + 1 < n, p[i] == 0x5C, p[i + 1] == 0x75 else { throw Decline() }
        i += 2
        let low = try hex4()
        guard low >= 0xDC00 && low <= 0xDFFF else { throw Decline() }
      } else if (scalar >= 0xDC00 && scalar <= 0xDFFF) || scalar == 0xFEFF {
        throw Decline()
      }
    default: throw Decline()
    }
  }

  private mutating func hex4() throws(Decline) -> UInt32 {
    guard let v = JSONHexDigits.value(p, at: i, end: n) else { throw Decline() }
    i += 4
    return v
  }

  // MARK: Values

  /// The text of a string token (checked by ``stringToken()``).
  private func string(_ r: Range<Int>, escaped: Bool) -> String {
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
      switch e {
      case 0x62: out.append(0x08)
      case 0x66: out.append(0x0C)
      case 0x6E: out.append(0x0A)
      case 0x72: out.append(0x0D)
      case 0x74: out.append(0x09)
      case 0x75:
        var scalar = hex(k)
        k += 4
        if scalar >= 0xD800 && scalar <= 0xDBFF {
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hex(k + 2) - 0xDC00)
          k += 6
        }
        if let u = Unicode.Scalar(scalar) { UTF8.encode(u) { out.append($0) } }
      default: out.append(e)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private func isASCII(_ r: Range<Int>) -> Bool {
    for k in r where p[k] >= 0x80 { return false }
    return true
  }

  @inline(__always)
  private func isName(_ r: Range<Int>, _ s: StaticString) -> Bool {
    r.count == s.utf8CodeUnitCount && memcmp(p + r.lowerBound, s.utf8Start, r.count) == 0
  }

  @inline(__always)
  private func isName(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
    a.count == b.count && memcmp(p + a.lowerBound, p + b.lowerBound, a.count) == 0
  }
}

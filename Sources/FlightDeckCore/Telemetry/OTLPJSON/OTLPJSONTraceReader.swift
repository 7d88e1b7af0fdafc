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
/// rules refuse or might refuse, by the token rules it shares with
/// ``OTLPJSONSpanScanner`` (``JSONByteCursor``: a syntax error, invalid UTF-8, a byte-order
/// mark, a repeated name, an escape or a non-ASCII byte in a name, nesting
/// deeper than ``JSONByteCursor/maxDepth``, a number Foundation reads other than as an
/// int64 or a finite double), a top-level member other than
/// `resourceSpans`, `instrumentationLibrarySpans`, and every structural
/// problem (a non-object where an object belongs, a `null` array, attributes
/// that are not key/value objects).
struct OTLPJSONTraceReader: JSONByteCursorReader {
  /// The text is left to the Foundation path.
  typealias Decline = JSONByteCursor.Decline

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

  /// The tokens, read and declined by the shared rules.
  var cursor: JSONByteCursor
  /// The keys the mapping reads: other attributes are skipped.
  private let mapped: OTLPMappedKeys

  private var p: UnsafePointer<UInt8> { cursor.p }
  private var n: Int { cursor.n }
  private var i: Int { cursor.i }

  private init(p: UnsafePointer<UInt8>, n: Int, mapped: OTLPMappedKeys) {
    cursor = JSONByteCursor(p, count: n)
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
    cursor.skipWhitespace()
    guard i < n, p[i] == 0x7B else { throw Decline() }
    if try cursor.beginObject() {
      repeat {
        let name = try cursor.key()
        guard isName(name, "resourceSpans"), !seen else { throw Decline() }
        seen = true
        cursor.skipWhitespace()
        guard i < n, p[i] == 0x5B else { throw Decline() }
        if try cursor.beginArray() {
          var index = 0
          repeat {
            groups.append(try resourceSpans(index))
            index += 1
          } while try cursor.nextElement()
        }
      } while try cursor.nextMember()
    }
    cursor.skipWhitespace()
    guard i == n else { throw Decline() }
    return (groups, seen)
  }

  private mutating func resourceSpans(_ index: Int) throws(Decline) -> ResourceGroup {
    var group = ResourceGroup(index: index, attributes: [:], spans: [])
    try object { (reader: inout Self, name: Range<Int>) throws(Decline) in
      if reader.isName(name, "resource") {
        try reader.cursor.requireObject()
        try reader.object { (reader: inout Self, name: Range<Int>) throws(Decline) in
          if reader.isName(name, "attributes") {
            try reader.attributes(into: &group.attributes)
          } else {
            _ = try reader.value()
          }
        }
      } else if reader.isName(name, "scopeSpans") {
        try reader.cursor.requireArray()
        if try reader.cursor.beginArray() {
          var scope = 0
          repeat {
            try reader.scopeSpans(scope, into: &group.spans)
            scope += 1
          } while try reader.cursor.nextElement()
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
        try reader.cursor.requireArray()
        if try reader.cursor.beginArray() {
          var index = 0
          repeat {
            spans.append(Span(scope: scope, index: index, outcome: try reader.span()))
            index += 1
          } while try reader.cursor.nextElement()
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
        reader.cursor.skipWhitespace()
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
        guard !escaped, cursor.isASCII(r) else { throw Decline() }
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
        guard !escaped, cursor.isASCII(r) else { throw Decline() }
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
    cursor.skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == 0x6E {
      guard cursor.literal("null") else { throw Decline() }
      return
    }
    try cursor.requireArray()
    guard try cursor.beginArray() else { return }
    // Room for a GenAI span's attributes at once, rather than growing 1, 3, 6, 12…
    if out.isEmpty { out.reserveCapacity(16) }
    repeat {
      try cursor.requireObject()
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
          } else if !reader.mapped.keepsEveryKey, reader.cursor.isASCII(r) {
            // No lookup of the mapping asks for these bytes, and no other ASCII bytes make an equal String.
            skipped = true
            key = ""
          } else {
            key = String(
              decoding: UnsafeRawBufferPointer(start: reader.p + r.lowerBound, count: r.count), as: UTF8.self)
          }
        } else if reader.isName(member, "value") {
          reader.cursor.skipWhitespace()
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
    } while try cursor.nextElement()
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

  // MARK: JSON tokens (the cursor's)

  /// Any value at the cursor: scalars classified as Foundation classifies
  /// them, containers checked and skipped.
  private mutating func value() throws(Decline) -> OTLPJSONScalar {
    cursor.skipWhitespace()
    guard i < n else { throw Decline() }
    switch p[i] {
    case 0x22:
      let token = try cursor.stringToken()
      return .string(token.range, escaped: token.escaped)
    case 0x7B, 0x5B:
      try cursor.skipValue()
      return .container
    case 0x74:
      guard cursor.literal("true") else { throw Decline() }
      return .bool(true)
    case 0x66:
      guard cursor.literal("false") else { throw Decline() }
      return .bool(false)
    case 0x6E:
      guard cursor.literal("null") else { throw Decline() }
      return .null
    default:
      let start = i
      if let v = try cursor.number() { return .integer(v) }
      return .double(try cursor.double(from: start))
    }
  }

  @inline(__always)
  private func string(_ r: Range<Int>, escaped: Bool) -> String { cursor.string(r, escaped: escaped) }

  @inline(__always)
  private func isName(_ r: Range<Int>, _ s: StaticString) -> Bool { cursor.isName(r, s) }
}

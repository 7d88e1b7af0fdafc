import Foundation

/// The record-free reader of OTLP/JSON lines for `replay`: it scans one line
/// (one `TracesData` object) and gives, span by span, what the GenAI mapping
/// decides from the span alone (``OTLPPreparedSpan``), with no
/// ``TelemetryRecord``, no attribute list, no id `String` and no name
/// `String` but for names seen for the first time (``OTLPNameTable``).
///
/// It answers only lines it understands fully and that need no more than the
/// span's own attributes; it *declines* (``scan(_:)`` returns `false`) every
/// other line, which then goes through ``TelemetryLineDecoder`` (the
/// byte-level ``OTLPJSONTraceReader``, Foundation behind it), whose answer
/// stands. So it needs no error messages: anything the strict rules refuse
/// or might refuse declines, as it does in ``OTLPJSONTraceReader`` (a syntax
/// error, invalid UTF-8, a repeated name at any level, an escape or a
/// non-ASCII byte in a name, nesting deeper than 64, a number Foundation
/// reads other than as an int64 or a finite double, a member other than
/// `resourceSpans` at the top), and so does, beyond it:
/// - a span the mapping would reject (bad ids, kind or times, tokens out of
///   range or above their totals, an unknown route or kind, a GenAI span
///   longer than a day, a priced cost out of range): the decoder names it;
/// - an attribute key with an escape or a non-ASCII byte, or a mapping whose
///   keys have one (``OTLPMappedKeys/keepsEveryKey``);
/// - any Langfuse attribute (``OTLPLangfuseObservation/keys``), and any
///   resource attribute the mapping reads (lookups then need the resource);
/// - a mapped attribute whose value is not a string without escapes and
///   non-ASCII bytes, an `intValue` of at most 18 digits or `{}`; an
///   attribute object whose first member is not `key` or with members
///   other than `key` and `value`; a token count written as a string;
/// - a status that is not an object, or whose `code` is neither an integer
///   nor a plain string; a trace or span id that is not plain hex of the
///   right length, or all zeros; a time that is not a non-negative integer
///   or a string of at most 19 digits; a name the ``OTLPNameTable`` has no
///   room for.
///
/// Strings are scanned eight bytes at a time (a SWAR test for a quote, a
/// backslash, a control byte or a non-ASCII byte), as most of a line's bytes
/// are inside strings; values no lookup reads are checked and skipped, never
/// kept.
///
/// `@unchecked Sendable`: the only non-`Sendable` state is the pointer to the
/// line being scanned, valid during ``scan(_:)`` and never read after it.
struct OTLPJSONSpanScanner: @unchecked Sendable {
  /// The line is left to the decoder.
  struct Decline: Error {}

  /// Whether the scanner can answer at all for this mapping (no mapped key
  /// has a non-ASCII byte).
  let isEnabled: Bool
  /// The spans of the last line ``scan(_:)`` answered, in text order.
  private(set) var spans: [OTLPPreparedSpan] = []
  /// The names of the spans' ids.
  private(set) var names: OTLPNameTable

  private let keys: OTLPMappedKeys
  /// By key position: a Langfuse key (the span declines).
  private let isLangfuse: [Bool]
  private let requestModelKey: Int
  private let responseModelKey: Int
  private let inputKeys: [Int]
  private let outputKeys: [Int]
  private let partKeys: [[Int]]
  private let artefactKeys: [Int]
  private let versionKeys: [Int]
  private let routeKeys: [Int]
  private let kindKeys: [Int]
  private let defaultRoute: Route
  private let defaultKind: ArtefactKind

  // Per span: the value of each mapped key, valid when its stamp is `stamp`.
  private var slotStamp: [UInt32]
  /// 1 a string (`slotA` its start, `slotB` its length), 2 an integer
  /// (`slotA`), 3 a value the mapping treats as absent.
  private var slotKind: [UInt8]
  private var slotA: [Int]
  private var slotB: [Int]
  private var stamp: UInt32 = 0

  // Per line.
  private var p = UnsafePointer<UInt8>(bitPattern: 0x1)!
  private var n = 0
  private var i = 0
  private var depth = 0
  /// Names of the open objects (start and length, in pairs), to find a
  /// repeated one.
  private var openNames: [Int] = []

  /// A scanner for `mapping`, pricing with `prices`.
  init(mapping: OTLPAttributeMapping, prices: PriceTable) {
    let keys = mapping == .default ? OTLPMappedKeys.default : OTLPMappedKeys(mapping: mapping)
    self.keys = keys
    isEnabled = !keys.keepsEveryKey
    names = OTLPNameTable(prices: prices)
    func index(_ k: String) -> Int { keys.index(of: k)! }
    let langfuse = Set(OTLPLangfuseObservation.keys)
    isLangfuse = keys.keys.map { langfuse.contains($0) }
    requestModelKey = index(OTLPDecoder.requestModelKeys[0])
    responseModelKey = index(OTLPDecoder.responseModelKeys[0])
    inputKeys = OTLPDecoder.inputTokenKeys.map(index)
    outputKeys = OTLPDecoder.outputTokenKeys.map(index)
    partKeys = OTLPDecoder.tokenPartKeys.map { $0.map(index) }
    artefactKeys = mapping.artefactKeys.map(index)
    versionKeys = mapping.versionKeys.map(index)
    routeKeys = mapping.routeKeys.map(index)
    kindKeys = mapping.kindKeys.map(index)
    defaultRoute = mapping.defaultRoute
    defaultKind = mapping.defaultKind
    let count = keys.keys.count
    slotStamp = Array(repeating: 0, count: count)
    slotKind = Array(repeating: 0, count: count)
    slotA = Array(repeating: 0, count: count)
    slotB = Array(repeating: 0, count: count)
  }

  /// Scans one line (without its newline): `true` when the scanner answers,
  /// its spans then in ``spans``; `false` when it declines (see the type).
  mutating func scan(_ line: UnsafeRawBufferPointer) -> Bool {
    guard isEnabled, let base = line.baseAddress, line.count > 0 else { return false }
    p = base.assumingMemoryBound(to: UInt8.self)
    n = line.count
    i = 0
    depth = 0
    openNames.removeAll(keepingCapacity: true)
    spans.removeAll(keepingCapacity: true)
    do {
      try top()
      return true
    } catch {
      return false
    }
  }

  /// The name id of `name` (a version the memory recalled), interned when
  /// new.
  mutating func intern(_ name: String) -> Int32 {
    names.id(of: name)
  }

  /// The name id of the mapping's default version.
  mutating func internDefault(_ name: String) -> Int32 {
    names.id(of: name)
  }

  // MARK: Document structure

  private mutating func top() throws(Decline) {
    // No whitespace around the object: a line the decoder might read as the start of a document is left to it.
    guard p[0] == 0x7B, p[n - 1] == 0x7D else { throw Decline() }
    guard try beginObject() else { throw Decline() }
    let name = try key()
    guard isName(name, "resourceSpans") else { throw Decline() }
    try requireArray()
    if try beginArray() {
      repeat { try resourceSpans() } while try nextElement()
    }
    guard try !nextMember() else { throw Decline() }
    guard i == n else { throw Decline() }
  }

  private mutating func resourceSpans() throws(Decline) {
    try object { (s: inout Self, name: Range<Int>) throws(Decline) in
      if s.isName(name, "resource") {
        try s.object { (s: inout Self, name: Range<Int>) throws(Decline) in
          if s.isName(name, "attributes") {
            try s.attributes(ofSpan: false)
          } else {
            try s.skipValue()
          }
        }
      } else if s.isName(name, "scopeSpans") {
        try s.requireArray()
        if try s.beginArray() {
          repeat { try s.scopeSpans() } while try s.nextElement()
        }
      } else if s.isName(name, "instrumentationLibrarySpans") {
        throw Decline()
      } else {
        try s.skipValue()
      }
    }
  }

  private mutating func scopeSpans() throws(Decline) {
    try object { (s: inout Self, name: Range<Int>) throws(Decline) in
      if s.isName(name, "spans") {
        try s.requireArray()
        if try s.beginArray() {
          repeat { try s.span() } while try s.nextElement()
        }
      } else {
        try s.skipValue()
      }
    }
  }

  /// The `SpanKind` names of trace.proto.
  private static let spanKinds: [[UInt8]] = [
    "SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
    "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER",
  ].map { Array($0.utf8) }

  private mutating func span() throws(Decline) {
    stamp &+= 1
    if stamp == 0 {
      for k in slotStamp.indices { slotStamp[k] = 0 }
      stamp = 1
    }
    var hasTrace = false
    var hasSpan = false
    var start: Int64 = -1
    var end: Int64 = -1
    var isError = false
    try object { (s: inout Self, member: Range<Int>) throws(Decline) in
      switch member.count {
      case 7 where s.isName(member, "traceId"):
        try s.identifier(byteCount: 16)
        hasTrace = true
      case 6 where s.isName(member, "spanId"):
        try s.identifier(byteCount: 8)
        hasSpan = true
      case 4 where s.isName(member, "kind"): try s.spanKind()
      case 17 where s.isName(member, "startTimeUnixNano"): start = try s.time()
      case 15 where s.isName(member, "endTimeUnixNano"): end = try s.time()
      case 10 where s.isName(member, "attributes"): try s.attributes(ofSpan: true)
      case 6 where s.isName(member, "status"):
        try s.object { (s: inout Self, member: Range<Int>) throws(Decline) in
          if s.isName(member, "code") {
            isError = try s.statusCode()
          } else {
            try s.skipValue()
          }
        }
      default: try s.skipValue()
      }
    }
    guard hasTrace, hasSpan, start >= 0, end >= start else { throw Decline() }
    spans.append(try prepared(start: start, end: end, isError: isError))
  }

  /// A trace or span id: 2 × `byteCount` hex digits, not all zeros.
  private mutating func identifier(byteCount: Int) throws(Decline) {
    skipWhitespace()
    guard i < n, p[i] == 0x22 else { throw Decline() }
    let (r, plain) = try stringToken()
    guard plain, r.count == byteCount * 2 else { throw Decline() }
    var nonZero = false
    for k in r {
      let c = p[k]
      guard c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 6 else { throw Decline() }
      if c != 0x30 { nonZero = true }
    }
    guard nonZero else { throw Decline() }
  }

  private mutating func spanKind() throws(Decline) {
    skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == 0x22 {
      let (r, plain) = try stringToken()
      guard plain else { throw Decline() }
      let bytes = UnsafeRawBufferPointer(start: p + r.lowerBound, count: r.count)
      guard Self.spanKinds.contains(where: { $0.elementsEqual(bytes) }) else { throw Decline() }
    } else {
      guard let k = try integerLiteral(), (0...5).contains(k) else { throw Decline() }
    }
  }

  /// A non-negative time in ns: an integer, or a string of at most 19 digits.
  private mutating func time() throws(Decline) -> Int64 {
    skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == 0x22 {
      let (r, plain) = try stringToken()
      guard plain, r.count > 0, r.count <= 19 else { throw Decline() }
      var v: UInt64 = 0
      for k in r {
        let d = p[k] &- 0x30
        guard d < 10 else { throw Decline() }
        v = v &* 10 &+ UInt64(d)
      }
      guard v <= UInt64(Int64.max) else { throw Decline() }
      return Int64(v)
    }
    guard let v = try integerLiteral(), v >= 0 else { throw Decline() }
    return v
  }

  /// A status code: `true` for 2 or `STATUS_CODE_ERROR`.
  private mutating func statusCode() throws(Decline) -> Bool {
    skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == 0x22 {
      let (r, plain) = try stringToken()
      guard plain else { throw Decline() }
      return isName(r, "STATUS_CODE_ERROR")
    }
    guard let v = try integerLiteral() else { throw Decline() }
    return v == 2
  }

  /// An integer literal within int64 at the cursor (as ``number()`` reads
  /// it); `nil` for any other number, which is then read.
  private mutating func integerLiteral() throws(Decline) -> Int64? {
    if case .integer(let v) = try number() { return v }
    return nil
  }

  /// A `KeyValue` list (`null` is an empty one): on a span, the mapped
  /// attributes go into the slots; on a resource, a mapped attribute
  /// declines.
  private mutating func attributes(ofSpan: Bool) throws(Decline) {
    skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == 0x6E {
      guard literal("null") else { throw Decline() }
      return
    }
    try requireArray()
    guard try beginArray() else { return }
    repeat {
      try requireObject()
      guard try beginObject() else { throw Decline() }
      guard isName(try key(), "key") else { throw Decline() }
      skipWhitespace()
      guard i < n, p[i] == 0x22 else { throw Decline() }
      let (r, plain) = try stringToken()
      guard plain else { throw Decline() }
      let slot = keys.index(p + r.lowerBound, r.count)
      if try nextMember() {
        guard isName(try key(), "value") else { throw Decline() }
        if let slot {
          guard ofSpan, !isLangfuse[slot] else { throw Decline() }
          try mappedValue(slot)
        } else {
          try skipValue()
        }
        guard try !nextMember() else { throw Decline() }
      } else if let slot {
        guard ofSpan, !isLangfuse[slot] else { throw Decline() }
        set(slot, kind: 3, 0, 0)
      }
    } while try nextElement()
  }

  @inline(__always)
  private mutating func set(_ slot: Int, kind: UInt8, _ a: Int, _ b: Int) {
    slotStamp[slot] = stamp
    slotKind[slot] = kind
    slotA[slot] = a
    slotB[slot] = b
  }

  /// The `AnyValue` of a mapped attribute: `{}`, or one `stringValue` (a
  /// plain ASCII string) or one `intValue` (a string of 1 to 18 digits, or
  /// an integer literal).
  private mutating func mappedValue(_ slot: Int) throws(Decline) {
    try requireObject()
    guard try beginObject() else {
      set(slot, kind: 3, 0, 0)
      return
    }
    let name = try key()
    skipWhitespace()
    guard i < n else { throw Decline() }
    if isName(name, "stringValue") {
      guard p[i] == 0x22 else { throw Decline() }
      let (r, plain) = try stringToken()
      guard plain else { throw Decline() }
      set(slot, kind: 1, r.lowerBound, r.count)
    } else if isName(name, "intValue") {
      if p[i] == 0x22 {
        let (r, plain) = try stringToken()
        guard plain, r.count > 0, r.count <= 18 else { throw Decline() }
        var v = 0
        for k in r {
          let d = p[k] &- 0x30
          guard d < 10 else { throw Decline() }
          v = v &* 10 &+ Int(d)
        }
        set(slot, kind: 2, v, 0)
      } else {
        guard case .integer(let v) = try number() else { throw Decline() }
        set(slot, kind: 2, Int(v), 0)
      }
    } else {
      throw Decline()
    }
    guard try !nextMember() else { throw Decline() }
  }

  // MARK: The mapping

  /// The first of `keys` holding a non-empty string, as (start, length).
  @inline(__always)
  private func string(_ keys: [Int]) -> (Int, Int)? {
    for k in keys where slotStamp[k] == stamp && slotKind[k] == 1 && slotB[k] > 0 {
      return (slotA[k], slotB[k])
    }
    return nil
  }

  /// The first of `keys` present (a string or an integer).
  @inline(__always)
  private func present(_ keys: [Int]) -> Int? {
    keys.first { slotStamp[$0] == stamp && slotKind[$0] != 3 }
  }

  /// The token count of the first of `keys` present, 0 when none is.
  @inline(__always)
  private func tokens(_ keys: [Int]) throws(Decline) -> Int {
    guard let k = present(keys) else { return 0 }
    guard slotKind[k] == 2, slotA[k] >= 0, slotA[k] <= TelemetryBounds.maxTokens else { throw Decline() }
    return slotA[k]
  }

  @inline(__always)
  private mutating func name(_ r: (Int, Int)) throws(Decline) -> Int32 {
    guard let id = names.id(UnsafeRawBufferPointer(start: p + r.0, count: r.1)) else { throw Decline() }
    return id
  }

  /// ``OTLPDecoder/outcome(of:resource:versions:)`` on the span's slots,
  /// up to the version memory; declines where the mapping rejects.
  private mutating func prepared(start: Int64, end: Int64, isError: Bool) throws(Decline) -> OTLPPreparedSpan
  {
    let request = string([requestModelKey])
    let response = string([responseModelKey])
    let requestID = try request.map { r throws(Decline) in try name(r) } ?? -1
    let artefact: Int32
    if let a = string(artefactKeys) {
      artefact = request.map { $0 == a } == true ? requestID : try name(a)
    } else if request != nil {
      artefact = requestID
    } else if let r = response {
      artefact = try name(r)
    } else {
      return .skippedSpan
    }
    guard end - start <= Int64(TelemetryBounds.maxMilliseconds) * 1_000_000 else { throw Decline() }
    let input = try tokens(inputKeys)
    let output = try tokens(outputKeys)
    let cacheRead = try tokens(partKeys[0])
    let cacheWrite = try tokens(partKeys[1])
    let reasoning = try tokens(partKeys[2])
    guard cacheRead <= input, cacheRead + cacheWrite <= input, reasoning <= output else { throw Decline() }
    var route = defaultRoute
    if let k = present(routeKeys) {
      guard slotKind[k] == 1 else { throw Decline() }
      let r = (slotA[k], slotB[k])
      if isName(r, "stable") {
        route = .stable
      } else if isName(r, "canary") {
        route = .canary
      } else if isName(r, "shadow") {
        route = .shadow
      } else {
        throw Decline()
      }
    }
    var kind = defaultKind
    if let k = present(kindKeys) {
      guard slotKind[k] == 1 else { throw Decline() }
      let r = (slotA[k], slotB[k])
      if isName(r, "model") {
        kind = .model
      } else if isName(r, "prompt") {
        kind = .prompt
      } else if isName(r, "agent") {
        kind = .agent
      } else {
        throw Decline()
      }
    }
    var version: Int32 = -1
    if let v = string(versionKeys) {
      version = request.map { $0 == v } == true ? requestID : try name(v)
    }
    let usage = TokenUsage(
      inputTokens: input, outputTokens: output, cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite,
      reasoningTokens: reasoning)
    var price: ModelPrice? = requestID >= 0 ? names.prices[Int(requestID)] : nil
    if price == nil, let r = response {
      price = names.prices[Int(try name(r))]
    }
    let priced = price?.cost(usage)
    guard TelemetryBounds.pricedCostProblem(priced) == nil else { throw Decline() }
    return OTLPPreparedSpan(
      skipped: false, artefact: artefact, requestModel: requestID, version: version, route: route, kind: kind,
      sample: MetricSample(
        timestamp: Timestamp(millisecondsSinceEpoch: start / 1_000_000),
        latencyMs: Double(end - start) / 1_000_000, status: isError ? .error : .ok, inputTokens: input,
        outputTokens: output, costUSD: priced, cacheReadTokens: cacheRead, cacheWriteTokens: cacheWrite,
        reasoningTokens: reasoning))
  }

  // MARK: JSON tokens

  /// Reads the members of the object at the cursor, calling `body` with
  /// each name (the cursor on the value, which `body` must read); a name
  /// repeated in the object declines.
  @inline(__always)
  private mutating func object(_ body: (inout Self, Range<Int>) throws(Decline) -> Void) throws(Decline) {
    try requireObject()
    let mark = openNames.count
    if try beginObject() {
      repeat {
        let name = try key()
        var k = mark
        while k < openNames.count {
          if openNames[k + 1] == name.count, memcmp(p + openNames[k], p + name.lowerBound, name.count) == 0 {
            throw Decline()
          }
          k += 2
        }
        openNames.append(name.lowerBound)
        openNames.append(name.count)
        try body(&self, name)
      } while try nextMember()
    }
    openNames.removeSubrange(mark...)
  }

  @inline(__always)
  private mutating func requireObject() throws(Decline) {
    skipWhitespace()
    guard i < n, p[i] == 0x7B else { throw Decline() }
  }

  @inline(__always)
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
  @inline(__always)
  private mutating func beginObject() throws(Decline) -> Bool { try begin(closedBy: 0x7D) }

  /// After a member's value: `true` on `,`, `false` on `}` (consumed).
  @inline(__always)
  private mutating func nextMember() throws(Decline) -> Bool { try next(closedBy: 0x7D) }

  /// On `[`: consumes it; `true` when an element follows.
  @inline(__always)
  private mutating func beginArray() throws(Decline) -> Bool { try begin(closedBy: 0x5D) }

  /// After an element: `true` on `,`, `false` on `]` (consumed).
  @inline(__always)
  private mutating func nextElement() throws(Decline) -> Bool { try next(closedBy: 0x5D) }

  /// On `{` or `[`: consumes it; `true` when a member or element follows,
  /// `false` when `close` (`}` or `]`) does (consumed).
  @inline(__always)
  private mutating func begin(closedBy close: UInt8) throws(Decline) -> Bool {
    guard depth < 64 else { throw Decline() }
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

  /// A member name and its `:`; a name with an escape, a control byte or a
  /// non-ASCII byte declines.
  @inline(__always)
  private mutating func key() throws(Decline) -> Range<Int> {
    skipWhitespace()
    guard i < n, p[i] == 0x22 else { throw Decline() }
    i += 1
    let start = i
    // Eight bytes at a time, to the first byte that is not plain ASCII text.
    while i + 8 <= n {
      let mask = Self.special(UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
      if mask != 0 {
        i += mask.trailingZeroBitCount >> 3
        break
      }
      i += 8
    }
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

  /// The high bit of each byte of `w` that is a quote, a backslash, a
  /// control byte (below 0x20) or a non-ASCII byte; the lowest set bit marks
  /// the first such byte exactly (bits above it may be false alarms).
  @inline(__always)
  private static func special(_ w: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    let quote = w ^ (ones &* 0x22)
    let backslash = w ^ (ones &* 0x5C)
    let zeroQuote = (quote &- ones) & ~quote
    let zeroBackslash = (backslash &- ones) & ~backslash
    let control = (w &- ones &* 0x20) & ~w
    return (zeroQuote | zeroBackslash | control | w) & high
  }

  /// Checks and skips any value at the cursor.
  private mutating func skipValue() throws(Decline) {
    skipWhitespace()
    guard i < n else { throw Decline() }
    switch p[i] {
    case 0x22: _ = try stringToken()
    case 0x7B: try object { (s: inout Self, _: Range<Int>) throws(Decline) in try s.skipValue() }
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

  @inline(__always)
  private mutating func literal(_ s: StaticString) -> Bool {
    let len = s.utf8CodeUnitCount
    guard n - i >= len, memcmp(p + i, s.utf8Start, len) == 0 else { return false }
    i += len
    return true
  }

  /// A number, read and declined exactly as ``OTLPJSONTraceReader`` reads
  /// it (RFC 8259 §6; an int64 literal, or a finite double of at most 15
  /// significand digits).
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

  /// A string at the cursor (on its quote): the bytes between the quotes,
  /// and whether they are plain (no escape, no non-ASCII byte). Declines as
  /// ``OTLPJSONTraceReader`` does: a raw control byte, an invalid escape,
  /// an unpaired surrogate, invalid UTF-8, U+FEFF raw or escaped.
  @inline(__always)
  private mutating func stringToken() throws(Decline) -> (Range<Int>, Bool) {
    i += 1
    let start = i
    var escaped = false
    var high = false
    while true {
      while i + 8 <= n {
        let mask = Self.special(UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
        if mask != 0 {
          i += mask.trailingZeroBitCount >> 3
          break
        }
        i += 8
      }
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
    return (start..<end, !escaped && !high)
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

  @inline(__always)
  private func isName(_ r: Range<Int>, _ s: StaticString) -> Bool {
    r.count == s.utf8CodeUnitCount && memcmp(p + r.lowerBound, s.utf8Start, r.count) == 0
  }

  @inline(__always)
  private func isName(_ r: (Int, Int), _ s: StaticString) -> Bool {
    r.1 == s.utf8CodeUnitCount && memcmp(p + r.0, s.utf8Start, r.1) == 0
  }
}

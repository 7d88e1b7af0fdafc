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
/// or might refuse declines, by the rules it shares with
/// ``OTLPJSONTraceReader`` (its tokens are ``JSONByteCursor``'s: a syntax
/// error, invalid UTF-8, a repeated name at any level, an escape or a
/// non-ASCII byte in a name, nesting deeper than 64, a number Foundation
/// reads other than as an int64 or a finite double) and as that reader
/// does (a member other than `resourceSpans` at the top), and so does,
/// beyond it:
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
/// kept. The spellings exporters write are read with fixed comparisons, each
/// accepting and declining exactly what the token-by-token reading does: a
/// trace or span id as two or four 8-byte words of hex digits
/// (``isHexWord(_:)``), a time of 19 digits eight digits at a time
/// (``eightDigits(_:)``), an attribute `{"key":"…","value":{"…Value":…}}`
/// with no whitespace as literals around its key and value
/// (``quickAttribute(ofSpan:)``), a span's member names as two words each (``spanMember(_:_:_:)``) with a
/// bit each for the repeated-name check, and a double without an exponent
/// checked without being converted.
///
/// The bytes of the last answered line before its first span (the
/// `resourceSpans` element's resource, the `scopeSpans` element's scope:
/// the same on every line an exporter writes for one service) are kept
/// with the reader's state on reaching that span; a line that starts with
/// the same bytes followed by `{` is read from its first span on, as a
/// whole reading would read it (``resumesAfterPrefix()``).
///
/// `@unchecked Sendable`: the only non-`Sendable` state is the pointer to the
/// line being scanned, valid during ``scan(_:)`` and never read after it.
struct OTLPJSONSpanScanner: JSONByteCursorReader, @unchecked Sendable {
  /// The line is left to the decoder.
  typealias Decline = JSONByteCursor.Decline

  /// Whether the scanner can answer at all for this mapping (no mapped key
  /// has a non-ASCII byte).
  let isEnabled: Bool
  /// The spans of the last line ``scan(_:)`` answered, in text order.
  private(set) var spans: [OTLPPreparedSpan] = []
  /// The names of the spans' ids.
  private(set) var names: OTLPNameTable
  /// Attributes read in their usual spelling (``quickAttribute(ofSpan:)``),
  /// so tests can tell that path ran.
  private(set) var quickAttributes = 0

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

  /// The value of one mapped key in the current span, valid when its stamp
  /// is `stamp`.
  private struct Slot {
    var stamp: UInt32 = 0
    /// 1 a string (`a` its start, `b` its length), 2 an integer (`a`), 3 a
    /// value the mapping treats as absent.
    var kind: UInt8 = 0
    var a = 0
    var b = 0
  }

  /// By key position (one array, so that a value is set with one check that
  /// the array is not shared).
  private var slots: [Slot]
  private var stamp: UInt32 = 0

  /// The line's tokens, read and declined by the shared rules (per line).
  var cursor = JSONByteCursor()
  private var p: UnsafePointer<UInt8> { cursor.p }
  private var n: Int { cursor.n }
  private var i: Int {
    get { cursor.i }
    set { cursor.i = newValue }
  }
  /// The cursor's `openCount` at the `resourceSpans` element and at the
  /// `scopeSpans` element being read (where their names start in its
  /// `openNames`).
  private var resourceMark = 0
  private var scopeMark = 0

  /// The line's bytes before its first span, as last answered (see
  /// ``prefixLength``), and the reader's state on reaching that span: a
  /// line starting with the same bytes followed by `{` is read from there
  /// (``resumeInSpans()``). Empty when no line was answered yet.
  private var prefix: [UInt8] = []
  private var prefixDepth = 0
  private var prefixOpenNames: [Int] = []
  private var prefixResourceMark = 0
  private var prefixScopeMark = 0
  /// The state on reaching this line's first span, kept until the line is
  /// answered (then it becomes the prefix); `capturedLength` is -1 before.
  private var capturedLength = -1
  private var capturedDepth = 0
  private var capturedOpenNames: [Int] = []
  private var capturedResourceMark = 0
  private var capturedScopeMark = 0
  /// Lines read from the prefix of the line before (``resumeInSpans()``), so
  /// tests can tell that path ran.
  private(set) var prefixHits = 0
  /// Whether the line being read was resumed after the prefix.
  private var resumed = false
  /// The longest prefix kept, in bytes: past it a line is read in full.
  static let maxPrefixLength = 16_384

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
    slots = Array(repeating: Slot(), count: count)
  }

  /// Scans one line (without its newline): `true` when the scanner answers,
  /// its spans then in ``spans``; `false` when it declines (see the type).
  mutating func scan(_ line: UnsafeRawBufferPointer) -> Bool {
    guard isEnabled, let base = line.baseAddress, line.count > 0 else { return false }
    cursor.start(base.assumingMemoryBound(to: UInt8.self), count: line.count)
    spans.removeAll(keepingCapacity: true)
    capturedLength = -1
    resumed = false
    do {
      try top()
    } catch {
      return false
    }
    if capturedLength > 0 {
      keepPrefix()
    }
    return true
  }

  /// Makes the bytes before the answered line's first span the prefix
  /// (with the state captured there).
  private mutating func keepPrefix() {
    let length = capturedLength
    prefix.removeAll(keepingCapacity: true)
    prefix.append(contentsOf: UnsafeBufferPointer(start: p, count: length))
    prefixDepth = capturedDepth
    swap(&prefixOpenNames, &capturedOpenNames)
    prefixResourceMark = capturedResourceMark
    prefixScopeMark = capturedScopeMark
  }

  /// Whether `line` starts `{"resourceSpans":`, the way every OTLP/JSON
  /// exporter writes a `TracesData`: ``FlightDeckLineScanner`` declines such
  /// a line at its first member (`resourceSpans` is no FlightDeck field),
  /// so the replay need not try it. Two 8-byte words and a byte.
  @inline(__always)
  static func startsWithResourceSpans(_ line: UnsafeRawBufferPointer) -> Bool {
    guard line.count >= 17, let base = line.baseAddress else { return false }
    return base.loadUnaligned(as: UInt64.self) == resourceSpansWord0
      && base.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == resourceSpansWord1
      && base.load(fromByteOffset: 16, as: UInt8.self) == 0x3A
  }

  /// `{"resour`, as a little-endian word.
  static let resourceSpansWord0: UInt64 = 0x7275_6F73_6572_227B
  /// `ceSpans"`, as a little-endian word.
  static let resourceSpansWord1: UInt64 = 0x2273_6E61_7053_6563

  /// The first eight bytes of `s` (at least eight) as a little-endian word,
  /// for tests to check the word constants against their text.
  static func word(_ s: StaticString) -> UInt64 {
    precondition(s.utf8CodeUnitCount >= 8)
    return UnsafeRawPointer(s.utf8Start).loadUnaligned(as: UInt64.self)
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
    if resumesAfterPrefix() {
      resumed = true
      prefixHits &+= 1
      try resumeInSpans()
      return
    }
    guard try cursor.beginObject() else { throw Decline() }
    let name = try cursor.key()
    guard isName(name, "resourceSpans") else { throw Decline() }
    try cursor.requireArray()
    if try cursor.beginArray() {
      repeat { try resourceSpans() } while try cursor.nextElement()
    }
    try endOfLine()
  }

  /// After the `resourceSpans` array: the end of the line.
  @inline(__always)
  private mutating func endOfLine() throws(Decline) {
    guard try !cursor.nextMember() else { throw Decline() }
    guard i == n else { throw Decline() }
  }

  /// Whether the line starts with the prefix of the last answered line
  /// followed by `{`; the reader's state is then set to what it was on
  /// that line's first span, the cursor on this line's `{`.
  ///
  /// Reading the prefix depends on its bytes alone and on the byte after
  /// it: the `[` of the spans array looks at it to tell an empty array
  /// from a first element, and every other look beyond a token (an 8-byte
  /// load in a string, the word comparisons of ``quickAttribute(ofSpan:)``)
  /// chooses between paths that answer alike. The prefix was read to its
  /// end without declining, with `{` after it; the same bytes and `{` read
  /// the same way to the same state. The span reader never looks back.
  @inline(__always)
  private mutating func resumesAfterPrefix() -> Bool {
    let length = prefix.count
    guard length > 0, length < n, p[length] == 0x7B,
      prefix.withUnsafeBufferPointer({ memcmp($0.baseAddress!, p, length) }) == 0
    else { return false }
    i = length
    cursor.depth = prefixDepth
    let count = prefixOpenNames.count
    while cursor.openNames.count < count { cursor.openNames.append(0) }
    for k in 0..<count { cursor.openNames[k] = prefixOpenNames[k] }
    cursor.openCount = count
    resourceMark = prefixResourceMark
    scopeMark = prefixScopeMark
    return true
  }

  /// Reads a line from its first span on (``resumesAfterPrefix()``): the
  /// rest of the spans array, of its `scopeSpans` element and array, of
  /// its `resourceSpans` element and array, and the end of the line, as
  /// ``top()``, ``resourceSpans()`` and ``scopeSpans()`` read them.
  private mutating func resumeInSpans() throws(Decline) {
    repeat { try span() } while try cursor.nextElement()
    while try cursor.nextMember(droppingNamesTo: scopeMark) {
      let name = try cursor.name(noting: scopeMark)
      try scopeSpansMember(name)
    }
    while try cursor.nextElement() { try scopeSpans() }
    while try cursor.nextMember(droppingNamesTo: resourceMark) {
      let name = try cursor.name(noting: resourceMark)
      try resourceSpansMember(name)
    }
    while try cursor.nextElement() { try resourceSpans() }
    try endOfLine()
  }

  /// A `resourceSpans` element, its names noted from ``resourceMark``.
  private mutating func resourceSpans() throws(Decline) {
    resourceMark = cursor.openCount
    try object { (s: inout Self, name: Range<Int>) throws(Decline) in try s.resourceSpansMember(name) }
  }

  private mutating func resourceSpansMember(_ name: Range<Int>) throws(Decline) {
    if isName(name, "resource") {
      try object { (s: inout Self, name: Range<Int>) throws(Decline) in
        if s.isName(name, "attributes") {
          try s.attributes(ofSpan: false)
        } else {
          try s.cursor.skipValue()
        }
      }
    } else if isName(name, "scopeSpans") {
      try cursor.requireArray()
      if try cursor.beginArray() {
        repeat { try scopeSpans() } while try cursor.nextElement()
      }
    } else if isName(name, "instrumentationLibrarySpans") {
      throw Decline()
    } else {
      try cursor.skipValue()
    }
  }

  /// A `scopeSpans` element, its names noted from ``scopeMark``.
  private mutating func scopeSpans() throws(Decline) {
    scopeMark = cursor.openCount
    try object { (s: inout Self, name: Range<Int>) throws(Decline) in try s.scopeSpansMember(name) }
  }

  private mutating func scopeSpansMember(_ name: Range<Int>) throws(Decline) {
    if isName(name, "spans") {
      try cursor.requireArray()
      if try cursor.beginArray() {
        repeat { try span() } while try cursor.nextElement()
      }
    } else {
      try cursor.skipValue()
    }
  }

  /// Keeps the reader's state on reaching the line's first span (see
  /// ``resumesAfterPrefix()``).
  private mutating func capture() {
    guard i <= Self.maxPrefixLength else { return }
    capturedLength = i
    capturedDepth = cursor.depth
    capturedOpenNames.removeAll(keepingCapacity: true)
    for k in 0..<cursor.openCount { capturedOpenNames.append(cursor.openNames[k]) }
    capturedResourceMark = resourceMark
    capturedScopeMark = scopeMark
  }

  /// The `SpanKind` names of trace.proto.
  private static let spanKinds: [[UInt8]] = [
    "SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
    "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER",
  ].map { Array($0.utf8) }

  private mutating func span() throws(Decline) {
    if spans.isEmpty, capturedLength < 0, !resumed {
      capture()
    }
    stamp &+= 1
    if stamp == 0 {
      for k in slots.indices { slots[k].stamp = 0 }
      stamp = 1
    }
    var hasTrace = false
    var hasSpan = false
    var start: Int64 = -1
    var end: Int64 = -1
    var isError = false
    // A name repeated in the span declines: the members it reads are marked
    // in `seen`, the others kept in `openNames` and compared.
    try cursor.requireObject()
    let mark = cursor.openCount
    var seen: UInt16 = 0
    if try cursor.beginObject() {
      repeat {
        let member = try cursor.key()
        let code = Self.spanMember(p, member, n)
        if code != 0 {
          let bit: UInt16 = 1 << code
          guard seen & bit == 0 else { throw Decline() }
          seen |= bit
        } else {
          try cursor.noteName(member, from: mark)
        }
        switch code {
        case 1:
          try identifier(byteCount: 16)
          hasTrace = true
        case 2:
          try identifier(byteCount: 8)
          hasSpan = true
        case 3: try spanKind()
        case 4: start = try time()
        case 5: end = try time()
        case 6: try attributes(ofSpan: true)
        case 7:
          try object { (s: inout Self, member: Range<Int>) throws(Decline) in
            if s.isName(member, "code") {
              isError = try s.statusCode()
            } else {
              try s.cursor.skipValue()
            }
          }
        default: try cursor.skipValue()
        }
      } while try cursor.nextMember()
    }
    cursor.openCount = mark
    guard hasTrace, hasSpan, start >= 0, end >= start else { throw Decline() }
    spans.append(try prepared(start: start, end: end, isError: isError))
  }

  /// The span members ``span()`` tells apart: 1 `traceId`, 2 `spanId`,
  /// 3 `kind`, 4 `startTimeUnixNano`, 5 `endTimeUnixNano`, 6 `attributes`,
  /// 7 `status`, 8 `parentSpanId`, 9 `flags`, 10 `name`; 0 for any other.
  ///
  /// With 16 bytes of the line from the name's start, the name is compared
  /// as two little-endian words, the bytes past its length masked off
  /// (``SpanMemberWords``); nearer the end of the line, byte by byte.
  @inline(__always)
  static func spanMember(_ p: UnsafePointer<UInt8>, _ r: Range<Int>, _ n: Int) -> Int {
    guard r.lowerBound <= n - 16 else { return spanMemberBytes(p, r) }
    let q = UnsafeRawPointer(p + r.lowerBound)
    let w0 = q.loadUnaligned(as: UInt64.self)
    let w1 = q.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    @inline(__always) func low(_ w: UInt64, _ bytes: Int) -> UInt64 { w & ((1 << (8 * UInt64(bytes))) &- 1) }
    typealias W = SpanMemberWords
    switch r.count {
    case 7: return low(w0, 7) == W.traceId ? 1 : 0
    case 6:
      let w = low(w0, 6)
      return w == W.spanId ? 2 : w == W.status ? 7 : 0
    case 4:
      let w = low(w0, 4)
      return w == W.kind ? 3 : w == W.name ? 10 : 0
    case 17: return w0 == W.startTim && w1 == W.eUnixNan && p[r.lowerBound + 16] == 0x6F ? 4 : 0
    case 15: return w0 == W.endTimeU && low(w1, 7) == W.nixNano ? 5 : 0
    case 10: return w0 == W.attribut && low(w1, 2) == W.es ? 6 : 0
    case 12: return w0 == W.parentSp && low(w1, 4) == W.anId ? 8 : 0
    case 5: return low(w0, 5) == W.flags ? 9 : 0
    default: return 0
    }
  }

  /// The span members' names (and their parts), as little-endian words
  /// with zeros past their text (``spanMember(_:_:_:)``).
  enum SpanMemberWords {
    static let traceId: UInt64 = 0x0064_4965_6361_7274
    static let spanId: UInt64 = 0x0000_6449_6E61_7073
    static let status: UInt64 = 0x0000_7375_7461_7473
    static let kind: UInt64 = 0x0000_0000_646E_696B
    static let name: UInt64 = 0x0000_0000_656D_616E
    static let startTim: UInt64 = 0x6D69_5474_7261_7473
    static let eUnixNan: UInt64 = 0x6E61_4E78_696E_5565
    static let endTimeU: UInt64 = 0x5565_6D69_5464_6E65
    static let nixNano: UInt64 = 0x006F_6E61_4E78_696E
    static let attribut: UInt64 = 0x7475_6269_7274_7461
    static let es: UInt64 = 0x0000_0000_0000_7365
    static let parentSp: UInt64 = 0x7053_746E_6572_6170
    static let anId: UInt64 = 0x0000_0000_6449_6E61
    static let flags: UInt64 = 0x0000_0073_6761_6C66
  }

  /// ``spanMember(_:_:_:)`` byte by byte.
  static func spanMemberBytes(_ p: UnsafePointer<UInt8>, _ r: Range<Int>) -> Int {
    func equals(_ s: StaticString) -> Bool { memcmp(p + r.lowerBound, s.utf8Start, r.count) == 0 }
    switch r.count {
    case 7: return equals("traceId") ? 1 : 0
    case 6: return equals("spanId") ? 2 : equals("status") ? 7 : 0
    case 4: return equals("kind") ? 3 : equals("name") ? 10 : 0
    case 17: return equals("startTimeUnixNano") ? 4 : 0
    case 15: return equals("endTimeUnixNano") ? 5 : 0
    case 10: return equals("attributes") ? 6 : 0
    case 12: return equals("parentSpanId") ? 8 : 0
    case 5: return equals("flags") ? 9 : 0
    default: return 0
    }
  }

  /// A trace or span id: 2 × `byteCount` hex digits (either case), not
  /// all zeros. `byteCount` is 8 or 16, so the digits are two or four
  /// 8-byte words, each checked at once (``isHexWord(_:)``): the string is
  /// answered only when its quote closes right after the digits, which is
  /// what reading it as a string and checking each byte accepted.
  private mutating func identifier(byteCount: Int) throws(Decline) {
    cursor.skipWhitespace()
    let digits = byteCount * 2
    guard i < n, p[i] == 0x22, digits <= n - i - 2, p[i + digits + 1] == 0x22 else { throw Decline() }
    let end = i + 1 + digits
    var k = i + 1
    var nonZero: UInt64 = 0
    while k < end {
      let w = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)
      guard Self.isHexWord(w) else { throw Decline() }
      nonZero |= w ^ 0x3030_3030_3030_3030
      k += 8
    }
    guard nonZero != 0 else { throw Decline() }
    i = end + 1
  }

  /// Whether each of the eight bytes of `w` is a hex digit (`0`–`9`,
  /// `a`–`f`, `A`–`F`). With every byte below 0x80, `x + (0x80 - c)` sets a
  /// byte's high bit exactly when `x >= c`, with no carry into the next
  /// byte, so each range test is two additions; letters are folded to lower
  /// case by setting bit 5 (which maps only `A`–`F` onto `a`–`f`).
  @inline(__always)
  static func isHexWord(_ w: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    guard w & high == 0 else { return false }
    let digit = (w &+ ones &* (0x80 - 0x30)) & ~(w &+ ones &* (0x80 - 0x3A))
    let lower = w | ones &* 0x20
    let letter = (lower &+ ones &* (0x80 - 0x61)) & ~(lower &+ ones &* (0x80 - 0x67))
    return (digit | letter) & high == high
  }

  private mutating func spanKind() throws(Decline) {
    cursor.skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == 0x22 {
      let (r, _, plain) = try cursor.stringToken()
      guard plain else { throw Decline() }
      let bytes = UnsafeRawBufferPointer(start: p + r.lowerBound, count: r.count)
      guard Self.spanKinds.contains(where: { $0.elementsEqual(bytes) }) else { throw Decline() }
    } else {
      guard let k = try integerLiteral(), (0...5).contains(k) else { throw Decline() }
    }
  }

  /// A non-negative time in ns: an integer, or a string of at most 19 digits.
  private mutating func time() throws(Decline) -> Int64 {
    cursor.skipWhitespace()
    guard i < n else { throw Decline() }
    // The usual spelling, a string of 19 digits (every time from 2001-09-09 to 2286): eight digits at a time.
    if p[i] == 0x22, n - i > 20, p[i + 20] == 0x22 {
      let q = UnsafeRawPointer(p + i + 1)
      let d0 = UInt64(p[i + 17] &- 0x30)
      let d1 = UInt64(p[i + 18] &- 0x30)
      let d2 = UInt64(p[i + 19] &- 0x30)
      if d0 < 10, d1 < 10, d2 < 10, let high = Self.eightDigits(q.loadUnaligned(as: UInt64.self)),
        let middle = Self.eightDigits(q.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
      {
        // At most 10^19 - 1, below 2^64.
        let v = high &* 100_000_000_000 &+ middle &* 1_000 &+ d0 &* 100 &+ d1 &* 10 &+ d2
        guard v <= UInt64(Int64.max) else { throw Decline() }
        i += 21
        return Int64(v)
      }
    }
    if p[i] == 0x22 {
      let (r, _, plain) = try cursor.stringToken()
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

  /// The value of eight ASCII digits (the first the most significant),
  /// `nil` when a byte of `w` is not a digit: the checks and the three
  /// multiplications of Lemire's eight-digit parse (as in fast_float's
  /// `parse_eight_digits_unrolled`); a byte outside `0x30...0x39` leaves a
  /// high nibble other than 3 in the check, whatever the carries.
  @inline(__always)
  static func eightDigits(_ w: UInt64) -> UInt64? {
    let nibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
    guard (w & nibbles) | (((w &+ 0x0606_0606_0606_0606) & nibbles) >> 4) == 0x3333_3333_3333_3333 else {
      return nil
    }
    var v = w &- 0x3030_3030_3030_3030
    v = v &* 10 &+ (v >> 8)
    v =
      ((v & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32))
        &+ ((v >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32))) >> 32
    return v
  }

  /// A status code: `true` for 2 or `STATUS_CODE_ERROR`.
  private mutating func statusCode() throws(Decline) -> Bool {
    cursor.skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == 0x22 {
      let (r, _, plain) = try cursor.stringToken()
      guard plain else { throw Decline() }
      return isName(r, "STATUS_CODE_ERROR")
    }
    guard let v = try integerLiteral() else { throw Decline() }
    return v == 2
  }

  /// An integer literal within int64 at the cursor (as ``JSONByteCursor/number()`` reads
  /// it); `nil` for any other number, which is then read.
  private mutating func integerLiteral() throws(Decline) -> Int64? {
    try cursor.number()
  }

  /// A `KeyValue` list (`null` is an empty one): on a span, the mapped
  /// attributes go into the slots; on a resource, a mapped attribute
  /// declines. Each element is tried in its usual spelling first
  /// (``quickAttribute(ofSpan:)``), and read in full when it is spelled
  /// otherwise.
  private mutating func attributes(ofSpan: Bool) throws(Decline) {
    cursor.skipWhitespace()
    guard i < n else { throw Decline() }
    if p[i] == 0x6E {
      guard cursor.literal("null") else { throw Decline() }
      return
    }
    try cursor.requireArray()
    guard try cursor.beginArray() else { return }
    repeat {
      if try !quickAttribute(ofSpan: ofSpan) {
        try attribute(ofSpan: ofSpan)
      }
    } while try cursor.nextElement()
  }

  /// One `KeyValue` at the cursor, in any spelling.
  private mutating func attribute(ofSpan: Bool) throws(Decline) {
    try cursor.requireObject()
    guard try cursor.beginObject() else { throw Decline() }
    guard isName(try cursor.key(), "key") else { throw Decline() }
    cursor.skipWhitespace()
    guard i < n, p[i] == 0x22 else { throw Decline() }
    let (r, _, plain) = try cursor.stringToken()
    guard plain else { throw Decline() }
    let slot = keys.index(ascii: p + r.lowerBound, r.count)
    if try cursor.nextMember() {
      guard isName(try cursor.key(), "value") else { throw Decline() }
      if let slot {
        guard ofSpan, !isLangfuse[slot] else { throw Decline() }
        try mappedValue(slot)
      } else {
        try cursor.skipValue()
      }
      guard try !cursor.nextMember() else { throw Decline() }
    } else if let slot {
      guard ofSpan, !isLangfuse[slot] else { throw Decline() }
      set(slot, kind: 3, 0, 0)
    }
  }

  /// `{"key":"`, as a little-endian word.
  private static let keyOpening: UInt64 = 0x223A_2279_656B_227B
  /// `,"value"`, as a little-endian word.
  private static let valueOpening: UInt64 = 0x2265_756C_6176_222C

  /// A `KeyValue` spelled as exporters write it,
  /// `{"key":"K","value":{"T":V}}` with no whitespace, `T` one of
  /// `stringValue`, `intValue`, `doubleValue` and `boolValue` and `V` a
  /// string, number or `true`/`false`: read with fixed comparisons instead of
  /// token by token, accepting and declining exactly what
  /// ``attribute(ofSpan:)`` does. Returns `false`, the cursor and the slots
  /// untouched, for any other spelling or value (which that reads).
  private mutating func quickAttribute(ofSpan: Bool) throws(Decline) -> Bool {
    let start = i
    guard cursor.depth < 62, n - i >= 8,
      UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) == Self.keyOpening
    else { return false }
    i += 7
    // The key is read as ``attribute(ofSpan:)`` reads it: what declines here declines there.
    let (r, _, plain) = try cursor.stringToken()
    guard plain else { throw Decline() }
    guard n - i >= 12, UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) == Self.valueOpening,
      p[i + 8] == 0x3A, p[i + 9] == 0x7B, p[i + 10] == 0x22
    else {
      i = start
      return false
    }
    i += 11
    let slot = keys.index(ascii: p + r.lowerBound, r.count)
    if let slot, !ofSpan || isLangfuse[slot] { throw Decline() }
    // The value: kind and payload as ``set(_:kind:_:_:)`` takes them.
    var kind: UInt8 = 0
    var a = 0
    var b = 0
    if cursor.literal("stringValue\":\"") {
      i -= 1
      let (v, _, plain) = try cursor.stringToken()
      if slot != nil {
        guard plain else { throw Decline() }
        (kind, a, b) = (1, v.lowerBound, v.count)
      }
    } else if cursor.literal("intValue\":\"") {
      i -= 1
      let (v, _, plain) = try cursor.stringToken()
      if slot != nil {
        guard plain, v.count > 0, v.count <= 18 else { throw Decline() }
        var x = 0
        for k in v {
          let d = p[k] &- 0x30
          guard d < 10 else { throw Decline() }
          x = x &* 10 &+ Int(d)
        }
        (kind, a) = (2, x)
      }
    } else if followsNumber(after: "intValue\":") {
      let number = try cursor.number()
      if slot != nil {
        guard let x = number else { throw Decline() }
        (kind, a) = (2, Int(x))
      }
    } else if slot == nil, followsNumber(after: "doubleValue\":") {
      _ = try cursor.number()
    } else if slot == nil, cursor.literal("boolValue\":true") || cursor.literal("boolValue\":false") {
    } else {
      i = start
      return false
    }
    guard n - i >= 2, p[i] == 0x7D, p[i + 1] == 0x7D else {
      i = start
      return false
    }
    i += 2
    if let slot { set(slot, kind: kind, a, b) }
    quickAttributes &+= 1
    return true
  }

  /// Whether the bytes at the cursor are `s` followed by the start of a
  /// number (`-` or a digit); moves past `s` when they are.
  @inline(__always)
  private mutating func followsNumber(after s: StaticString) -> Bool {
    let len = s.utf8CodeUnitCount
    guard n - i > len, p[i + len] == 0x2D || p[i + len] &- 0x30 < 10, memcmp(p + i, s.utf8Start, len) == 0
    else { return false }
    i += len
    return true
  }

  @inline(__always)
  private mutating func set(_ slot: Int, kind: UInt8, _ a: Int, _ b: Int) {
    slots[slot] = Slot(stamp: stamp, kind: kind, a: a, b: b)
  }

  /// The `AnyValue` of a mapped attribute: `{}`, or one `stringValue` (a
  /// plain ASCII string) or one `intValue` (a string of 1 to 18 digits, or
  /// an integer literal).
  private mutating func mappedValue(_ slot: Int) throws(Decline) {
    try cursor.requireObject()
    guard try cursor.beginObject() else {
      set(slot, kind: 3, 0, 0)
      return
    }
    let name = try cursor.key()
    cursor.skipWhitespace()
    guard i < n else { throw Decline() }
    if isName(name, "stringValue") {
      guard p[i] == 0x22 else { throw Decline() }
      let (r, _, plain) = try cursor.stringToken()
      guard plain else { throw Decline() }
      set(slot, kind: 1, r.lowerBound, r.count)
    } else if isName(name, "intValue") {
      if p[i] == 0x22 {
        let (r, _, plain) = try cursor.stringToken()
        guard plain, r.count > 0, r.count <= 18 else { throw Decline() }
        var v = 0
        for k in r {
          let d = p[k] &- 0x30
          guard d < 10 else { throw Decline() }
          v = v &* 10 &+ Int(d)
        }
        set(slot, kind: 2, v, 0)
      } else {
        guard let v = try cursor.number() else { throw Decline() }
        set(slot, kind: 2, Int(v), 0)
      }
    } else {
      throw Decline()
    }
    guard try !cursor.nextMember() else { throw Decline() }
  }

  // MARK: The mapping

  /// The first of `keys` holding a non-empty string, as (start, length).
  @inline(__always)
  private func string(_ keys: [Int]) -> (Int, Int)? {
    for k in keys where slots[k].stamp == stamp && slots[k].kind == 1 && slots[k].b > 0 {
      return (slots[k].a, slots[k].b)
    }
    return nil
  }

  /// The first of `keys` present (a string or an integer).
  @inline(__always)
  private func present(_ keys: [Int]) -> Int? {
    keys.first { slots[$0].stamp == stamp && slots[$0].kind != 3 }
  }

  /// The token count of the first of `keys` present, 0 when none is.
  @inline(__always)
  private func tokens(_ keys: [Int]) throws(Decline) -> Int {
    guard let k = present(keys) else { return 0 }
    let slot = slots[k]
    guard slot.kind == 2, slot.a >= 0, slot.a <= TelemetryBounds.maxTokens else { throw Decline() }
    return slot.a
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
      guard slots[k].kind == 1 else { throw Decline() }
      let r = (slots[k].a, slots[k].b)
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
      guard slots[k].kind == 1 else { throw Decline() }
      let r = (slots[k].a, slots[k].b)
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

  // MARK: JSON tokens (the cursor's)

  @inline(__always)
  private func isName(_ r: Range<Int>, _ s: StaticString) -> Bool { cursor.isName(r, s) }

  @inline(__always)
  private func isName(_ r: (Int, Int), _ s: StaticString) -> Bool { cursor.isName(r, s) }
}

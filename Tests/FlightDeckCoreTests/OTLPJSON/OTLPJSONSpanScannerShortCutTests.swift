import Foundation
import Testing

@testable import FlightDeckCore

/// The record-free OTLP/JSON reader's sixth-pass short cuts
/// (``OTLPJSONSpanScanner``): a line starting with the bytes the last
/// answered line had before its first span is read from that span on; a
/// line starting `{"resourceSpans":` skips the FlightDeck scanner; a
/// span's member names are compared as words; a double without an exponent
/// is checked without being converted. Each must
/// answer exactly what reading the whole line token by token answers: every
/// changed line here is read by a scanner holding the prefix and by a new
/// one, and replayed through the record path (the decoder).
@Suite struct OTLPJSONSpanScannerShortCutTests {
  typealias R = ReplayOTLPRecordFreeTests

  /// The resource attributes of the benchmark's generator.
  static let resource = [
    R.attribute("service.name", string: "chat-api"), R.attribute("telemetry.sdk.language", string: "python"),
  ]

  /// A line as the benchmark's generator writes it: two resource
  /// attributes, a scope, one GenAI span (`i` seconds after `t0`).
  static func line(_ i: Int, model: String = "gpt-4o") -> String {
    R.line(
      [
        [
          [
            R.genAI(
              i, model: model, response: model + "-v\(i % 3)", input: 100 + i, output: 10, latencyMs: 200 + i)
          ]
        ]
      ],
      resource: resource)
  }

  /// What a scanner made of a line: whether it answered, its spans with
  /// their names spelled out (ids differ between scanners), and how many
  /// lines it has read after a prefix.
  struct Answer: Equatable {
    var answered: Bool
    var spans: [String]
  }

  static func scan(_ text: String, with scanner: inout OTLPJSONSpanScanner) -> Answer {
    scan(Array(text.utf8), with: &scanner)
  }

  static func scan(_ line: [UInt8], with scanner: inout OTLPJSONSpanScanner) -> Answer {
    var bytes = line
    let answered = bytes.withUnsafeMutableBytes { scanner.scan(UnsafeRawBufferPointer($0)) }
    guard answered else { return Answer(answered: false, spans: []) }
    let names = scanner.names.names
    func name(_ id: Int32) -> String { id >= 0 ? names[Int(id)] : "-" }
    let spans = scanner.spans.map { s in
      "\(s.skipped) \(name(s.artefact)) \(name(s.requestModel)) \(name(s.version)) \(s.route) \(s.kind) \(s.sample)"
    }
    return Answer(answered: true, spans: spans)
  }

  /// A new scanner's answer: no prefix held.
  static func fresh(_ text: String) -> Answer {
    fresh(Array(text.utf8))
  }

  static func fresh(_ bytes: [UInt8]) -> Answer {
    var scanner = OTLPJSONSpanScanner(mapping: .default, prices: R.prices)
    return scan(bytes, with: &scanner)
  }

  /// Where the first span of `text` starts (its `{`): the prefix's length.
  static func prefixLength(_ text: String) throws -> Int {
    let range = try #require(text.range(of: #""spans":["#))
    return text.utf8.distance(from: text.startIndex, to: range.upperBound)
  }

  /// A line with the same prefix as the one before is read from its first
  /// span on, with the answer of a whole reading; one whose prefix differs
  /// is read whole, and its prefix is kept in turn.
  @Test func aRepeatedPrefixIsReadOnce() throws {
    var scanner = OTLPJSONSpanScanner(mapping: .default, prices: R.prices)
    let lines = (0..<6).map { Self.line($0, model: $0 < 4 ? "gpt-4o" : "claude-sonnet-4") }
    for (k, text) in lines.enumerated() {
      let answer = Self.scan(text, with: &scanner)
      #expect(answer.answered)
      #expect(answer == Self.fresh(text))
      // The first line is read whole; the same resource and scope follow on every other.
      #expect(scanner.prefixHits == k)
    }
    // Another resource: read whole; then its prefix is the one kept.
    let other = R.line(
      [[[R.genAI(9, model: "gpt-4o", response: "v", input: 1, output: 1, latencyMs: 5)]]],
      resource: [R.attribute("service.name", string: "batch")])
    #expect(Self.scan(other, with: &scanner) == Self.fresh(other))
    #expect(scanner.prefixHits == 5)
    #expect(Self.scan(other, with: &scanner).answered)
    #expect(scanner.prefixHits == 6)
    #expect(Self.scan(lines[0], with: &scanner).answered)
    #expect(scanner.prefixHits == 6)
    try Self.replaySame(lines + [other] + lines)
  }

  /// Every byte of a line changed to each of 16 others, a space inserted
  /// before it, the byte deleted, and the line cut before it, each read by
  /// a scanner that has just read the unchanged line (so holds its prefix):
  /// the answer is a new scanner's every time; a change inside the prefix
  /// or to the `{` after it is never read after the prefix, a change after
  /// it always is.
  @Test func everyChangeToALineIsReadAsAWholeReadingReadsIt() throws {
    let base = Self.line(1)
    let bytes = Array(base.utf8)
    let length = try Self.prefixLength(base)
    #expect(bytes[length] == 0x7B)
    var scanner = OTLPJSONSpanScanner(mapping: .default, prices: R.prices)
    let replacements: [UInt8] = [
      0x20, 0x09, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x30, 0x61, 0x6E, 0x00, 0xC3, 0x80,
    ]
    var mutants: [(at: Int, bytes: [UInt8])] = []
    for at in 0..<bytes.count {
      for r in replacements where r != bytes[at] {
        var b = bytes
        b[at] = r
        mutants.append((at, b))
      }
      var inserted = bytes
      inserted.insert(0x20, at: at)
      mutants.append((at, inserted))
      var deleted = bytes
      deleted.remove(at: at)
      mutants.append((at, deleted))
      mutants.append((at, Array(bytes[..<at])))
    }
    var resumed = 0
    var answered = 0
    var sample: [String] = []
    for (k, mutant) in mutants.enumerated() {
      #expect(Self.scan(base, with: &scanner).answered)
      let hits = scanner.prefixHits
      let answer = Self.scan(mutant.bytes, with: &scanner)
      let read = scanner.prefixHits - hits
      let b = mutant.bytes
      // Read after the prefix exactly when the prefix and the `{` after it are unchanged (and the line ends in `}`).
      let samePrefix = b.count > length && Array(b[...length]) == Array(bytes[...length]) && b.last == 0x7D
      #expect(read == (samePrefix ? 1 : 0), "at \(mutant.at)")
      #expect(answer == Self.fresh(b), "at \(mutant.at): \(String(decoding: b, as: UTF8.self))")
      resumed += read
      if answer.answered { answered += 1 }
      if k % 7 == 0 {
        sample.append(base)
        sample.append(String(decoding: b, as: UTF8.self))
      }
    }
    // Changes past the prefix (at `length` + 1 and after) are read after it.
    #expect(resumed > (bytes.count - length - 2) * 15)
    #expect(answered > 1_000)
    // The decoder agrees on a seventh of them, each after the unchanged line.
    try Self.replaySame(sample)
  }

  /// Lines with the benchmark's prefix and then what a reading of the
  /// whole line must refuse or read otherwise: a name repeated in the
  /// `scopeSpans` or `resourceSpans` element after the spans (held by the
  /// names kept with the prefix), an empty spans array, whitespace before
  /// the first span, more elements after; each answered as a new scanner
  /// answers it and replayed as the record path replays it.
  @Test func whatFollowsThePrefixIsReadWithThePrefixsState() throws {
    let base = Self.line(1)
    let length = try Self.prefixLength(base)
    let prefix = String(decoding: Array(base.utf8.prefix(length)), as: UTF8.self)
    let span = R.genAI(2, model: "gpt-4o", response: "v", input: 5, output: 1, latencyMs: 7)
    let scope = #"{"scope":{"name":"openai","version":"2.1b0"},"spans":[\#(span)]}"#
    let resource = #"{"resource":{"attributes":[]},"scopeSpans":[\#(scope)]}"#
    let cases: [(tail: String, answered: Bool)] = [
      (span + "]}]}]}", true),
      (span + "," + span + "]}]}]}", true),
      (span + #"],"spans":[]}]}]}"#, false),
      (span + #"],"scope":{}}]}]}"#, false),
      (span + #"],"schemaUrl":"x"}]}]}"#, true),
      (span + #"],"schemaUrl":"x","schemaUrl":"y"}]}]}"#, false),
      (span + #"]}],"scopeSpans":[]}]}"#, false),
      (span + #"]}],"resource":{}}]}"#, false),
      (span + #"]}],"schemaUrl":"x"}]}"#, true),
      (span + "]}," + scope + "]}]}", true),
      (span + "]}]}," + resource + "]}", true),
      (span + "]}]}]," + #""resourceSpans":[]}"#, false),
      (span + "]}]}]}}", false),
      (span + "]}]}]", false),
      (span + "]}]}] }", true),
      (span + "] }\t] }] }", true),
      (span + "]}]}]}" + " ", false),
      (" " + span + "]}]}]}", true),
      ("]}]}]}", true),
      (" ]}]}]}", true),
      ("{}]}]}]}", false),
      (span.replacingOccurrences(of: #""traceId""#, with: #""traceId":"00","traceId""#) + "]}]}]}", false),
    ]
    var lines: [String] = []
    for (tail, expected) in cases {
      var scanner = OTLPJSONSpanScanner(mapping: .default, prices: R.prices)
      #expect(Self.scan(base, with: &scanner).answered)
      let text = prefix + tail
      let answer = Self.scan(text, with: &scanner)
      #expect(answer.answered == expected, "\(tail)")
      #expect(answer == Self.fresh(text), "\(tail)")
      lines += [base, text]
    }
    try Self.replaySame(lines)
  }

  /// Prefixes spelled otherwise (whitespace, escapes, non-ASCII text,
  /// repeated names, a deeper resource) are kept and used as the plain one
  /// is, or declined with their line; a line whose prefix is the kept one
  /// but one byte shorter or longer is read whole.
  @Test func prefixesSpelledOtherwiseAreKeptAlike() throws {
    let span = R.genAI(3, model: "gpt-4o", response: "v", input: 5, output: 1, latencyMs: 7)
    let prefixes: [(String, Bool)] = [
      (#"{"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"spans":["#, true),
      (#"{"resourceSpans": [ {"resource" : {"attributes":[ ]} , "scopeSpans":[ { "spans" : [ "#, true),
      (
        #"{"resourceSpans":[{"resource":{"attributes":[{"key":"note","value":{"stringValue":"\"x\" \u00e9"}}]},"scopeSpans":[{"spans":["#,
        true
      ),
      (
        #"{"resourceSpans":[{"resource":{"attributes":[{"key":"note","value":{"stringValue":"é"}}]},"scopeSpans":[{"spans":["#,
        true
      ),
      (#"{"resourceSpans":[{"resource":{"attributes":[],"attributes":[]},"scopeSpans":[{"spans":["#, false),
      (
        #"{"resourceSpans":[{"resource":{"attributes":[{"key":"flightdeck.route","value":{"stringValue":"canary"}}]},"scopeSpans":[{"spans":["#,
        false
      ),
      (
        #"{"resourceSpans":[{"scopeSpans":[{"spans":[]}]},{"resource":{},"scopeSpans":[{"scope":{"attributes":[[[{}]]]},"spans":["#,
        true
      ),
      (#"{"resourceSpans":[{"scopeSpans":[{"spans":[],"spans":["#, false),
      (
        #"{"resourceSpans":[{"resource":{"droppedAttributesCount":0},"scopeSpans":[{"scope":{"name":"a\/b"},"spans":["#,
        true
      ),
    ]
    var lines: [String] = []
    for (prefix, expected) in prefixes {
      let text = prefix + span + "]}]}]}"
      var scanner = OTLPJSONSpanScanner(mapping: .default, prices: R.prices)
      #expect(Self.scan(text, with: &scanner).answered == expected, "\(prefix)")
      #expect(scanner.prefixHits == 0)
      let again = Self.scan(text, with: &scanner)
      #expect(again == Self.fresh(text), "\(prefix)")
      #expect(scanner.prefixHits == (expected ? 1 : 0), "\(prefix)")
      // One byte shorter (the first span's `{` then follows at another place) or with a space before the span.
      let shorter = String(prefix.dropLast()) + span + "]}]}]}"
      let longer = prefix + " " + span + "]}]}]}"
      for text in [shorter, longer] {
        let hits = scanner.prefixHits
        #expect(Self.scan(text, with: &scanner) == Self.fresh(text), "\(text)")
        #expect(scanner.prefixHits == hits, "\(text)")
        #expect(Self.scan(prefix + span + "]}]}]}", with: &scanner).answered == expected)
      }
      lines += [text, text, shorter, text, longer]
    }
    try Self.replaySame(lines)
  }

  /// A line starting `{"resourceSpans":` is declined by the FlightDeck
  /// scanner whatever follows (so `replay` does not try it): OTLP lines,
  /// a FlightDeck record after such a member, broken and random tails; a
  /// start that differs in any byte, or has whitespace, is not taken for
  /// it.
  @Test func aLineStartingResourceSpansIsLeftToTheOTLPReaders() throws {
    let start = #"{"resourceSpans":"#
    var rng = SplitMix64(seed: 3)
    let record =
      #"1,"ts":"2025-06-01T00:00:00Z","artefact":"a","kind":"model","version":"v","route":"stable","#
      + #""latency_ms":5,"input_tokens":1,"output_tokens":1,"cost_usd":0.1,"status":"ok"}"#
    var tails = [
      "", "[]}", "[", "1}", "null}", record, #""x"}"#, "{}}", "[]", "[]} ", "\u{00}", "\"", "\\",
      String(Self.line(1).dropFirst(start.count)),
    ]
    let alphabet = Array(#"{}[]":,\ 0123456789-+.eEtrunlfasxvkyVIS"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9]
    for _ in 0..<2_000 {
      let count = Int(rng.next() % 40)
      tails.append(
        String(
          decoding: (0..<count).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }, as: UTF8.self
        ))
    }
    for tail in tails {
      var bytes = Array((start + tail).utf8)
      bytes.withUnsafeMutableBytes { raw in
        let line = UnsafeRawBufferPointer(raw)
        #expect(OTLPJSONSpanScanner.startsWithResourceSpans(line))
        guard case .declined = FlightDeckLineScanner.scan(line) else {
          Issue.record("not declined: \(start + tail)")
          return
        }
      }
    }
    let startBytes = Array(start.utf8)
    for at in 0..<startBytes.count {
      for r in [0x20, 0x52, 0x00, 0x3B] as [UInt8] where r != startBytes[at] {
        var bytes = startBytes + Array("[]}".utf8)
        bytes[at] = r
        bytes.withUnsafeBytes { #expect(!OTLPJSONSpanScanner.startsWithResourceSpans($0), "at \(at)") }
      }
    }
    for text in [#"{ "resourceSpans":[]}"#, #"{"resourceSpans" :[]}"#, #"{"resourceSpans""#, "{"] {
      var bytes = Array(text.utf8)
      bytes.withUnsafeMutableBytes {
        #expect(!OTLPJSONSpanScanner.startsWithResourceSpans(UnsafeRawBufferPointer($0)), "\(text)")
      }
    }
    // The same lines replayed with the record-free path and without: the same result.
    try Self.replaySame(tails.prefix(300).map { start + $0 } + [Self.line(1)])
  }

  /// The word constants spell their text, little-endian, zero above it.
  @Test func wordConstantsSpellTheirText() {
    func word(_ text: String) -> UInt64 {
      var bytes = Array(text.utf8)
      #expect(bytes.count <= 8)
      while bytes.count < 8 { bytes.append(0) }
      return bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
    }
    typealias S = OTLPJSONSpanScanner
    #expect(S.resourceSpansWord0 == word(#"{"resour"#))
    #expect(S.resourceSpansWord1 == word(#"ceSpans""#))
    #expect(S.word(#"{"resourceSpans""#) == S.resourceSpansWord0)
  }

  /// A span's member names compared as words: each of the ten names, and
  /// each with every byte changed to each of 12 others, cut one short or
  /// one long, give the byte-by-byte comparison's answer (and only the ten
  /// give a member), with 16 bytes after the name's start and without.
  @Test func spanMemberNamesAreComparedAsWords() {
    let members = [
      "traceId", "spanId", "kind", "startTimeUnixNano", "endTimeUnixNano", "attributes", "status",
      "parentSpanId", "flags", "name",
    ]
    var names: [[UInt8]] = []
    for member in members {
      let b = Array(member.utf8)
      names.append(b)
      names.append(Array(b.dropLast()))
      names.append(b + [0x73])
      for at in 0..<b.count {
        for r in [0x00, 0x20, 0x22, 0x41, 0x49, 0x61, 0x64, 0x6F, 0x73, 0x80, 0xFF, 0x6E] as [UInt8]
        where r != b[at] {
          var c = b
          c[at] = r
          names.append(c)
        }
      }
    }
    var found = Set<Int>()
    for name in names {
      for after in [16, 3] {
        // The name, its quote and `after` bytes of a value, as in a line.
        let bytes = name + Array(#"":"#.utf8) + Array(repeating: 0x31, count: after) + [0x7D]
        bytes.withUnsafeBufferPointer { buf in
          let p = buf.baseAddress!
          let r = 0..<name.count
          let code = OTLPJSONSpanScanner.spanMember(p, r, buf.count)
          #expect(
            code == OTLPJSONSpanScanner.spanMemberBytes(p, r), "\(String(decoding: name, as: UTF8.self))")
          let expected = members.firstIndex(of: String(decoding: name, as: UTF8.self))
          #expect((code != 0) == (expected != nil), "\(String(decoding: name, as: UTF8.self))")
          if code != 0 { found.insert(code) }
        }
      }
    }
    #expect(found == Set(1...10))
  }

  /// Numbers that are not integers, in an attribute no lookup reads, in
  /// the usual spelling and in a span's `flags`: without an exponent they
  /// are checked without being read (at most 15 digits, as the decoder
  /// requires of a double: worked out here by counting), with one they are
  /// read to see that they are finite; the record path agrees on each.
  @Test func doublesAreCheckedWithoutReadingTheirValue() throws {
    let cases: [(String, Bool)] = [
      ("0.5", true), ("-0.5", true), ("0.0", true), ("-0.0", true), ("1.0", true),
      ("0.00000000000001", true), ("0.000000000000001", false), ("12345678901234.5", true),
      ("123456789012345.5", false), ("99999999999999.9", true), ("1.", false), (".5", false),
      ("1.e5", false), ("1.5e", false), ("1.5e+", false), ("1.5E-2", true), ("1.5e308", true),
      ("1.5e309", false), ("-1.5e-400", true), ("00.5", false), ("-.5", false), ("1.5.5", false),
      ("1.5e5.5", false), ("1.5-", false),
    ]
    var lines: [String] = []
    for (number, answered) in cases {
      let attribute = #"{"key":"note","value":{"doubleValue":"# + number + "}}"
      let text = OTLPJSONSpanScannerTests.line(attributes: [attribute])
      #expect(Self.fresh(text).answered == answered, "\(number)")
      #expect(Self.fresh(text) == Self.freshSlow(text), "\(number)")
      let flags = text.replacingOccurrences(of: #""flags":256"#, with: #""flags":"# + number)
      #expect(flags != text)
      #expect(Self.fresh(flags).answered == answered, "flags \(number)")
      lines += [text, flags]
    }
    // The decoder reads every answered line, and may read some the scanner leaves to it.
    let result = try Self.replaySame(lines)
    #expect(result.records >= 2 * cases.filter(\.1).count)
  }

  /// Attribute values whose member name differs from the usual ones in one
  /// byte, or is cut short by the end of the line, are read token by
  /// token (or declined) as before, through both paths.
  @Test func valueNamesDifferingInOneByteAreReadTokenByToken() throws {
    let names = [
      #""stringValue":"x""#, #""intValue":"7""#, #""intValue":7"#, #""doubleValue":0.5"#,
      #""boolValue":true"#, #""boolValue":false"#,
    ]
    var lines: [String] = []
    for name in names {
      let value = Array(name.utf8)
      for at in 0..<value.count {
        for r in [0x20, 0x58, 0x22, 0x3A, 0x2D] as [UInt8] where r != value[at] {
          var b = value
          b[at] = r
          let attribute = #"{"key":"note","value":{"# + String(decoding: b, as: UTF8.self) + "}}"
          let text = OTLPJSONSpanScannerTests.line(attributes: [attribute])
          #expect(Self.fresh(text) == Self.freshSlow(text), "\(attribute)")
          lines.append(text)
        }
      }
      let attribute = #"{"key":"gen_ai.usage.input_tokens","value":{"# + name + "}}"
      lines.append(OTLPJSONSpanScannerTests.line(attributes: [attribute]))
    }
    let result = try Self.replaySame(lines)
    #expect(result.records > 100)
    #expect(result.malformedLines > 100)
  }

  /// A new scanner's answer on `text` with every attribute spelled with a
  /// space after its value's `{` (so read token by token, never with the
  /// word comparisons).
  static func freshSlow(_ text: String) -> Answer {
    fresh(text.replacingOccurrences(of: #""value":{""#, with: #""value":{ ""#))
  }

  /// Replays `lines` through both paths and requires the same result.
  @discardableResult
  static func replaySame(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) throws
    -> ReplayResult
  {
    try OTLPJSONSpanScannerTests.replaySame(lines, sourceLocation: sourceLocation)
  }
}

import Foundation
import Testing

@testable import FlightDeckCore

/// The JSON rules the two FlightDeck line decoders share (TelemetrySchema
/// article, "JSON rules"), on hand-worked lines and on thousands of generated
/// hostile ones: byte-order marks, duplicate keys spelled with escapes,
/// trailing commas, NFC/NFD names, deep nesting and huge or tiny exponents
/// under unknown keys, surrogate escapes and control characters.
@Suite struct DecoderAgreementTests {
  typealias Outcome = DecoderDifferentialTests.Outcome
  typealias R = TelemetryDecodeError.Reason

  static let head =
    #"{"ts":"2025-06-01T00:00:00Z","request_id":"r","artefact":"gpt-4o","kind":"model","version":"v1","route":"stable","latency_ms":5,"input_tokens":10,"output_tokens":2,"status":"ok""#

  static func line(_ s: String) -> [UInt8] { Array(s.utf8) }

  /// Both decoders, and the line decoder in both formats, give `expected`
  /// (the scanner may decline), with names compared code point by code point.
  static func expectBoth(_ l: [UInt8], _ expected: Outcome, sourceLocation: SourceLocation = #_sourceLocation)
  {
    let text = String(decoding: l, as: UTF8.self).debugDescription
    let g = DecoderDifferentialTests.general(l)
    #expect(same(g, expected), "general: \(g) for \(text)", sourceLocation: sourceLocation)
    let f = DecoderDifferentialTests.fast(l)
    #expect(f == .declined || same(f, expected), "scanner: \(f) for \(text)", sourceLocation: sourceLocation)
    for format in [TelemetryFormat.auto, .flightdeck] {
      var d = TelemetryLineDecoder(format: format, prices: DecoderDifferentialTests.prices)
      let r = l.withUnsafeBytes { d.decode(line: $0) }
      let o: Outcome =
        r.records.count == 1
        ? .record(r.records[0]) : r.errors.count == 1 ? .malformed(r.errors[0]) : .declined
      #expect(same(o, expected), "\(format): \(o) for \(text)", sourceLocation: sourceLocation)
    }
  }

  /// Same outcome, names code point by code point, numbers bit for bit.
  static func same(_ a: Outcome, _ b: Outcome) -> Bool {
    guard a == b else { return false }
    guard case .record(let x) = a, case .record(let y) = b else { return true }
    func s(_ t: String?) -> [UInt32]? { t.map { $0.unicodeScalars.map(\.value) } }
    func d(_ v: Double?) -> UInt64? { v.map(\.bitPattern) }
    return s(x.artefact) == s(y.artefact) && s(x.version) == s(y.version) && s(x.requestID) == s(y.requestID)
      && s(x.sessionID) == s(y.sessionID) && s(x.errorType) == s(y.errorType)
      && s(x.provider) == s(y.provider)
      && d(x.latencyMs) == d(y.latencyMs) && d(x.costUSD) == d(y.costUSD) && d(x.ttftMs) == d(y.ttftMs)
      && d(x.score) == d(y.score)
  }

  /// ``same(_:_:)``, an invalid-JSON error's position left out (`invalid JSON at column C:
  /// CAUSE` → `invalid JSON: CAUSE`): for lines spelt differently, whose bytes move.
  static func sameCause(_ a: Outcome, _ b: Outcome) -> Bool {
    func strip(_ o: Outcome) -> Outcome {
      guard case .malformed(var e) = o, R.isInvalidJSON(e.reason), let colon = e.reason.range(of: ": ") else {
        return o
      }
      e.reason = R.invalidJSON + e.reason[colon.lowerBound...]
      return .malformed(e)
    }
    return same(strip(a), strip(b))
  }

  /// `invalid JSON at column C: CAUSE`.
  static func invalid(_ column: Int, _ cause: String) -> Outcome {
    .malformed(TelemetryDecodeError(field: nil, reason: "invalid JSON at column \(column): \(cause)"))
  }

  static var plain: Outcome { DecoderDifferentialTests.general(line(head + "}")) }

  static func record(_ change: (inout TelemetryRecord) -> Void) -> Outcome {
    guard case .record(var r) = plain else { return .declined }
    change(&r)
    return .record(r)
  }

  @Test func byteOrderMarkIsRefusedWhereverItIs() {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    // Before the object: not whitespace (RFC 8259 §8.1); Foundation skipped it.
    Self.expectBoth(
      bom + Self.line(Self.head + "}"), .malformed(TelemetryDecodeError(field: nil, reason: R.byteOrderMark)))
    // Before a name, raw: Foundation dropped it, the scanner kept it — one name, two series.
    let named = Self.line(
      Self.head.replacingOccurrences(of: #""artefact":"gpt"#, with: "\"artefact\":\"\u{FEFF}gpt") + "}")
    Self.expectBoth(named, .malformed(TelemetryDecodeError(field: "artefact", reason: R.byteOrderMark)))
    // Escaped, in an unknown member, and between tokens.
    Self.expectBoth(
      Self.line(Self.head + #","note":"\uFEFFx"}"#),
      .malformed(TelemetryDecodeError(field: "note", reason: R.byteOrderMark)))
    Self.expectBoth(
      Self.line(Self.head + ",") + bom + Self.line(#""note":1}"#),
      .malformed(TelemetryDecodeError(field: nil, reason: R.byteOrderMark)))
    // The mark is reported before a repeated key, wherever each is.
    Self.expectBoth(
      Self.line(Self.head + #","x":1,"x":2,"note":"\uFEFF"}"#),
      .malformed(TelemetryDecodeError(field: "note", reason: R.byteOrderMark)))
    // A syntax error wins over the mark: the line ends after the mark's 3 bytes and the head.
    Self.expectBoth(
      bom + Self.line(Self.head),
      Self.invalid(3 + Self.head.utf8.count + 1, "truncated: the line ends inside an object"))
  }

  @Test func duplicateKeysAreRefusedHoweverTheyAreSpelled() {
    let dup = Outcome.malformed(TelemetryDecodeError(field: "latency_ms", reason: R.duplicateKey))
    // The later key written with an escape used to lose to the first (5), raw it won (7).
    Self.expectBoth(Self.line(Self.head + #","latency\u005fms":7}"#), dup)
    Self.expectBoth(Self.line(Self.head + #","latency_ms":7}"#), dup)
    Self.expectBoth(Self.line(Self.head + #","latency_ms":5}"#), dup)
    // Unknown names too (top level), compared after unescaping; nested objects are only syntax.
    Self.expectBoth(
      Self.line(Self.head + #","x":1,"\u0078":2}"#),
      .malformed(TelemetryDecodeError(field: "x", reason: R.duplicateKey)))
    Self.expectBoth(Self.line(Self.head + #","x":{"a":1,"a":2}}"#), Self.plain)
    // Names are compared code point by code point: NFC and NFD spellings are two names.
    Self.expectBoth(Self.line(Self.head + ",\"caf\u{E9}\":1,\"cafe\u{301}\":2}"), Self.plain)
  }

  @Test func trailingCommasAreNotJSON() {
    // Reported at the bracket after the comma: `,}` puts it at byte h + 2 (h = the head's bytes),
    // `,"x":[1,2,]` at h + 11, `,"x":{"a":1,}` at h + 13.
    let h = Self.head.utf8.count
    Self.expectBoth(Self.line(Self.head + ",}"), Self.invalid(h + 2, "trailing comma before '}'"))
    Self.expectBoth(
      Self.line(Self.head + #","x":[1,2,]}"#), Self.invalid(h + 11, "trailing comma before ']'"))
    Self.expectBoth(
      Self.line(Self.head + #","x":{"a":1,}}"#), Self.invalid(h + 13, "trailing comma before '}'"))
    Self.expectBoth(Self.line(Self.head + #","x":[1,2]}"#), Self.plain)
  }

  @Test func namesAreNormalisedToNFC() {
    // "café" decomposed (e + U+0301) → precomposed U+00E9; Hangul jamo → one syllable (U+D55C).
    let nfd = Self.line(
      Self.head.replacingOccurrences(of: "gpt-4o", with: "cafe\u{301}") + #","provider":"ᄒ"#
        + "\u{1161}\u{11AB}\"}")
    let expected = Self.record {
      $0.artefact = "caf\u{E9}"
      $0.provider = "\u{D55C}"
      $0.costUSD = nil  // "café" has no price (gpt-4o had)
    }
    Self.expectBoth(nfd, expected)
    // Escaped decomposed spelling: the same record.
    Self.expectBoth(
      Self.line(
        Self.head.replacingOccurrences(of: "gpt-4o", with: #"cafe\u0301"#)
          + #","provider":"\u1112\u1161\u11ab"}"#),
      expected)
    if case .record(let r) = DecoderDifferentialTests.general(nfd) {
      #expect(Array(r.artefact.unicodeScalars.map { $0.value }) == [0x63, 0x61, 0x66, 0xE9])
    }
  }

  @Test func unknownMembersAreSyntaxOnly() {
    for depth in [511, 512, 513, 600, 10_000] {
      let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
      Self.expectBoth(Self.line(Self.head + #","x":"# + deep + "}"), Self.plain)
      let unclosed = String(repeating: "[", count: depth) + String(repeating: "]", count: depth - 1)
      // `,"x":` (5 bytes), depth `[`, depth − 1 `]`: the `}` is byte h + 5 + 2 × depth.
      Self.expectBoth(
        Self.line(Self.head + #","x":"# + unclosed + "}"),
        Self.invalid(
          Self.head.utf8.count + 5 + 2 * depth, "expected ',' or ']' after an element, found '}'"))
    }
    for n in ["1e999", "-1e999", "1e-999", "123456789012345678901234567890e-400", "0.0e99999999999999999999"]
    {
      Self.expectBoth(Self.line(Self.head + #","x":"# + n + "}"), Self.plain)
      Self.expectBoth(Self.line(Self.head + #","x":{"y":["# + n + "]}}"), Self.plain)
    }
    // In a field, the value counts: 1e999 is +∞, 1e-999 is 0.
    Self.expectBoth(
      Self.line(Self.head.replacingOccurrences(of: #""latency_ms":5"#, with: #""latency_ms":1e999"#) + "}"),
      .malformed(TelemetryDecodeError(field: "latency_ms", reason: R.finite)))
    Self.expectBoth(
      Self.line(Self.head.replacingOccurrences(of: #""latency_ms":5"#, with: #""latency_ms":1e-999"#) + "}"),
      Self.record { $0.latencyMs = 0 })
    // A deeply nested value in a string field is "expected a string", at any depth.
    let deep = String(repeating: "[", count: 3000) + String(repeating: "]", count: 3000)
    Self.expectBoth(
      Self.line(Self.head + #","provider":"# + deep + "}"),
      .malformed(TelemetryDecodeError(field: "provider", reason: R.expectedString)))
  }

  @Test func surrogateEscapesAndControlCharacters() {
    // `,"provider":"` is 13 bytes: the escape's u is byte h + 15; after `,"x":"` (6), h + 8; the
    // raw U+0001 after `,"provider":"a` (14) is byte h + 15.
    let h = Self.head.utf8.count
    let pairs = "(I-JSON, RFC 7493 §2.1: surrogates come in pairs)"
    Self.expectBoth(Self.line(Self.head + #","provider":"\ud83d\ude80"}"#), Self.record { $0.provider = "🚀" })
    Self.expectBoth(
      Self.line(Self.head + #","provider":"\ud83d"}"#),
      Self.invalid(h + 15, "lone surrogate \\ud83d \(pairs)"))
    Self.expectBoth(
      Self.line(Self.head + #","provider":"\ude80\ud83d"}"#),
      Self.invalid(h + 15, "lone surrogate \\ude80 \(pairs)"))
    Self.expectBoth(
      Self.line(Self.head + #","x":"\udc00"}"#), Self.invalid(h + 8, "lone surrogate \\udc00 \(pairs)"))
    Self.expectBoth(
      Self.line(Self.head + "," + #""provider":"a"# + "\u{1}\"}"),
      Self.invalid(h + 15, "control character U+0001 in a string"))
    Self.expectBoth(
      Self.line(Self.head + #","provider":"a\u0001\u0000"}"#), Self.record { $0.provider = "a\u{1}\u{0}" })
    Self.expectBoth(
      Self.line(Self.head + #","provider":"a"# + "\u{7F}\"}"), Self.record { $0.provider = "a\u{7F}" })
  }

  /// The same rules through the OTLP/JSON document decoder.
  @Test func otlpDocumentsFollowTheSameRules() throws {
    func doc(_ model: String, extra: String = "") -> String {
      OTLPMappingTests.document(
        resource: [],
        span: [
          OTLPMappingTests.attr("gen_ai.request.model", #"{"stringValue":"\#(model)"\#(extra)}"#),
          OTLPMappingTests.attr("gen_ai.usage.input_tokens", #"{"intValue":12}"#),
        ], ids: ("5B8EFFF798038103D269B633813FC60C", "EEE19B7EC3C1B174"))
    }
    func decode(_ text: String, _ format: TelemetryFormat) -> TelemetryDecodeResult {
      var d = TelemetryLineDecoder(format: format, prices: OTLPMappingTests.prices)
      return Array(text.utf8).withUnsafeBytes { d.decode(line: $0) }
    }
    for format in [TelemetryFormat.auto, .otlp] {
      let good = decode(doc("gpt-4o-mini"), format)
      #expect(good.records.count == 1 && good.errors.isEmpty)
      // Decomposed name → the precomposed artefact.
      let nfd = decode(doc("cafe\u{301}"), format)
      let rec = try #require(nfd.records.first)
      #expect(Array(rec.artefact.unicodeScalars.map { $0.value }) == [0x63, 0x61, 0x66, 0xE9])
      // No response model: the version is the request model, precomposed too.
      #expect(Array(rec.version.unicodeScalars.map { $0.value }) == [0x63, 0x61, 0x66, 0xE9])
      // A byte-order mark in the model name (Foundation would drop it).
      #expect(
        decode(doc("\u{FEFF}gpt-4o-mini"), format).errors == [
          TelemetryDecodeError(field: "resourceSpans", reason: R.byteOrderMark)
        ])
      // A trailing comma in a nested object, reported at the `}` after it (the text is one line).
      let comma = doc("gpt-4o-mini", extra: ",")
      let closer = try #require(comma.range(of: #""gpt-4o-mini",}"#)).upperBound
      let column = comma.utf8.distance(from: comma.startIndex, to: closer)
      #expect(
        decode(comma, format).errors == [
          TelemetryDecodeError(
            field: nil, reason: "invalid JSON at column \(column): trailing comma before '}'")
        ])
      // A repeated name in a nested object, spelled with an escape.
      #expect(
        decode(doc("gpt-4o-mini", extra: #","string\u0056alue":"other""#), format).errors == [
          TelemetryDecodeError(field: "resourceSpans", reason: R.duplicateNestedKey("stringValue"))
        ])
    }
  }

  /// Thousands of generated hostile lines: wherever the scanner answers, the
  /// general decoder gives the same answer, and the rules hold as
  /// metamorphic relations (an escape is only a spelling; an unknown member
  /// is syntax only; NFC and NFD spell one name).
  @Test func generatedHostileLinesAgree() {
    var rng = SplitMix64(seed: 11_2026)
    var answered = 0
    var refused = 0
    for _ in 0..<3000 {
      // Half the bases are records with odd texts (escapes: the general path), half plain
      // ones the scanner takes, named in any spelling.
      var base = DecoderDifferentialTests.randomRecord(&rng).jsonLine
      if rng.next() % 2 == 0 {
        base =
          Self.head.replacingOccurrences(
            of: #""artefact":"gpt-4o""#,
            with: "\"artefact\":\"" + HostileLineGenerator.pick(HostileLineGenerator.names, &rng) + "\""
          ) + ",\"ttft_ms\":\(rng.next() % 1000),\"provider\":\""
          + HostileLineGenerator.pick(HostileLineGenerator.names, &rng) + "\"}"
      }
      let shaped = HostileLineGenerator.shape(base, &rng)
      let l = Array(shaped.utf8)
      let g = DecoderDifferentialTests.general(l)
      if case .malformed = g { refused += 1 }
      let f = DecoderDifferentialTests.fast(l)
      if f != .declined {
        answered += 1
        #expect(Self.same(f, g), "scanner \(f) vs general \(g): \(shaped.debugDescription)")
      }
      var d = TelemetryLineDecoder(format: .flightdeck, prices: DecoderDifferentialTests.prices)
      let r = l.withUnsafeBytes { d.decode(line: $0) }
      let o: Outcome =
        r.records.count == 1
        ? .record(r.records[0]) : r.errors.count == 1 ? .malformed(r.errors[0]) : .declined
      #expect(Self.same(o, g), "line decoder \(o) vs general \(g): \(shaped.debugDescription)")
      // An escape is a spelling: the same line with names and strings escaped reads the same
      // (an invalid-JSON error names the same cause; its column moves with the spelling).
      let escaped = HostileLineGenerator.escapeStrings(shaped, &rng)
      let ge = DecoderDifferentialTests.general(Array(escaped.utf8))
      #expect(Self.sameCause(ge, g), "escaped: \(ge) vs \(g): \(escaped.debugDescription)")
      // An unknown member with any valid value changes nothing.
      let extra = HostileLineGenerator.withUnknownMember(shaped, &rng)
      let gx = DecoderDifferentialTests.general(Array(extra.utf8))
      #expect(Self.sameCause(gx, g), "unknown member: \(gx) vs \(g): \(extra.debugDescription)")
      // NFD names are the NFC ones.
      let nfd = shaped.decomposedStringWithCanonicalMapping
      let gd = DecoderDifferentialTests.general(Array(nfd.utf8))
      let gc = DecoderDifferentialTests.general(Array(shaped.precomposedStringWithCanonicalMapping.utf8))
      #expect(Self.sameCause(gd, gc), "NFD \(gd) vs NFC \(gc): \(nfd.debugDescription)")
      let fd = DecoderDifferentialTests.fast(Array(nfd.utf8))
      #expect(
        fd == .declined || Self.sameCause(fd, gc), "scanner NFD \(fd) vs \(gc): \(nfd.debugDescription)")
    }
    // The generator must exercise both answers and the scanner.
    #expect(answered > 500)
    #expect(refused > 500)
    #expect(refused < 2900)
  }
}

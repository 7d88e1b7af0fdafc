import Foundation
import Testing

@testable import FlightDeckCore

/// The record-free OTLP/JSON reader's short cuts (``OTLPJSONSpanScanner``):
/// trace and span ids checked eight bytes at a time, and attributes read in
/// their usual spelling with fixed comparisons. Each must answer exactly the
/// lines reading them token by token answered, with the same figures, so
/// every line here is also replayed through the record path (the decoder)
/// and the two results compared (``ReplayOTLPRecordFreeTests/expectSame(_:_:sourceLocation:)``).
@Suite struct OTLPJSONSpanScannerTests {
  typealias R = ReplayOTLPRecordFreeTests

  /// The hex digits, as the decoder reads them (``OTLPIdentifier``): both
  /// cases.
  static let hexDigits = Set("0123456789abcdefABCDEF".utf8)

  /// Every byte value in every lane of a word of hex digits: the word is
  /// hex exactly when the byte is one of the 22 hex digits.
  @Test func aWordIsHexExactlyWhenEachByteIs() {
    let base = Array("0a9F3c7E".utf8)
    var accepted = 0
    for lane in 0..<8 {
      for value in 0...255 {
        var bytes = base
        bytes[lane] = UInt8(value)
        let w = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        let expected = Self.hexDigits.contains(UInt8(value))
        #expect(OTLPJSONSpanScanner.isHexWord(w) == expected, "lane \(lane) byte \(value)")
        if expected { accepted += 1 }
      }
    }
    #expect(accepted == 8 * 22)
    // Bytes that differ from a hex digit by one bit or that sit next to the ranges.
    for s in ["/0000000", "0000000:", "@0000000", "G0000000", "`0000000", "g0000000", "0000\u{7F}000"] {
      let w = Array(s.utf8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
      #expect(!OTLPJSONSpanScanner.isHexWord(w), "\(s)")
    }
  }

  /// Every byte value in every lane of a word of digits: the word is read
  /// exactly when the byte is a digit, as the number its eight characters
  /// spell (read here by `UInt64(_:)` on the text).
  @Test func eightDigitsAreReadAtOnce() {
    let base = Array("31415926".utf8)
    for lane in 0..<8 {
      for value in 0...255 {
        var bytes = base
        bytes[lane] = UInt8(value)
        let w = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        let expected = (0x30...0x39).contains(value) ? UInt64(String(decoding: bytes, as: UTF8.self)) : nil
        #expect(OTLPJSONSpanScanner.eightDigits(w) == expected, "lane \(lane) byte \(value)")
      }
    }
    var rng = SplitMix64(seed: 11)
    for text in ["00000000", "99999999", "10000000", "00000001"]
      + (0..<1_000).map({ _ in
        String(format: "%08llu", rng.next() % 100_000_000)
      })
    {
      let w = Array(text.utf8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
      #expect(OTLPJSONSpanScanner.eightDigits(w) == UInt64(text), "\(text)")
    }
  }

  /// A span's start and end times in the usual spelling (strings of 19
  /// digits, read eight digits at a time) and in others: the scanner
  /// answers them as reading each digit did, with the same times.
  @Test func timesAreReadEightDigitsAtATime() throws {
    let base = R.line([[[R.genAI(0, model: "gpt-4o", response: "v", input: 10, output: 1, latencyMs: 250)]]])
    let start = #""startTimeUnixNano":"1748736000000000000""#
    let end = #""endTimeUnixNano":"1748736000250000000""#
    #expect(base.contains(start) && base.contains(end))
    func times(_ s: String, _ e: String) -> String {
      base.replacingOccurrences(of: start, with: #""startTimeUnixNano":"# + s)
        .replacingOccurrences(of: end, with: #""endTimeUnixNano":"# + e)
    }
    var answered = [
      times(#""1748736000000000000""#, #""1748736000250000000""#),
      times(#""1748736000999999999""#, #""1748736001000000001""#),
      times("1748736000000000000", #""1748736000250000000""#),
      times(#""1000000000000000""#, #""1000000250000000""#),
      times(#""174873600000000000""#, #""174873600250000000""#),
      times(#""0""#, #""250000000""#),
    ]
    var declined = [
      times(#""9223372036854775808""#, #""9223372036854775809""#),
      times(#""17487360000000000000""#, #""17487360002500000000""#),
      times(#""""#, #""250000000""#),
      times(#""1748736000000000000""#, #""17487360002500000000""#),
    ]
    for bad in ["a", "/", ":", " ", "."] {
      for k in 0..<19 {
        var digits = Array("1748736000250000000")
        digits[k] = Character(bad)
        declined.append(times(#""1748736000000000000""#, "\"" + String(digits) + "\""))
      }
    }
    // 1 748 736 000 s to 1 748 736 000.25 s: 250 ms; then 2 ns.
    let scan = Self.scan(answered[0])
    #expect(scan.answered)
    #expect(scan.spans.first?.sample.latencyMs == 250)
    #expect(scan.spans.first?.sample.timestamp.millisecondsSinceEpoch == 1_748_736_000_000)
    #expect(Self.scan(answered[1]).spans.first?.sample.latencyMs == 2.0 / 1_000_000)
    for text in answered {
      #expect(Self.scan(text).answered, "\(text)")
    }
    for text in declined {
      #expect(!Self.scan(text).answered, "\(text)")
    }
    answered.append(contentsOf: declined)
    try Self.replaySame(answered)
  }

  /// A line of one GenAI span with `trace` and `span` as its ids (JSON
  /// text between the quotes).
  static func line(trace: String, span: String) -> String {
    R.line([
      [[R.genAI(7, model: "gpt-4o", response: "gpt-4o-2024-08-06", input: 120, output: 30, latencyMs: 250)]]
    ])
    .replacingOccurrences(of: String(format: "%032x", 8), with: trace)
    .replacingOccurrences(of: String(format: "%016x", 8), with: span)
  }

  static let trace = "5b8efff798038103d269b633813fc60c"
  static let span = "eee19b7ec3c1b174"

  /// Scans `text` alone: whether the scanner answered it, and its attributes
  /// read in their usual spelling.
  static func scan(_ text: String) -> (answered: Bool, quick: Int, spans: [OTLPPreparedSpan]) {
    var scanner = OTLPJSONSpanScanner(mapping: .default, prices: R.prices)
    var bytes = Array(text.utf8)
    let answered = bytes.withUnsafeMutableBytes { scanner.scan(UnsafeRawBufferPointer($0)) }
    return (answered, scanner.quickAttributes, scanner.spans)
  }

  /// Replays `lines` through both paths and requires the same result; the
  /// record-free one's.
  @discardableResult
  static func replaySame(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) throws
    -> ReplayResult
  {
    let (dir, path) = try R.write(lines)
    defer { try? FileManager.default.removeItem(at: dir) }
    let fast = try ReplayAggregator.run(paths: [path], options: R.options(recordFree: true))
    let slow = try ReplayAggregator.run(paths: [path], options: R.options(recordFree: false))
    R.expectSame(fast, slow, sourceLocation: sourceLocation)
    return fast
  }

  /// A trace or span id with a byte that is not a hex digit in any of its
  /// 8-byte lanes, of the wrong length, all zeros, escaped or unterminated
  /// is declined; the same ids in upper or mixed case are answered; the
  /// decoder's answer (a malformed span, or a record) stands either way.
  @Test func idsAreCheckedLaneByLane() throws {
    #expect(Self.scan(Self.line(trace: Self.trace, span: Self.span)).answered)
    var declined: [String] = []
    for bad in ["g", "G", "/", ":", "@", "`", "-", " ", "\u{7F}", "é"] {
      for k in 0..<32 {
        var t = Array(Self.trace)
        t[k] = Character(bad)
        declined.append(Self.line(trace: String(t), span: Self.span))
      }
      for k in 0..<16 {
        var s = Array(Self.span)
        s[k] = Character(bad)
        declined.append(Self.line(trace: Self.trace, span: String(s)))
      }
    }
    declined += [
      Self.line(trace: String(Self.trace.dropLast()), span: Self.span),
      Self.line(trace: Self.trace + "0", span: Self.span),
      Self.line(trace: Self.trace, span: String(Self.span.dropLast())),
      Self.line(trace: Self.trace, span: Self.span + "a"),
      Self.line(trace: String(repeating: "0", count: 32), span: Self.span),
      Self.line(trace: Self.trace, span: String(repeating: "0", count: 16)),
      Self.line(trace: #"\u0035"# + Self.trace.dropFirst(), span: Self.span),
      Self.line(trace: Self.trace, span: String(Self.span.dropLast()) + #"\""#),
      // Base64 of 16 bytes (the decoder reads it; the scanner leaves it to it).
      Self.line(trace: "W47/95gDgQPSabYzgT/GDA==", span: Self.span),
    ]
    for text in declined {
      #expect(!Self.scan(text).answered, "\(text)")
    }
    let answered = [
      Self.line(trace: Self.trace.uppercased(), span: Self.span.uppercased()),
      Self.line(trace: "5B8EFFF798038103d269b633813fc60C", span: "eEe19B7eC3c1B174"),
      Self.line(
        trace: String(repeating: "0", count: 31) + "1", span: "1" + String(repeating: "0", count: 15)),
    ]
    for text in answered {
      #expect(Self.scan(text).answered, "\(text)")
    }
    let result = try Self.replaySame(declined + answered)
    // The decoder reads the three answered lines, the escaped id (`\u0035` is `5`: the same digits) and
    // the base64 one; the other declined lines are malformed spans.
    #expect(result.records == 5)
    #expect(result.malformedLines == declined.count - 2)
    // A line that ends inside the id, or right after it: nothing past the digits is read.
    let whole = Self.line(trace: Self.trace, span: Self.span)
    let end = try #require(whole.range(of: Self.trace)).upperBound
    #expect(!Self.scan(String(whole[..<end])).answered)
    #expect(!Self.scan(String(whole[..<end]) + "\"").answered)
  }

  /// One span whose attributes are `attributes` (JSON texts of `KeyValue`s)
  /// besides the request model.
  static func line(attributes: [String]) -> String {
    R.line([
      [
        [
          R.span(
            9, latencyMs: 420,
            attributes: [R.attribute("gen_ai.request.model", string: "gpt-4o")] + attributes)
        ]
      ]
    ])
  }

  /// Attributes in the exporters' spelling are read with fixed comparisons
  /// (all of them, resource attribute included), and give the figures the
  /// record path gives: 1 500 input and 250 output tokens (an `intValue`
  /// as a string and as a number), version from `gen_ai.response.model`,
  /// route canary; unread attributes of every scalar kind, with escapes and
  /// non-ASCII text in their values, are skipped.
  @Test func theUsualSpellingIsReadWithFixedComparisons() throws {
    let text = Self.line(attributes: [
      R.attribute("gen_ai.response.model", string: "gpt-4o-2024-08-06"),
      R.attribute("gen_ai.usage.input_tokens", int: 1_500),
      #"{"key":"gen_ai.usage.output_tokens","value":{"intValue":250}}"#,
      R.attribute("flightdeck.route", string: "canary"),
      #"{"key":"gen_ai.request.temperature","value":{"doubleValue":-0.5e-3}}"#,
      #"{"key":"gen_ai.request.stream","value":{"boolValue":false}}"#,
      #"{"key":"gen_ai.request.seed","value":{"intValue":"-42"}}"#,
      #"{"key":"gen_ai.prompt","value":{"stringValue":"say \"hi\" \u00e9 caf\u00e9 ünïcode"}}"#,
      #"{"key":"http.ok","value":{"boolValue":true}}"#,
    ])
    let scan = Self.scan(text)
    #expect(scan.answered)
    // 10 span attributes and the resource's service.name.
    #expect(scan.quick == 11)
    let span = try #require(scan.spans.first)
    #expect(span.sample.inputTokens == 1_500)
    #expect(span.sample.outputTokens == 250)
    #expect(span.route == .canary)
    let result = try Self.replaySame([text])
    let row = try #require(result.rows.first)
    #expect(row.key.version == "gpt-4o-2024-08-06")
    #expect(row.key.route == .canary)
    // 1 500 × 2.5 + 250 × 10 = 6 250 µUSD.
    #expect(abs(row.stats.costUSD - 0.00625) < 1e-12)
  }

  /// Attributes spelled otherwise (whitespace, members in another order, a
  /// second value member, an empty or composite value, a value kind the
  /// mapping does not read for a mapped key) are read token by token, and
  /// answered or declined as before; the figures are the record path's.
  @Test func otherSpellingsAreReadTokenByToken() throws {
    let general: [(attribute: String, answered: Bool)] = [
      (#"{ "key":"gen_ai.usage.input_tokens","value":{"intValue":"7"}}"#, true),
      (#"{"key" :"gen_ai.usage.input_tokens","value":{"intValue":"7"}}"#, true),
      (#"{"key":"gen_ai.usage.input_tokens", "value":{"intValue":"7"}}"#, true),
      (#"{"key":"gen_ai.usage.input_tokens","value":{ "intValue":"7"}}"#, true),
      (#"{"key":"gen_ai.usage.input_tokens","value":{"intValue":"7" }}"#, true),
      (#"{"key":"gen_ai.usage.input_tokens","value":{"intValue":"7"} }"#, true),
      (#"{"key":"gen_ai.usage.input_tokens","value":{"intValue": 7}}"#, true),
      (#"{"value":{"intValue":"7"},"key":"gen_ai.usage.input_tokens"}"#, false),
      (#"{"key":"gen_ai.usage.input_tokens","value":{"intValue":"7","stringValue":"7"}}"#, false),
      (#"{"key":"gen_ai.usage.input_tokens","value":{"intValue":"7"},"key":"x"}"#, false),
      (#"{"key":"gen_ai.usage.input_tokens","value":{"intValue":7.0}}"#, false),
      (#"{"key":"gen_ai.usage.input_tokens","value":{"intValue":"7.0"}}"#, false),
      (#"{"key":"gen_ai.usage.input_tokens","value":{"intValue":"0x7"}}"#, false),
      (#"{"key":"gen_ai.usage.input_tokens","value":{"intValue":""}}"#, false),
      (#"{"key":"gen_ai.usage.input_tokens","value":{"intValue":"1234567890123456789"}}"#, false),
      (#"{"key":"gen_ai.usage.input_tokens","value":{"intValue":"\u0037"}}"#, false),
      (#"{"key":"gen_ai.usage.input_tokens","value":{"doubleValue":7}}"#, false),
      (#"{"key":"gen_ai.usage.input_tokens","value":{"stringValue":"7"}}"#, false),
      (#"{"key":"gen_ai.usage.input_tokens","value":{}}"#, true),
      (#"{"key":"gen_ai.usage.input_tokens"}"#, true),
      (#"{"key":"gen_ai.response.model","value":{"stringValue":"gpt\u002d4o"}}"#, false),
      (#"{"key":"gen_ai.response.model","value":{"stringValue":"gpt-4ö"}}"#, false),
      (#"{"key":"gen_ai.response.model","value":{"boolValue":true}}"#, false),
      (#"{"key":"gen_ai.response.model","value":{"stringValue":"v1"},"extra":1}"#, false),
      (#"{"key":"gen_ai.response\u002emodel","value":{"stringValue":"v1"}}"#, false),
      (#"{"key":"note","value":{"stringValue":"a","stringValue":"b"}}"#, false),
      (#"{"key":"note","value":{"stringValue":"a","intValue":"1"}}"#, true),
      (#"{"key":"note","value":{"arrayValue":{"values":[{"stringValue":"a"}]}}}"#, true),
      (#"{"key":"note","value":{"boolValue":nul}}"#, false),
      (#"{"key":"note","value":{"boolValue":truex}}"#, false),
      (#"{"key":"note","value":{"doubleValue":1e999}}"#, false),
      (#"{"key":"note","value":{"doubleValue":01}}"#, false),
      (#"{"key":"note","value":{"doubleValue":-}}"#, false),
      (#"{"key":"note","value":{"intValue":"a"b"}}"#, false),
      (#"{"key":"note","value":{"stringValue":"tab\there"}}"#, true),
      (#"{"key":"note","value":{"stringValue":"bad \x escape"}}"#, false),
      (#"{"key":"note","value":{"stringValue":"lone \ud800"}}"#, false),
      (#"{"key":"note","value":{"stringValue":"x"}}}"#, false),
      (#"{"key":"note","value":{"stringValue":"x"}"#, false),
      (#"{"key":"no\"te","value":{"stringValue":"x"}}"#, false),
      (#"{"key":"langfuse.observation.type","value":{"stringValue":"generation"}}"#, false),
    ]
    var lines: [String] = []
    for (attribute, answered) in general {
      let text = Self.line(attributes: [attribute])
      #expect(Self.scan(text).answered == answered, "\(attribute)")
      lines.append(text)
    }
    // A mapped attribute on the resource, in the usual spelling, declines.
    let resource = R.line(
      [[[R.genAI(3, model: "gpt-4o", response: "r", input: 1, output: 1, latencyMs: 5)]]],
      resource: [R.attribute("flightdeck.route", string: "canary")])
    #expect(!Self.scan(resource).answered)
    lines.append(resource)
    let result = try Self.replaySame(lines)
    #expect(result.records >= general.filter(\.answered).count)
    #expect(result.malformedLines > 10)
  }

  /// Lines of random attributes, each spelled the usual way or another,
  /// then with random bytes changed, inserted or deleted inside them:
  /// whatever the record-free path answers, it answers as the record path
  /// does, and it answers many lines through the fixed comparisons.
  @Test(arguments: [7, 8])
  func mutatedAttributesGiveTheResultOfTheRecordPath(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    let pieces = [
      R.attribute("gen_ai.response.model", string: "gpt-4o-2024-08-06"),
      R.attribute("gen_ai.usage.input_tokens", int: 900),
      #"{"key":"gen_ai.usage.output_tokens","value":{"intValue":90}}"#,
      R.attribute("gen_ai.usage.cache_read.input_tokens", int: 12),
      R.attribute("flightdeck.route", string: "shadow"),
      R.attribute("flightdeck.kind", string: "prompt"),
      #"{"key":"gen_ai.request.temperature","value":{"doubleValue":0.25}}"#,
      #"{"key":"gen_ai.request.stream","value":{"boolValue":true}}"#,
      R.attribute("server.address", string: #"api.example.com\/v1 \u00e9"#),
      #"{ "key" : "server.port" , "value" : { "intValue" : 443 } }"#,
    ]
    let alphabet = Array(#"{}[]":,\ 0123456789-+.eEtrunlfasxvkyVIS"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9]
    var lines: [String] = []
    for _ in 0..<3_000 {
      var chosen: [String] = []
      for piece in pieces where rng.next() % 3 != 0 { chosen.append(piece) }
      let text = Self.line(attributes: chosen)
      var bytes = Array(text.utf8)
      // Mutations fall inside the span's attribute list.
      let from = text.utf8.distance(
        from: text.startIndex,
        to: try #require(text.range(of: #""attributes":["#, options: .backwards)).lowerBound)
      if rng.next() % 4 != 0 {
        for _ in 0..<(1 + Int(rng.next() % 2)) {
          let at = from + Int(rng.next() % UInt64(bytes.count - from))
          switch rng.next() % 3 {
          case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
          case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
          default: bytes.remove(at: at)
          }
        }
      }
      lines.append(String(decoding: bytes.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }, as: UTF8.self))
    }
    let result = try Self.replaySame(lines)
    #expect(result.records > 1_000)
    #expect(result.malformedLines > 100)
    var quick = 0
    var answered = 0
    for text in lines {
      let scan = Self.scan(text)
      if scan.answered {
        answered += 1
        quick += scan.quick
      }
    }
    #expect(answered > 1_000)
    #expect(quick > 5_000)
  }
}

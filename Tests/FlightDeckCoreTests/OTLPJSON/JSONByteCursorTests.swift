import Foundation
import Testing

@testable import FlightDeckCore

/// The token rules of ``JSONByteCursor``, which both OTLP/JSON fast paths
/// read by: each hostile token, in one place of one OTLP/JSON line, is
/// declined by the byte-level ``OTLPJSONTraceReader`` and by the replay's
/// ``OTLPJSONSpanScanner`` alike, and the token just inside each rule's
/// bound is answered by both.
@Suite struct JSONByteCursorTests {
  /// A line of one span without GenAI attributes (the scanner answers it as
  /// a skipped span), `member` (the bytes of a name, `:` and a value) as
  /// the span's last member.
  static func line(member: [UInt8]) -> [UInt8] {
    Array(
      #"{"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"spans":[{"traceId":"#.utf8)
      + Array(#""5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"chat","#.utf8)
      + Array(#""startTimeUnixNano":"1748736000000000000","endTimeUnixNano":"1748736000250000000","#.utf8)
      + member + Array("}]}]}]}".utf8)
  }

  /// The line with `value` as the value of an unknown span member `x`.
  static func line(value: [UInt8]) -> [UInt8] { line(member: Array(#""x":"#.utf8) + value) }

  /// Whether each reader answers `bytes`: the trace reader (not throwing)
  /// and the span scanner.
  static func answers(_ bytes: [UInt8]) -> (reader: Bool, scanner: Bool) {
    let reader = bytes.withUnsafeBytes { raw in
      (try? OTLPJSONTraceReader.read(raw, mapped: .default)) != nil
    }
    var scanner = OTLPJSONSpanScanner(mapping: .default, prices: PriceTable(prices: [:]))
    let scanned = bytes.withUnsafeBytes { scanner.scan($0) }
    return (reader, scanned)
  }

  static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

  /// Nested arrays, `count` deep: the span object is at depth 7, so 57 reach
  /// ``JSONByteCursor/maxDepth`` (64) and 58 pass it.
  static func arrays(_ count: Int) -> [UInt8] {
    [UInt8](repeating: 0x5B, count: count) + [UInt8](repeating: 0x5D, count: count)
  }

  /// Values both readers decline, by rule.
  static let declinedValues: [(String, [UInt8])] = [
    ("raw byte-order mark", bytes("\"a\u{FEFF}b\"")),
    ("escaped byte-order mark", bytes(#""a\uFEFFb""#)),
    ("unpaired high surrogate", bytes(#""\uD800x""#)),
    ("lone low surrogate", bytes(#""\uDC00""#)),
    ("high surrogate then no low one", bytes(#""\uD800\u0041""#)),
    ("raw control byte", bytes("\"a\u{01}b\"")),
    ("escape not in RFC 8259", bytes(#""\x41""#)),
    ("short \\u escape", bytes(#""\u12""#)),
    ("invalid UTF-8", [0x22, 0xC3, 0x28, 0x22]),
    ("overlong UTF-8", [0x22, 0xC0, 0xAF, 0x22]),
    ("unterminated string", bytes(#""abc"#)),
    ("int64 overflow", bytes("9223372036854775808")),
    ("negative integer of 19 digits", bytes("-1000000000000000000")),
    ("16 significand digits", bytes("1234567890.123456")),
    ("exponent out of range", bytes("1e400")),
    ("number over 64 bytes", bytes("1e" + String(repeating: "0", count: 70))),
    ("leading zero", bytes("01")),
    ("fraction without digits", bytes("1.")),
    ("exponent without digits", bytes("1e+")),
    ("lone minus", bytes("-")),
    ("bad literal", bytes("tru")),
    ("capitalised literal", bytes("True")),
    ("repeated name in a nested object", bytes(#"{"a":1,"a":2}"#)),
    ("trailing comma", bytes("[1,]")),
    ("nesting past 64", arrays(58)),
  ]

  /// Values both readers answer: each rule's bound from inside.
  static let answeredValues: [(String, [UInt8])] = [
    ("escapes and a surrogate pair", bytes(#""a\u00e9\uD83D\uDE00\n\/b""#)),
    ("UTF-8", bytes("\"é😀\"")),
    ("int64 max", bytes("9223372036854775807")),
    ("negative integer of 18 digits", bytes("-100000000000000000")),
    ("15 significand digits", bytes("123456789012.345")),
    ("exponent in range", bytes("-1.5e300")),
    ("number of 64 bytes", bytes("1e" + String(repeating: "0", count: 62))),
    ("one name at two levels", bytes(#"{"a":{"a":1}}"#)),
    ("literals", bytes("[true,false,null]")),
    ("nesting to 64", arrays(57)),
  ]

  /// Member names both readers decline, by rule.
  static let declinedNames: [(String, [UInt8])] = [
    ("escape in a name", bytes(#""n\u0061me""#)),
    ("non-ASCII name", bytes("\"é\"")),
    ("control byte in a name", bytes("\"a\u{01}\"")),
    ("repeated name", bytes(#""name""#)),
  ]

  /// The same line, each value or name in place, is declined by both
  /// readers; the bounds are answered by both.
  @Test func bothReadersDeclineByTheSameRules() {
    #expect(Self.answers(Self.line(value: Self.bytes("1"))) == (true, true))
    for (rule, value) in Self.declinedValues {
      let answered = Self.answers(Self.line(value: value))
      #expect(answered == (false, false), "\(rule)")
    }
    for (rule, value) in Self.answeredValues {
      let answered = Self.answers(Self.line(value: value))
      #expect(answered == (true, true), "\(rule)")
    }
    for (rule, name) in Self.declinedNames {
      let answered = Self.answers(Self.line(member: name + Self.bytes(":1")))
      #expect(answered == (false, false), "\(rule)")
    }
  }
}

import Foundation
import Testing

@testable import FlightDeckCore

/// Every cause of `invalid JSON`, located by hand: the column is the 1-based
/// byte of the line (counted in the comments), the cause in the grammar's
/// words. The same messages come from the fast scanner and the general
/// decoder.
@Suite struct JSONSyntaxErrorTests {
  /// The reader's reason for `text`, or `nil` when it is JSON.
  static func reason(
    _ text: String, maxDepth: Int = .max, arrays: Bool = false, finiteNumbers: Bool = false
  ) -> String? {
    Array(text.utf8).withUnsafeBytes { raw in
      switch StrictJSONReader.read(
        raw, keep: [], maxDepth: maxDepth, arrays: arrays, finiteNumbers: finiteNumbers)
      {
      case .failure(.invalidJSON(let e)): return e.reason
      default: return nil
      }
    }
  }

  @Test func eachCauseAtItsColumn() {
    // {"a":1 "b":2} — `{`1 `"`2 `a`3 `"`4 `:`5 `1`6 space 7, the second name's quote is byte 8.
    #expect(
      Self.reason(#"{"a":1 "b":2}"#)
        == #"invalid JSON at column 8: expected ',' or '}' after a member, found '"'"#)
    #expect(
      Self.reason("[1 2]", arrays: true)
        == "invalid JSON at column 4: expected ',' or ']' after an element, found '2'")
    // The string opens at byte 6 (Python reports an unterminated string at its quote).
    #expect(
      Self.reason(#"{"a":"bc"#)
        == "invalid JSON at column 6: unterminated string (the line ends inside the string that opens here)")
    #expect(
      Self.reason(#"{"a":"b\"#)
        == "invalid JSON at column 6: unterminated string (the line ends inside the string that opens here)")
    // `"`6 `b`7, the raw U+0001 is byte 8; a raw tab is a control character too.
    #expect(
      Self.reason("{\"a\":\"b\u{1}\"}") == "invalid JSON at column 8: control character U+0001 in a string")
    #expect(
      Self.reason("{\"a\":\"b\t\"}") == "invalid JSON at column 8: control character U+0009 in a string")
    // The backslash is byte 8.
    #expect(Self.reason(#"{"a":"b\x"}"#) == #"invalid JSON at column 8: invalid escape \ followed by 'x'"#)
    // `"`6 `\`7 `u`8: \u problems are reported at the u (as Python does).
    #expect(
      Self.reason(#"{"a":"\ud800"}"#)
        == #"invalid JSON at column 8: lone surrogate \ud800 (I-JSON, RFC 7493 §2.1: surrogates come in pairs)"#
    )
    #expect(
      Self.reason(#"{"a":"\udc00\ud800"}"#)
        == #"invalid JSON at column 8: lone surrogate \udc00 (I-JSON, RFC 7493 §2.1: surrogates come in pairs)"#
    )
    #expect(
      Self.reason(#"{"a":"\u12G4"}"#)
        == #"invalid JSON at column 8: invalid \u escape (expected four hex digits)"#)
    // The second escape's u is byte 14.
    #expect(
      Self.reason(#"{"a":"\ud800\u12G4"}"#)
        == #"invalid JSON at column 14: invalid \u escape (expected four hex digits)"#)
    // `{`1 `[`6 `[`7 `[`8: the fourth open bracket, beyond 3.
    #expect(Self.reason(#"{"a":[[[1]]]}"#, maxDepth: 3) == "invalid JSON at column 8: nesting deeper than 3")
    #expect(Self.reason(#"{"a":[[1]]}"#, maxDepth: 3) == nil)
    // `0`6, the digit after it is byte 7 (Python: "Expecting ',' delimiter" there).
    #expect(Self.reason(#"{"a":01}"#) == "invalid JSON at column 7: leading zero")
    #expect(Self.reason(#"{"a":-00}"#) == "invalid JSON at column 8: leading zero")
    #expect(
      Self.reason(#"{"a":1} x"#) == "invalid JSON at column 9: trailing text after the value, found 'x'")
    #expect(Self.reason(#"{"a":1}}"#) == "invalid JSON at column 8: trailing text after the value, found '}'")
    // Cut short: the column after the last byte (9 bytes → 10; 12 → 13).
    #expect(
      Self.reason(#"{"a":[1,2"#) == "invalid JSON at column 10: truncated: the line ends inside an array")
    #expect(
      Self.reason(#"{"a":1,"b":{"#) == "invalid JSON at column 13: truncated: the line ends inside an object")
    #expect(Self.reason(#"{"a""#) == "invalid JSON at column 5: truncated: the line ends inside an object")
    // A number or literal cut short is reported at its start.
    #expect(Self.reason(#"{"a":-"#) == "invalid JSON at column 6: truncated: the line ends inside a number")
    #expect(Self.reason(#"{"a":1."#) == "invalid JSON at column 7: truncated: the line ends inside a number")
    #expect(Self.reason(#"{"a":tr"#) == "invalid JSON at column 6: truncated: the line ends inside a literal")
    #expect(Self.reason(#"{"a":tru}"#) == "invalid JSON at column 6: invalid literal (expected true)")
    #expect(Self.reason(#"{"a":nulL}"#) == "invalid JSON at column 6: invalid literal (expected null)")
    #expect(Self.reason(#"{"a":-}"#) == "invalid JSON at column 6: expected a digit after '-'")
    #expect(Self.reason(#"{"a":1.}"#) == "invalid JSON at column 7: expected a digit after the decimal point")
    #expect(
      Self.reason(#"{"a":1.5e+}"#) == "invalid JSON at column 9: expected a digit after the exponent's 'e'")
    #expect(Self.reason(#"{"a":NaN}"#) == "invalid JSON at column 6: NaN is not JSON")
    #expect(Self.reason(#"{"a":Infinity}"#) == "invalid JSON at column 6: Infinity is not JSON")
    #expect(Self.reason(#"{"a":-Infinity}"#) == "invalid JSON at column 6: -Infinity is not JSON")
    #expect(Self.reason(#"{"a":1,}"#) == "invalid JSON at column 8: trailing comma before '}'")
    #expect(Self.reason("[1,]", arrays: true) == "invalid JSON at column 4: trailing comma before ']'")
    #expect(
      Self.reason(#"{"a" 1}"#) == "invalid JSON at column 6: expected ':' after a member name, found '1'")
    #expect(
      Self.reason("{'a':1}")
        == "invalid JSON at column 2: single quotes are not JSON (strings take double quotes)")
    #expect(
      Self.reason("{,}") == "invalid JSON at column 2: expected a member name in double quotes, found ','")
    #expect(Self.reason(#"{"a":/*x*/1}"#) == "invalid JSON at column 6: comments are not JSON")
    #expect(Self.reason(#"{"a":@}"#) == "invalid JSON at column 6: expected a value, found '@'")
    #expect(Self.reason("") == "invalid JSON at column 1: no value (the line is empty or blank)")
    #expect(Self.reason("   ") == "invalid JSON at column 4: no value (the line is empty or blank)")
    // Out of range only where values are built (documents, bodies); syntax elsewhere.
    #expect(
      Self.reason(#"{"a":-1e999}"#, finiteNumbers: true)
        == "invalid JSON at column 6: number out of range (beyond ±1.8e308)")
    #expect(Self.reason(#"{"a":1e999}"#) == nil)
    #expect(Self.reason(#"{"a":1e-999}"#, finiteNumbers: true) == nil)
  }

  @Test func columnsCountBytesAndLinesCountLineFeeds() {
    // `é` is two bytes (C3 A9): `{`1 `"`2 `é`3-4 `"`5 `:`6 `1`7 space 8 `x`9 (Python: column 8, characters).
    #expect(
      Self.reason(#"{"é":1 x}"#) == "invalid JSON at column 9: expected ',' or '}' after a member, found 'x'")
    // A document of several lines names the line; the column counts from its line's start.
    #expect(
      Self.reason("{\n  \"a\": 1\n  \"b\": 2\n}")
        == #"invalid JSON at line 3, column 3 of the document: expected ',' or '}' after a member, found '"'"#
    )
    #expect(
      Self.reason("{\n  \"a\": [1,\n")
        == "invalid JSON at line 3, column 1 of the document: truncated: the document ends inside an array")
  }

  @Test func charactersFromTheLineAreShownSafely() {
    // ESC, DEL, a C1 control, the bidi override, `|` and a backquote never reach a terminal raw.
    #expect(Self.reason("{\"a\":\u{1B}[31m}") == "invalid JSON at column 6: expected a value, found U+001B")
    #expect(Self.reason("{\"a\":\u{7F}}") == "invalid JSON at column 6: expected a value, found U+007F")
    #expect(Self.reason("{\"a\":\u{9B}}") == "invalid JSON at column 6: expected a value, found U+009B")
    #expect(Self.reason("{\"a\":\u{202E}}") == "invalid JSON at column 6: expected a value, found U+202E")
    #expect(
      Self.reason("{\"a\":1|}")
        == "invalid JSON at column 7: expected ',' or '}' after a member, found U+007C")
    #expect(Self.reason("{\"a\":`}") == "invalid JSON at column 6: expected a value, found U+0060")
    #expect(
      Self.reason("{\"a\":\"\\\u{1B}\"}") == #"invalid JSON at column 7: invalid escape \ followed by U+001B"#
    )
    #expect(Self.reason("{\"a\":\u{1F680}}") == "invalid JSON at column 6: expected a value, found U+1F680")
  }

  /// The fast scanner, the general decoder and the line decoder give one
  /// message for a bad FlightDeck line.
  @Test func everyPathGivesTheSameMessage() {
    let line = FlightDeckLineScannerTests.line
    // The first 40 bytes: `{"ts":"2025-06-01T00:00:00.123Z","reques` — `{`1 `"`2 `ts`3-4 `"`5 `:`6
    // `"`7, the 24-byte timestamp 8-31, `"`32 `,`33: the name "request_id" opens at byte 34.
    let cut = String(line.prefix(40))
    let expected =
      "invalid JSON at column 34: unterminated string (the line ends inside the string that opens here)"
    #expect(
      FlightDeckLineScannerTests.scan(cut) == .malformed(TelemetryDecodeError(field: nil, reason: expected)))
    let general = Array(cut.utf8).withUnsafeBytes { FlightDeckGeneralDecoder.decode($0, prices: .empty) }
    guard case .failure(let e) = general else {
      Issue.record("the general decoder read a cut line")
      return
    }
    #expect(e == TelemetryDecodeError(field: nil, reason: expected))
    // A missing comma in a whole line, found by the scanner itself.
    let missing = line.replacingOccurrences(of: #","status""#, with: #" "status""#)
    let at = Array(missing.utf8).firstIndex(of: 0x20)! + 2  // the quote after the space, 1-based
    let reason = "invalid JSON at column \(at): expected ',' or '}' after a member, found '\"'"
    #expect(
      FlightDeckLineScannerTests.scan(missing) == .malformed(TelemetryDecodeError(field: nil, reason: reason))
    )
    var decoder = TelemetryLineDecoder(format: .auto, prices: .empty)
    let result = Array(missing.utf8).withUnsafeBytes { decoder.decode(line: $0) }
    #expect(result.errors == [TelemetryDecodeError(field: nil, reason: reason)])
  }

  /// The OTLP/JSON body the receiver answers, and a gate file, name line and column.
  @Test func bodiesAndGateFilesAreLocated() throws {
    let body = "{\"resourceSpans\": [\n  {\"resource\": {}}\n  {\"resource\": {}}\n]}"
    let decoder = OTLPJSONDecoder(prices: .empty)
    #expect(
      throws: OTLPJSONDecodeError(
        field: nil,
        reason:
          "invalid JSON at line 3, column 3 of the document: expected ',' or ']' after an element, found '{'")
    ) {
      _ = try Array(body.utf8).withUnsafeBytes { try decoder.decode($0) }
    }
    // Foundation would refuse 1e999 without a position; the strict reader locates it: `{`1, the
    // name's quotes 2 and 16, `:`17 `[`18 `]`19 `,`20 `"x"`21-23 `:`24, the number at 25.
    #expect(
      throws: OTLPJSONDecodeError(
        field: nil, reason: "invalid JSON at column 25: number out of range (beyond ±1.8e308)")
    ) {
      var versions = OTLPVersionMemory()
      _ = try Array(#"{"resourceSpans":[],"x":1e999}"#.utf8).withUnsafeBytes {
        try decoder.foundationDecode($0, versions: &versions)
      }
    }
    #expect(
      GateJSONDocument.notJSON(Data("stats: successes=3".utf8))
        == "not valid JSON (line 1, column 1: expected a value, found 's')")
    #expect(
      GateJSONDocument.notJSON(Data("{\n  \"metrics\": {\"a\": 0.9\n}".utf8))
        == "not valid JSON (line 3, column 2: truncated: the file ends inside an object)")
  }
}

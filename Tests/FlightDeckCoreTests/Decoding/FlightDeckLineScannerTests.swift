import Foundation
import Testing

@testable import FlightDeckCore

@Suite struct FlightDeckLineScannerTests {
  static func scan(_ s: String) -> FlightDeckScanResult {
    Array(s.utf8).withUnsafeBytes { FlightDeckLineScanner.scan($0) }
  }

  static func scan(bytes: [UInt8]) -> FlightDeckScanResult {
    bytes.withUnsafeBytes { FlightDeckLineScanner.scan($0) }
  }

  static let line =
    #"{"ts":"2025-06-01T00:00:00.123Z","request_id":"r1","artefact":"support-bot","kind":"agent","version":"v12","route":"canary","latency_ms":812.5,"input_tokens":1800,"output_tokens":350,"cost_usd":0.0107,"status":"ok","ttft_ms":95.25,"session_id":"s-1","error_type":"none","guardrail":"pass","score":0.75,"provider":"anthropic"}"#

  @Test func scansAllFieldsWithByteRanges() throws {
    guard case .scanned(let s) = Self.scan(Self.line) else {
      Issue.record("not scanned")
      return
    }
    let u = Array(Self.line.utf8)
    func text(_ r: Range<Int>?) -> String? { r.map { String(decoding: u[$0], as: UTF8.self) } }
    #expect(text(s.tsRange) == "2025-06-01T00:00:00.123Z")
    // 2025-06-01 is day 20240: 20240 × 86400 s = 1748736000 s, + 123 ms.
    #expect(s.timestamp.millisecondsSinceEpoch == 1_748_736_000_123)
    #expect(text(s.requestIDRange) == "r1")
    #expect(text(s.artefactRange) == "support-bot")
    #expect(text(s.versionRange) == "v12")
    #expect(text(s.sessionIDRange) == "s-1")
    #expect(text(s.errorTypeRange) == "none")
    #expect(text(s.providerRange) == "anthropic")
    #expect(s.kind == .agent && s.route == .canary && s.status == .ok && s.guardrail == .pass)
    #expect(s.latencyMs == 812.5 && s.ttftMs == 95.25 && s.score == 0.75 && s.costUSD == 0.0107)
    #expect(s.inputTokens == 1800 && s.outputTokens == 350)
    // The record conversion makes the same strings.
    let rec = Array(Self.line.utf8).withUnsafeBytes { s.record(line: $0, prices: .empty) }
    #expect(rec.artefact == "support-bot" && rec.provider == "anthropic" && rec.costUSD == 0.0107)
  }

  @Test func keysInAnyOrderAndUnknownNestedValuesSkipped() {
    let line =
      #"{"status":"error","extra":{"a":[1,{"b":"]}"}],"c":[[],{}]},"route":"shadow","version":"v1","kind":"model","artefact":"gpt-4o","request_id":"x","latency_ms":1e3,"input_tokens":0,"output_tokens":0,"flag":true,"ts":"2025-06-01T02:00:00+02:00"}"#
    guard case .scanned(let s) = Self.scan(line) else {
      Issue.record("not scanned")
      return
    }
    #expect(s.latencyMs == 1000)
    #expect(s.status == .error && s.route == .shadow)
    #expect(s.timestamp.millisecondsSinceEpoch == 1_748_736_000_000)  // 02:00+02:00 = 00:00Z
    #expect(s.costUSD == nil && s.ttftMs == nil && s.sessionIDRange == nil)
  }

  @Test func malformedLinesNameFieldAndReason() {
    let base = Self.line
    func expectError(_ line: String, _ field: String?, _ reason: String) {
      #expect(Self.scan(line) == .malformed(TelemetryDecodeError(field: field, reason: reason)), "\(line)")
    }
    expectError("", nil, "empty line")
    expectError(" \t ", nil, "empty line")
    // Cut inside the name "request_id", whose quote is byte 34 (JSONSyntaxErrorTests counts it).
    expectError(
      String(base.prefix(40)), nil,
      "invalid JSON at column 34: unterminated string (the line ends inside the string that opens here)")
    expectError(
      base.replacingOccurrences(of: #""kind":"agent""#, with: #""kind":"robot""#), "kind",
      "expected one of model, prompt, agent")
    expectError(
      base.replacingOccurrences(of: #""latency_ms":812.5,"#, with: ""), "latency_ms",
      "missing required field")
    expectError(base.replacingOccurrences(of: "812.5", with: "-1"), "latency_ms", "must be >= 0")
    expectError(base.replacingOccurrences(of: "812.5", with: #""812""#), "latency_ms", "expected a number")
    expectError(
      base.replacingOccurrences(of: ":1800", with: ":-2"), "input_tokens", "must be a non-negative integer")
    expectError(base.replacingOccurrences(of: "0.75", with: "1.5"), "score", "must be between 0 and 1")
    expectError(base.replacingOccurrences(of: ".123Z", with: ".123"), "ts", "invalid RFC 3339 timestamp")
    // Several problems: the earliest field in schema order wins (route before status).
    expectError(
      base.replacingOccurrences(of: #""status":"ok""#, with: #""status":"meh""#).replacingOccurrences(
        of: #""route":"canary""#, with: #""route":"blue""#), "route", "expected one of stable, canary, shadow"
    )
  }

  @Test func invalidUTF8NamesTheField() {
    var bytes = Array(Self.line.utf8)
    let at = try! #require(Self.line.utf8.firstRange(of: "support".utf8)).lowerBound
    let offset = Self.line.utf8.distance(from: Self.line.utf8.startIndex, to: at)
    bytes.insert(contentsOf: [0xE2, 0x28, 0xA1], at: offset)  // bad continuation byte
    #expect(
      Self.scan(bytes: bytes) == .malformed(TelemetryDecodeError(field: "artefact", reason: "invalid UTF-8")))
    // Overlong encoding of "/" (C0 AF) inside an unknown field.
    let junk = Array(#"{"x":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8)
    #expect(Self.scan(bytes: junk) == .malformed(TelemetryDecodeError(field: "x", reason: "invalid UTF-8")))
  }

  @Test func declinesWhatTheGeneralPathMustDecide() {
    func expectDeclined(_ line: String) {
      guard case .declined = Self.scan(line) else {
        Issue.record("not declined: \(line)")
        return
      }
    }
    expectDeclined(Self.line.replacingOccurrences(of: "support-bot", with: #"support\"bot"#))
    expectDeclined(Self.line.replacingOccurrences(of: ":1800", with: ":1.8e3"))
    expectDeclined(Self.line.replacingOccurrences(of: "812.5", with: "0812.5"))
    expectDeclined(Self.line.replacingOccurrences(of: "812.5", with: "1e400"))
    expectDeclined(String(Self.line.dropLast()) + #","status":"ok"}"#)
    expectDeclined(#"{"resourceSpans":[]}"#)
    expectDeclined("[1,2]")
  }

  @Test func numbersMatchStrtod() {
    // Independent method: the C library's strtod on the same text.
    var rng = SplitMix64(seed: 42)
    var forms: [String] = [
      "0.1", "0.2", "0.3", "1e22", "1e23", "9007199254740993", "123456.789e-3", "5e-324",
    ]
    for _ in 0..<20_000 {
      let digits = String(rng.next() % 10_000_000_000_000)
      let scale = Int(rng.next() % 30)
      let e = Int(rng.next() % 50) - 25
      var s = digits
      if scale > 0, scale < digits.count { s.insert(".", at: s.index(s.endIndex, offsetBy: -scale)) }
      if rng.next() % 3 == 0 { s += "e\(e)" }
      if s.hasPrefix(".") { s = "0" + s }
      forms.append(s)
    }
    var mismatches = 0
    for f in forms {
      let bytes = Array(f.utf8)
      if bytes.count > 1, bytes[0] == 0x30, bytes[1] != 0x2E, bytes[1] != 0x65 { continue }  // leading zero
      let mine = bytes.withUnsafeBufferPointer { buf -> Double? in
        guard case .number(let v, _, _) = JSONNumberParser.parse(buf.baseAddress!, 0, buf.count) else {
          return nil
        }
        return v
      }
      let reference = strtod(f, nil)
      if mine?.bitPattern != reference.bitPattern {
        mismatches += 1
        if mismatches < 5 { print("MISMATCH", f, mine as Any, reference) }
      }
    }
    #expect(mismatches == 0)
    #expect(forms.count == 20_008)
  }
}

import Foundation
import Testing

@testable import FlightDeckCore

/// ``FlightDeckGateResultsReader``: the documented example and its errors.
@Suite struct FlightDeckGateResultsReaderTests {
  @Test func readsTheDocumentedExample() throws {
    let data = try GateFixtures.fixture("flightdeck-support-bot-v12.json")
    let input = try GateInputReader.read(data: data, file: "eval.json")
    #expect(input.format == .flightdeck)
    #expect(
      input.metrics == [
        "accuracy": 0.93, "pass_rate": 0.97, "drift_psi": 0.08, "fairness_gap": 0.03,
        "guardrail_compliance": 0.995,
      ])
    #expect(input.artefact == "support-bot")
    #expect(input.version == "v12")
    #expect(input.source == "nightly-eval run 4711")
    // 2025-06-01T12:00:00Z: days_from_civil(2025, 6, 1) = 20240; × 86 400 000 + 12 h × 3 600 000.
    #expect(input.evaluatedAt == Timestamp(millisecondsSinceEpoch: 20_240 * 86_400_000 + 43_200_000))
    #expect(input.promptfoo == nil)
    try input.checkSubject(artefact: "support-bot", version: "v12")
    #expect(throws: GateInputError.self) { try input.checkSubject(artefact: "support-bot", version: "v13") }
    do {
      try input.checkSubject(artefact: "fraud-model", version: "v12")
    } catch let e as GateInputError {
      #expect(
        e.description
          == #"eval.json: artefact: the results are for artefact "support-bot", not "fraud-model""#)
    }
  }

  @Test func theSHA256IsTheFilesDigest() throws {
    // SHA-256("{\"metrics\":{\"accuracy\":1}}"), computed with `printf '%s' … | sha256sum`.
    let input = try GateInputReader.read(data: Data(#"{"metrics":{"accuracy":1}}"#.utf8), file: "a.json")
    #expect(input.sha256 == "cfd158e08520400555f71f7a91b0ba809fc2957994be68b78c1db74fa72f6274")
    #expect(input.metrics == ["accuracy": 1])
  }

  @Test func refusesBadFieldsByPath() {
    typealias F = GateFixtures
    #expect(
      F.inputError(#"{"metric": {"accuracy": 0.9}}"#, file: "e.json")?.description
        == "e.json: $: not a known gate input: expected Promptfoo results (with results.stats) or FlightDeck gate results (with metrics)"
    )
    #expect(
      F.inputError(#"{"metrics": {"accuracy": 0.9}, "sorce": "x"}"#, file: "e.json")?.description
        == "e.json: sorce: unknown key (allowed: artefact, evaluated_at, format_version, metrics, source, version)"
    )
    #expect(
      F.inputError(#"{"metrics": {}}"#, file: "e.json")?.description
        == "e.json: metrics: no metrics: expected name → number")
    #expect(
      F.inputError(#"{"metrics": {"accuracy": "0.9"}}"#, file: "e.json")?.description
        == #"e.json: metrics.accuracy: expected a finite number, found a string ("0.9")"#)
    #expect(
      F.inputError(#"{"metrics": {"pass_rate": 97}}"#, file: "e.json")?.description
        == "e.json: metrics.pass_rate: pass_rate is a fraction from 0 to 1, found 97")
    #expect(
      F.inputError(#"{"metrics": [0.9]}"#, file: "e.json")?.description
        == "e.json: metrics: expected an object, found an array")
    #expect(
      F.inputError(#"{"metrics": {"accuracy": 0.9}, "evaluated_at": "yesterday"}"#, file: "e.json")?
        .description
        == #"e.json: evaluated_at: expected an RFC 3339 date-time such as "2025-06-01T12:00:00Z""#)
    #expect(
      F.inputError(#"{"metrics": {"accuracy": 0.9}, "format_version": 2}"#, file: "e.json")?.description
        == "e.json: format_version: unsupported format version a number (2) (supported: 1)")
    #expect(
      F.inputError(#"{"metrics": {"accuracy": 0.9}, "version": ""}"#, file: "e.json")?.description
        == "e.json: version: expected a non-empty string")
    #expect(F.inputError("{\"metrics\": {\"a\\u0001b\": 1}}", file: "e.json")?.path == "metrics.a\u{01}b")
    // 1e999 overflows a double: not valid JSON for the decoder, or not finite; either way unusable.
    #expect(F.inputError(#"{"metrics": {"drift_psi": 1e999}}"#, file: "e.json") != nil)
  }

  @Test func duplicateKeysAreRefusedWithTheirPathAndLine() throws {
    // Two "accuracy" members in "metrics" (line 4): Foundation would keep one silently.
    let text = """
      {"format": "flightdeck-gate-results/v1", "artefact": "a", "version": "v1",
       "metrics": {
         "accuracy": 0.91,
         "accuracy": 0.42}}
      """
    do {
      _ = try GateInputReader.read(data: Data(text.utf8), file: "dup.json")
      Issue.record("a duplicate key was accepted")
    } catch let e as GateInputError {
      #expect(e.path == "metrics")
      #expect(e.reason.contains(#"line 4: duplicate key "accuracy""#))
    }
    // The same key in two different objects, keys inside arrays and an escaped
    // key equal to an earlier plain one ("a\u0063c" is "acc").
    let scan = { (t: String) in StrictJSONScan.firstDuplicate(in: Data(t.utf8)) }
    #expect(scan(#"{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}]}"#) == nil)
    #expect(scan(#"{"r": [{"k": 1}, {"k": 1, "k": 2}]}"#)?.path == "r[1]")
    #expect(scan(#"{"acc": 1, "a\u0063c": 2}"#)?.key == "acc")
    #expect(scan(#"{"s": "{\"x\": 1, \"x\": 2}"}"#) == nil)
  }

  @Test func trailingCommasAreNotJSON() throws {
    // Foundation's decoder takes `{"a":1,}`; RFC 8259 and Python's json do not.
    let text = "{\"metrics\": {\"pass_rate\": 0.99,\n \"error_rate\": 0.0,},\n}"
    do {
      _ = try GateInputReader.read(data: Data(text.utf8), file: "trail.json")
      Issue.record("a trailing comma was accepted")
    } catch let e as GateInputError {
      // Line 2 is ` "error_rate": 0.0,},`: the `}` after the comma is its byte 20.
      #expect(e.reason == "not valid JSON (line 2, column 20: trailing comma before '}')")
    }
    let scan = { (t: String) in StrictJSONScan.firstTrailingComma(in: Data(t.utf8)) }
    #expect(scan(#"{"a": [1, 2], "b": "x,}"}"#) == nil)
    #expect(scan("[1, 2 ,\n ]") == 1)
  }
}

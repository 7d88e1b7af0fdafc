import Foundation
import Testing

@testable import FlightDeckCore

/// Regression tests for what the libFuzzer targets found (the Benchmarks
/// article, "Fuzzing"): each input is the one the fuzzer reported, or its
/// minimised form.
@Suite("Fuzz findings")
struct FuzzFindingsTests {
  /// `FuzzRules`: a problem libyaml finds at the end of a file without a
  /// final newline was reported at column 1 of a line past the end (libyaml
  /// forces a line break at the end of the stream): `rules.yml:4:1` for a
  /// three-line file. It is now at the end of the last line: line 3, column
  /// 16 (`  -String yoloA` is 15 characters).
  @Test("a YAML error at the end of the file names the last line, not the one after")
  func yamlErrorAtEndOfFile() {
    let text = "groupq:\n  - name: yolo\n  -String yoloA"
    do {
      _ = try AlertRulesLoader.parse(text, file: "rules.yml")
      Issue.record("loaded")
    } catch let error as AlertRulesFileError {
      #expect(error.description == "rules.yml:3:16: yaml: invalid YAML: could not find expected ':'")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  /// `FuzzRules`: an empty document `---` is a null node whose mark libyaml
  /// puts past the end (line 2 of a one-line file); the error is now at the
  /// end of the last line, column 4.
  @Test("a node marked past the end of the file is reported at the end of the last line")
  func nodePastTheEnd() {
    do {
      _ = try AlertRulesLoader.parse("---", file: "rules.yml")
      Issue.record("loaded")
    } catch let error as AlertRulesFileError {
      #expect(
        error.description
          == "rules.yml:1:4: file: expected a mapping with a `groups` list (Prometheus rule-group format)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  /// `FuzzAlertExpression`: a label value with a tab followed by a combining
  /// mark (U+0484) prints as `\t` then U+0484, and the mark joins the `t`
  /// into one character, so the reprinted expression was refused ("expected
  /// an escape"). The lexer now reads the escape from the first scalar and
  /// keeps the mark in the value.
  @Test("an escape followed by a combining mark reads back to the same value")
  func escapeBeforeCombiningMark() throws {
    let expression = try AlertExpressionParser.parse("p95_latency_ms{artefact=\"a\t\u{484}b\"} > 1")
    let printed = expression.description
    #expect(printed == "p95_latency_ms{artefact=\"a\\t\u{484}b\"} > 1")
    let again = try AlertExpressionParser.parse(printed)
    #expect(again.conditions == expression.conditions)
    #expect(
      again.conditions.first?.matchers.first.map { Array($0.value.unicodeScalars) } == [
        "a", "\t", "\u{484}", "b",
      ])
  }

  /// The end position counts lines as libyaml does: CR LF is one break, CR,
  /// NEL, LS and PS are one each; columns are characters.
  @Test(
    "the end position of a text, as libyaml counts lines and columns",
    arguments: [
      ("", 1, 1), ("ab", 1, 3), ("ab\n", 2, 1), ("a\r\nb", 2, 2), ("a\rb\rc", 3, 2),
      ("a\u{85}é\u{2028}\u{2029}xy", 4, 3),
    ])
  func endPosition(text: String, line: Int, column: Int) {
    let end = AlertRulesLoader.endPosition(of: text)
    #expect(end.line == line && end.column == column)
  }
}

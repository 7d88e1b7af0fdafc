import Foundation
import Testing

@testable import FlightDeckCore

/// Hostile nesting in rules files and expressions: refused with file, line
/// and column, never a stack overflow (before the screen, each of these
/// killed the process with SIGSEGV inside Yams' or the parser's recursion).
@Suite struct AlertRulesNestingTests {
  func refusal(_ text: String) throws -> AlertRulesError {
    let error = try #require(throws: AlertRulesFileError.self) {
      try AlertRulesLoader.parse(text, file: "deep.yml")
    }
    #expect(error.errors.count == 1)
    return try #require(error.errors.first)
  }

  /// A file of control characters is refused at the first one, with a
  /// short message (issue 11 breaker, R4: the message quoted the whole rest
  /// of the file, 300 KB of NULs took 44 s to refuse).
  @Test func controlCharactersAreRefusedAtTheFirstWithAShortMessage() throws {
    for byte in ["\u{01}", "\u{00}"] {
      let e = try refusal("groups: []\nx: " + String(repeating: byte, count: 300_000))
      #expect(e.line == 2 && e.column == 4)
      #expect(e.field == "yaml")
      #expect(e.message.hasPrefix("invalid YAML: control characters are not allowed"))
      #expect(e.message.count < 100)
    }
  }

  @Test func deepFlowSequencesAreRefusedAtTheOpeningPastTheLimit() throws {
    // Line 1 is one block level; the 64th `[` makes 65 levels.
    let e = try refusal(String(repeating: "[", count: 4_733) + String(repeating: "]", count: 4_733))
    #expect(e.file == "deep.yml")
    #expect(e.line == 1)
    #expect(e.column == 64)
    #expect(e.field == "yaml")
    #expect(e.message.hasPrefix("nesting deeper than 64 levels"))
  }

  @Test func deepBlockSequencesAreRefused() throws {
    // `- ` k (0-based) opens level k + 2; the dash at k = 63 is at column 127.
    let e = try refusal(String(repeating: "- ", count: 4_733) + "x")
    #expect(e.line == 1)
    #expect(e.column == 127)
  }

  @Test func deepFlowMappingsAreRefused() throws {
    // `{a: ` k (0-based) starts at column 4k + 1; the 64th (k = 63) at 253.
    let e = try refusal(String(repeating: "{a: ", count: 2_878) + "b" + String(repeating: "}", count: 2_878))
    #expect(e.line == 1)
    #expect(e.column == 253)
  }

  @Test func aHundredThousandLevelsOnALaterLineAreRefusedThere() throws {
    let text =
      "groups:\n  - name: x\n    rules: " + String(repeating: "[", count: 100_000)
      + String(repeating: "]", count: 100_000)
    let e = try refusal(text)
    #expect(e.line == 3)
    // Line 3 holds block levels 0 and 2 (after the `- ` on line 2, col 4)
    // and 4: three levels, so the 62nd `[` (column 12 + 61 = 73) is level 65.
    #expect(e.column == 73)
  }

  @Test func deepIndentationIsRefused() throws {
    // Each line one space deeper than the last: line k is level k.
    let text = (0..<200).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
    let e = try refusal(text)
    #expect(e.line == 65)
  }

  @Test func nestingUpToTheLimitReachesYams() throws {
    // 63 brackets + the line's block level = 64: screened through, and Yams
    // reads it (the file then lacks `groups`).
    let text = "x: " + String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
    let error = try #require(throws: AlertRulesFileError.self) {
      try AlertRulesLoader.parse(text, file: "deep.yml")
    }
    #expect(error.errors.map(\.field) == ["x", "groups"])
    #expect(YAMLNestingScreen.firstViolation(in: String(repeating: "[", count: 63)) == nil)
    #expect(YAMLNestingScreen.firstViolation(in: String(repeating: "[", count: 64))?.column == 64)
  }

  @Test func bracketsInsideScalarsCommentsAndBlockScalarsDoNotCount() throws {
    let many = String(repeating: "[{", count: 100)
    let text = """
      groups: # \(many)
        - name: "\(many)"
          rules:
            - alert: A
              expr: error_rate{route="canary"}[5m] > 0.5
              annotations:
                summary: '\(many) it''s fine'
                description: |
                  \(many)
                      \(many)
                runbook_url: plain \(many)
      """
    let groups = try AlertRulesLoader.parse(text, file: "ok.yml")
    #expect(groups[0].name == many)
    #expect(groups[0].rules[0].annotations["summary"] == many + " it's fine")
    #expect(groups[0].rules[0].annotations["runbook_url"] == "plain " + many)
  }

  @Test func deeplyParenthesisedExpressionsAreRefusedAtTheParenthesisPastTheLimit() throws {
    let source =
      String(repeating: "(", count: 32_732) + "request_rate > 1" + String(repeating: ")", count: 32_732)
    let error = try #require(throws: AlertExpressionError.self) { try AlertExpressionParser.parse(source) }
    #expect(error.column == 129)
    #expect(error.message == "parentheses nested deeper than 128 levels")
    // 128 levels parse.
    let ok = String(repeating: "(", count: 128) + "request_rate > 1" + String(repeating: ")", count: 128)
    #expect(try AlertExpressionParser.parse(ok).description == "request_rate > 1")
  }

  @Test func longAndChainsAreBoundedAndShallow() throws {
    let term = "request_rate > 1"  // 16 characters, then " and " (5)
    let long = Array(repeating: term, count: 87_500).joined(separator: " and ")
    let error = try #require(throws: AlertExpressionError.self) { try AlertExpressionParser.parse(long) }
    // The 1,001st condition starts at offset 1,000 × 21.
    #expect(error.offset == 21_000)
    #expect(error.message == "more than 1000 conditions in one expression")

    let thousand = Array(repeating: term, count: 1_000).joined(separator: " or ")
    let e = try AlertExpressionParser.parse(thousand)
    #expect(e.conditions.count == 1_000)
    // A balanced tree: depth ⌈log₂ 1000⌉ = 10, not 999.
    func depth(_ e: AlertExpression) -> Int {
      switch e {
      case .condition: 0
      case .and(let l, let r), .or(let l, let r): 1 + max(depth(l), depth(r))
      }
    }
    #expect(depth(e) == 10)
    #expect(e.description == thousand)
    #expect(try AlertExpressionParser.parse(e.description) == e)
  }

  @Test func aTooLongExpressionInAFileNamesTheFileAndLine() throws {
    let expr = Array(repeating: "request_rate > 1", count: 1_001).joined(separator: " and ")
    let text = """
      groups:
        - name: g
          rules:
            - alert: A
              expr: \(expr)
      """
    let e = try refusal(text)
    #expect(e.file == "deep.yml")
    #expect(e.line == 5)
    // The scalar starts at column 15; the 1,001st term at offset 21,000.
    #expect(e.column == 15 + 21_000)
    #expect(e.field == "groups[0].rules[0].expr")
  }

  @Test(arguments: ["\r", "\u{85}", "\u{2028}"])
  func deepMappingsWithOtherLineBreaksAreRefused(lineBreak: String) throws {
    // YAML breaks lines on CR, NEL and LS too; line k (1-based) holds key
    // k - 1 indented k - 1 spaces, the start of mapping level k, so level 65
    // starts at line 65, column 65. (The byte screen sees one line; before
    // libyaml's events were counted, this reached Yams and crashed it.)
    let text = (0..<3_000).map { String(repeating: " ", count: $0) + "k\($0):" }
      .joined(separator: lineBreak)
    let e = try refusal(text)
    #expect(e.line == 65)
    #expect(e.column == 65)
    #expect(e.field == "yaml")
  }

  @Test func deepFlowAfterADocumentMarkerIsRefused() throws {
    // `--- ` takes columns 1-4; the 65th `[` is at column 4 + 65.
    let e = try refusal("--- " + String(repeating: "[", count: 10_000))
    #expect(e.line == 1)
    #expect(e.column == 69)
    #expect(YAMLNestingScreen.firstEventViolation(in: "--- " + String(repeating: "[", count: 64)) == nil)
  }
}

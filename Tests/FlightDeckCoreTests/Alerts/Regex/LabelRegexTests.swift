import Foundation
import Testing

@testable import FlightDeckCore

/// Hand-worked cases of the RE2 syntax Prometheus label matchers use, the
/// refusals (with Go's `regexp/syntax` messages, checked against
/// `promtool check rules` by hand), and the patterns that make a
/// backtracking engine take exponential time.
@Suite struct LabelRegexTests {
  /// `(pattern, text, matches)`: worked out by reading RE2's syntax page.
  static let cases: [(String, String, Bool)] = [
    // Anchored at both ends, as PromQL's `^(?:re)$`.
    ("v1", "v1", true), ("v1", "v12", false), ("v1", "xv1", false), ("v1|v2", "v2", true),
    ("support-.*", "support-bot", true), ("support-.*", "my-support-bot", false),
    ("", "", true), ("", "a", false), ("a|", "", true), ("()", "", true),
    // `.` stops at \n unless (?s).
    ("a.b", "a\nb", false), ("(?s)a.b", "a\nb", true), ("a.b", "a-b", true), (".", "é", true),
    // Classes, ranges, negation, Perl and POSIX classes.
    ("[a-c]+", "abcab", true), ("[a-c]+", "abd", false), ("[^a-c]", "d", true), ("[^a-c]", "b", false),
    ("[]a]", "]", true), ("[a-]", "-", true), ("[^\n]", "\n", false),
    (#"\d{3}"#, "123", true), (#"\d"#, "٣", false), (#"\D"#, "x", true), (#"\w+"#, "a_1", true),
    (#"\W"#, "_", false), (#"\s"#, "\t", true), (#"\s"#, "\u{0B}", false), (#"\S"#, " ", false),
    ("[[:alpha:]]+", "abZ", true), ("[[:^alpha:]]", "1", true), ("[[:digit:][:upper:]]+", "A1", true),
    (#"[\d-]+"#, "1-2", true), (#"\pL+"#, "héllo", true), (#"\pN"#, "٣", true), (#"\PL"#, "a", false),
    (#"\p{Lu}"#, "É", true), (#"[\p{Ll}\d]+"#, "é1", true),
    // Escapes.
    (#"a\.b"#, "a.b", true), (#"a\.b"#, "axb", false), (#"\x41"#, "A", true), (#"\x{263a}"#, "☺", true),
    (#"\101"#, "A", true), (#"\0"#, "\u{0}", true), (#"\Qa.b*\E"#, "a.b*", true), (#"\Qab\E*"#, "abbb", true),
    (#"\t\n"#, "\t\n", true), (#"\-"#, "-", true),
    // Repetition, greedy and lazy alike in a whole-value match.
    ("a{3}", "aaa", true), ("a{3}", "aa", false), ("a{2,}", "aaaaa", true), ("a{2,3}", "aaaa", false),
    ("a{0}", "", true), ("a{,2}", "a{,2}", true), ("a{x}", "a{x}", true), ("{", "{", true),
    ("a*?", "aaa", true), ("a+?b", "aab", true), ("a??", "", true), ("a{1,2}?", "aa", true),
    ("(ab)+", "ababab", true), ("(ab)+", "aba", false), ("(a|ab)(c|bcd)", "abcd", true),
    ("(a*)*", "aaa", true), ("(a*)+b", "b", true), ("(|a)*", "aa", true),
    // Flags.
    ("(?i)abc", "AbC", true), ("(?i:a)b", "AB", false), ("(?i)a(?-i)b", "Ab", true),
    ("(?i)a(?-i)b", "AB", false),
    ("(?i)k", "\u{212A}", true), ("(?i)s", "ſ", true), ("(?i)[a-c]+", "ABC", true), ("(?i)[^a]", "A", false),
    ("(?i)é", "É", true), ("(?U)a+", "aa", true), ("(?P<n>a)b", "ab", true), ("(?<n>a)", "a", true),
    ("((?i)a)a", "Aa", true), ("((?i)a)a", "AA", false), ("(?)a", "a", true),
    // ^ and $ mean the text's ends (RE2: `$` is not "before a final \n"); (?m) for lines.
    ("^a$", "a", true), ("a$\n", "a\n", false), ("a^b", "ab", false), ("(^a|b)c", "ac", true),
    ("(?m)a$\nb", "a\nb", true), ("(?m)a\n^b", "a\nb", true), (#"\Aa\z"#, "a", true),
    // Word boundaries (ASCII words).
    (#"a\b b"#, "a b", true), (#"a\bb"#, "ab", false), (#"a\Bb"#, "ab", true), (#"\b"#, "", false),
  ]

  @Test func handWorkedCases() throws {
    for (pattern, text, expected) in Self.cases {
      let re = try LabelRegex(pattern)
      #expect(re.matches(text) == expected, "\(pattern) against \(text.debugDescription)")
    }
  }

  /// `(pattern, message, fragment)`: Go's messages, as `promtool check rules` prints them.
  static let refusals: [(String, String, String)] = [
    (#"(a)\1"#, "invalid escape sequence (backreferences are not supported, RE2 syntax)", #"\1"#),
    ("(?=a)", "invalid or unsupported Perl syntax (RE2 has no lookahead or lookbehind)", "(?="),
    ("(?!a)", "invalid or unsupported Perl syntax (RE2 has no lookahead or lookbehind)", "(?!"),
    ("(?<=a)b", "invalid or unsupported Perl syntax (RE2 has no lookahead or lookbehind)", "(?<="),
    ("(?<!a)b", "invalid or unsupported Perl syntax (RE2 has no lookahead or lookbehind)", "(?<!"),
    ("a**", "invalid nested repetition operator", "**"), ("a++", "invalid nested repetition operator", "++"),
    ("a*??", "invalid nested repetition operator", "*??"),
    ("a{2}{3}", "invalid nested repetition operator", "{2}{3}"),
    ("a{1001}", "invalid repeat count", "{1001}"), ("a{2,1}", "invalid repeat count", "{2,1}"),
    ("(a{1000}){1000}", "invalid repeat count", "{1000}"), ("(a{100}){100}", "invalid repeat count", "{100}"),
    ("((a{10}){10}){11}", "invalid repeat count", "{11}"),
    ("*a", "missing argument to repetition operator", "*"),
    ("a|+", "missing argument to repetition operator", "+"),
    ("{2}", "missing argument to repetition operator", "{2}"),
    ("(a", "missing closing )", "(a"), ("a)", "unexpected )", "a)"), ("[a", "missing closing ]", "[a"),
    ("[]", "missing closing ]", "[]"), ("[z-a]", "invalid character class range", "z-a"),
    (#"[a-\d]"#, "invalid escape sequence", #"\d"#),
    ("[[:foo:]]", "invalid character class range", "[:foo:]"),
    (#"\C"#, "invalid escape sequence", #"\C"#),
    (#"\8"#, "invalid escape sequence (backreferences are not supported, RE2 syntax)", #"\8"#),
    (#"\e"#, "invalid escape sequence", #"\e"#), (#"\Z"#, "invalid escape sequence", #"\Z"#),
    (#"\x{110000}"#, "invalid escape sequence", #"\x{110000"#),
    ("a\\", "trailing backslash at end of expression", "\\"),
    ("(?x)a", "invalid or unsupported Perl syntax", "(?x"),
    ("(?i-)a", "invalid or unsupported Perl syntax", "(?i-)"),
    ("(?P=n)", "invalid or unsupported Perl syntax", "(?P="), ("(?P<>a)", "invalid named capture", "(?P<>"),
    (
      #"\p{Greek}"#,
      "invalid character class range (Unicode scripts and unknown categories are not supported)",
      #"\p{Greek}"#
    ),
  ]

  @Test func refusalsNameTheFault() {
    for (pattern, message, fragment) in Self.refusals {
      #expect(throws: LabelRegexError.self, "\(pattern)") { try LabelRegex(pattern) }
      do {
        _ = try LabelRegex(pattern)
      } catch {
        #expect(error.message == message, "\(pattern)")
        #expect(error.fragment == fragment, "\(pattern)")
      }
    }
  }

  @Test func tooLargeProgramsAndDeepNestingAreRefused() throws {
    // 40 × 1000 copies: each count is allowed, the program is not.
    let large = String(repeating: "[a-z]{1000}", count: 40)
    #expect(throws: LabelRegexError.self) { try LabelRegex(large) }
    do {
      _ = try LabelRegex(large)
    } catch {
      #expect(error.message.hasPrefix("expression too large"))
    }
    let fits = try LabelRegex("[a-z]{1000}")
    #expect(fits.instructionCount == 1001)
    #expect(fits.matches(String(repeating: "q", count: 1000)))
    let deep =
      String(repeating: "(", count: LabelRegex.maxNesting + 1) + "a"
      + String(repeating: ")", count: LabelRegex.maxNesting + 1)
    do {
      _ = try LabelRegex(deep)
      Issue.record("nesting deeper than maxNesting was accepted")
    } catch {
      #expect(error.message.hasPrefix("expression nests too deeply"))
    }
    let deepest =
      String(repeating: "(", count: LabelRegex.maxNesting) + "a"
      + String(repeating: ")", count: LabelRegex.maxNesting)
    #expect(try LabelRegex(deepest).matches("a"))
    // An unclosed flood of `(` is refused by the nesting bound before it could exhaust the stack.
    #expect(throws: LabelRegexError.self) { try LabelRegex(String(repeating: "(", count: 100_000)) }
  }

  /// The patterns that take exponential time in a backtracking engine,
  /// against 5,000-scalar inputs: the Pike VM answers in one pass.
  @Test func catastrophicPatternsAnswerInOnePass() throws {
    let a5000 = String(repeating: "a", count: 5000)
    #expect(try !LabelRegex("(a+)+b").matches(a5000))
    #expect(try LabelRegex("(a+)+b").matches(a5000 + "b"))
    #expect(try !LabelRegex("(a|a)*c").matches(a5000))
    #expect(try LabelRegex("(a|a)*c").matches(a5000 + "c"))
    #expect(try !LabelRegex("(a*)*b").matches(a5000))
    #expect(
      try !LabelRegex("(.*a){20}").matches(
        String(repeating: "a", count: 19) + String(repeating: "b", count: 4981)))
    #expect(try LabelRegex("(.*a){20}").matches(a5000))
    #expect(try !LabelRegex("(a+)+b").matches(String(repeating: "a", count: 30) + "!"))
  }

  static var sortedEncoder: JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    return e
  }

  @Test func matchersCompileOnceAndKeepTheirJSON() throws {
    let m = AlertLabelMatcher(name: "artefact", op: .regex, value: "support-.*")
    let json = String(decoding: try Self.sortedEncoder.encode(m), as: UTF8.self)
    #expect(json == #"{"name":"artefact","op":"=~","value":"support-.*"}"#)
    let back = try JSONDecoder().decode(AlertLabelMatcher.self, from: Data(json.utf8))
    #expect(back == m)
    #expect(back.hashValue == m.hashValue)
    #expect(back.matches(["artefact": "support-bot"]))
    #expect(!back.matches(["artefact": "billing"]))
    var changed = m
    changed.value = "billing|(a"
    #expect(changed.regexError?.message == "missing closing )")
    #expect(!changed.matches(["artefact": "billing"]))
    changed.value = "billing"
    #expect(changed.matches(["artefact": "billing"]))
    changed.op = .notRegex
    #expect(!changed.matches(["artefact": "billing"]) && changed.matches(["artefact": "x"]))
    // A stored silence whose pattern is refused still decodes, and matches nothing.
    let stored = try JSONDecoder().decode(
      AlertLabelMatcher.self, from: Data(#"{"name":"a","op":"!~","value":"(?=x)"}"#.utf8))
    #expect(!stored.isValid && !stored.matches(["a": "y"]))
  }

  @Test func silenceMatchersExplainRefusals() {
    #expect(throws: AlertSilence.MatcherError.self) {
      try AlertSilence.parseMatcherExplaining("artefact=~(a+)++")
    }
    do {
      _ = try AlertSilence.parseMatcherExplaining(#"artefact=~"(a""#)
    } catch {
      #expect(
        error.description == "matcher 'artefact=~\"(a\"': invalid regular expression: missing closing ): `(a`"
      )
    }
    #expect(AlertSilence.parseMatcher("artefact=~support-.*")?.matches(["artefact": "support-bot"]) == true)
  }

  /// A class of many separate members is built with one sort and merge, not
  /// an insertion per member (issue 11 breaker, R3: 240 000 members took
  /// 32 s); members in any order give the same class.
  @Test func aLargeClassInAnyOrderIsTheSameClass() throws {
    let members = stride(from: 0x20000, to: 0x20000 + 2 * 20_000, by: 2).map { Unicode.Scalar(UInt32($0))! }
    func pattern(_ m: [Unicode.Scalar]) -> String { "[" + String(String.UnicodeScalarView(m)) + "]+" }
    let up = try LabelRegex(pattern(members))
    let down = try LabelRegex(pattern(members.reversed()))
    for probe: UInt32 in [0x20000, 0x20001, 0x20002, 0x20000 + 39_998, 0x20000 + 39_999, 0x1FFFF] {
      let s = String(Character(Unicode.Scalar(probe)!))
      #expect(up.matches(s) == (probe >= 0x20000 && probe < 0x20000 + 40_000 && probe % 2 == 0))
      #expect(down.matches(s) == up.matches(s))
    }
    // Overlapping and adjacent ranges merge: a-c, b-e, f → a-f.
    let merged = try LabelRegex("[fb-ea-c]+")
    #expect(merged.matches("abcdef") && !merged.matches("g"))
  }
}

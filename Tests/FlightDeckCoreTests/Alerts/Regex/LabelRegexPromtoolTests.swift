import FlightDeckTestSupport
import Foundation
import Testing

@testable import FlightDeckCore

/// ``LabelRegex`` against the real RE2 (Go's `regexp`) through Prometheus's
/// `promtool`:
/// - matching: one series `x{i="k", l="<string k>"}` per string, and for
///   every pattern a `promql_expr_test` of `count by (i) (x{l=~"<pattern>"})`
///   whose expected samples are the strings FlightDeck's matcher accepts —
///   promtool fails on any pair where Prometheus decides otherwise;
/// - refusing: one recording rule per pattern in a rules file for
///   `promtool check rules`, whose per-rule errors must be exactly the
///   patterns ``LabelRegex`` refuses, with the same message.
///
/// Without promtool the suite says so and passes, except under `CI=true`.
@Suite struct LabelRegexPromtoolTests {
  static let patterns: [String] = [
    "", "a", "v1", "v1|v2", "support-.*", ".*-bot", ".+", ".", "a.b", "(?s)a.b", "(?s).*",
    "[a-c]+", "[^a-c]*", "[]a]", "[a-]", "[^\n]+", #"\d+"#, #"\D"#, #"\w+"#, #"\W"#, #"\s"#, #"\S+"#,
    "[[:alpha:]]+", "[[:^alpha:]]+", "[[:punct:]]", #"\pL+"#, #"\pN"#, #"\PL+"#, #"\p{Lu}"#, #"[\p{Ll}\d]+"#,
    #"a\.b"#, #"\x41"#, #"\x{212A}"#, #"\101"#, #"\Qa.b\E"#, #"\Qab\E*"#, #"\t"#,
    "a{3}", "a{2,}", "a{2,3}", "a{0}", "a{,2}", "a{x}", "a{", "a*?", "a+?b?", "a??", "a{1,2}?",
    "(ab)+", "(a|ab)(c|bcd)", "(a*)*", "(a*)+b", "(|a)*", "(a+)+b", "(a|a)*c", "(.*a){3}",
    "(?i)abc", "(?i:a)b", "(?i)a(?-i)b", "(?i)k", "(?i)s", "(?i)[a-c]+", "(?i)[^a]", "(?i)é", "(?U)a+",
    "(?P<n>a)b", "((?i)a)a", "(?)a",
    "^a$", "a$", "^a", "a^b", "(^a|b)c", "(?m)a$\nb", "(?m)^b", #"\Aa\z"#, #"a\b b"#, #"a\bb"#, #"a\Bb"#,
    #"\b"#, #"\bab\b"#,
  ]

  static let strings: [String] = [
    "", "a", "aa", "aaa", "ab", "abc", "AbC", "ABC", "A", "AB", "Aa", "AA", "b", "ac", "abcd", "bc",
    "a.b", "a-b", "a\nb", "\n", "v1", "v2", "v12", "support-bot", "my-support-bot", "support-",
    "1", "123", "٣", "_", " ", "\t", "a b", "ab ", "]", "-", "é", "É", "k", "K", "\u{212A}", "s", "S",
    "ſ", "héllo", "Ω", "a{,2}", "a{x}", "a{", "aab", "b!", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
    "aaaaab", "aaac", "baaa", "x", "ab.", "a.a.a",
  ]

  /// Patterns RE2 refuses; each must be refused by ``LabelRegex`` too, with RE2's message.
  static let refused: [String] = [
    #"(a)\1"#, "(?=a)", "(?!a)", "(?<=a)b", "(?<!a)b", "a**", "a++", "a*??", "a{2}{3}", "a{1001}", "a{2,1}",
    "(a{1000}){1000}", "(a{100}){100}", "((a{10}){10}){11}", "*a", "a|+", "{2}", "(a", "a)", "[a", "[]",
    "[z-a]", #"[a-\d]"#, "[[:foo:]]", #"\C"#, #"\8"#, #"\e"#, #"\Z"#, #"\x{110000}"#, "a\\", "(?x)a",
    "(?i-)a",
    "(?P=n)", "(?P<>a)", #"\Qab"#, #"(\Qa)"#,
  ]

  static let promtool: URL? = PromtoolDifferentialTests.promtool
  static let required = PromtoolDifferentialTests.required

  /// `text` as a PromQL double-quoted string literal.
  static func promQLString(_ text: String) -> String {
    var out = "\""
    for u in text.unicodeScalars {
      switch u {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }

  /// Runs promtool with `arguments` in `dir`; its exit status and output.
  static func run(_ promtool: URL, _ arguments: [String], in dir: URL) throws -> (Int32, String) {
    let o = try ChildProcess.run(promtool, arguments, currentDirectory: dir, timeoutSeconds: 300)
    return (o.signalled ? -1 : o.status, o.text + String(decoding: o.stderr, as: UTF8.self))
  }

  static func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "flightdeck-regex-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  static func json(_ value: Any) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
  }

  @Test(
    .enabled(
      if: promtool != nil || required,
      "promtool not found on PATH (Debian: apt-get install prometheus); set CI=true to require it"))
  func matchesEqualPrometheus() throws {
    let promtool = try #require(Self.promtool, "CI=true but promtool is not installed")
    let positives = try Self.expectPrometheusAgrees(promtool, patterns: Self.patterns, strings: Self.strings)
    #expect(positives > 100)
  }

  /// Patterns whose answers depend on case folding (issue 11 breaker, R1:
  /// 55 of its 301 patterns disagreed, nearly all here): classes with
  /// members outside ASCII, negated classes under `(?i)`, dotless i, ß/ẞ.
  static let foldPatterns: [String] = [
    "(?i)[[:upper:]]", "(?i)[[:lower:]]+", #"(?i)\p{Lu}"#, #"(?i)\p{Ll}+"#, "(?i)[^K]", "(?i)[^k]", "(?i)ß",
    "(?i)ß+", "(?i)ẞ", "(?i)ı", "(?i)i", "(?i)I", "(?i)İ", "(?i)[a-z]+", "(?i)[^a-z]", #"(?i)\w"#,
    "(?i)[[:word:]]+", "(?i)[[:^upper:]]", "(?i)[^[:upper:]]", #"(?i)\P{Lu}"#, #"(?i)\PL"#, #"(?i)[^\p{Lu}]"#,
    "(?i)[ſ]", "(?i)[^ſ]", "(?i)[K]", #"(?i)[\x{212A}]"#, "(?i)[µ]", "(?i)[ς]", "(?i)[ϐ]", "(?i)[A-Z]+",
    "(?i)[^A-Z]", "(?i)[[:^lower:]]", #"(?i)\W"#, #"(?i)[\W]"#, #"(?i)[^\w]"#, #"(?i)[\P{Lu}]"#,
    #"(?i)[\PL]"#, #"(?i)[\p{^Lu}]"#, #"(?i)\p{^Lu}"#, #"(?i)[^\P{Lu}]"#, "(?i)[ẞ]", "(?i)[ǅ]", "(?i)[Ω]",
    #"(?i)[\x{2126}]"#, #"(?i)[\x{345}]"#, "(?i)[[:alpha:]]", "(?i)[[:^alpha:]]", #"(?i)[^\W]"#,
    "(?i)[[:^word:]]", #"(?i)[\x{1E9E}]"#, "(?i)[α-ω]+", "(?i)[σ]", "(?i)[^σ]", #"(?i)[\x{C0}-\x{FF}]"#,
    #"(?i)[^\x{100}-\x{24F}]"#, #"(?i)\pL"#, #"(?i)\p{Lt}"#, #"(?i)\pM"#, #"(?i)[\p{Lt}\d]"#,
    #"\x{D800}"#, #"a\x{D800}?b"#, #"[\x{D7FF}-\x{E000}]"#,
  ]

  /// Every member of every orbit longer than a pair (`K k K`, `Σ ς σ`,
  /// `В в ᲀ`...), read from the table, with the irregular pairs `ß ẞ`,
  /// `Ꭰ ꭰ`, the lone `ı İ` and their ASCII neighbours.
  static var foldStrings: [String] {
    var members: Set<UInt32> = [
      0xDF, 0x1E9E, 0x13A0, 0xAB70, 0x131, 0x130, 0x69, 0x49, 0x61, 0x31, 0xD7FF, 0xE000,
    ]
    let t = LabelRegexCaseFold.orbitNext
    for i in stride(from: 0, to: t.count, by: 2) where LabelRegexCaseFold.next(t[i + 1]) != t[i] {
      members.insert(t[i])
    }
    return members.sorted().map { String(Character(Unicode.Scalar($0)!)) } + ["ss", "ΑΒΓ", "ǅǆ", "Ab1", ""]
  }

  @Test(
    .enabled(
      if: promtool != nil || required,
      "promtool not found on PATH (Debian: apt-get install prometheus); set CI=true to require it"))
  func caseFoldingEqualsPrometheus() throws {
    let promtool = try #require(Self.promtool, "CI=true but promtool is not installed")
    let strings = Self.foldStrings
    #expect(strings.count > 90)
    // Each orbit member as a literal, a class and a negated class.
    var patterns = Self.foldPatterns
    for s in strings where s.unicodeScalars.count == 1 {
      let hex = String(s.unicodeScalars.first!.value, radix: 16)
      patterns += [#"(?i)\x{"# + hex + "}", #"(?i)[\x{"# + hex + "}]", #"(?i)[^\x{"# + hex + "}]"]
    }
    let positives = try Self.expectPrometheusAgrees(promtool, patterns: patterns, strings: strings)
    #expect(positives > 1_000)
  }

  /// Asks promtool whether Prometheus matches exactly the strings
  /// ``AlertLabelMatcher`` matches, for every pattern; the number of
  /// (pattern, string) pairs that match.
  static func expectPrometheusAgrees(_ promtool: URL, patterns: [String], strings: [String]) throws -> Int {
    // The file is JSON, which YAML reads as is.
    let series: [[String: Any]] = strings.enumerated().map { k, s in
      ["series": "x{i=\"\(k)\",l=\(Self.promQLString(s))}", "values": "1"]
    }
    var tests: [[String: Any]] = []
    var positives = 0
    for pattern in patterns {
      let matcher = try AlertLabelMatcher.validated(name: "l", op: .regex, value: pattern)
      let hits = strings.indices.filter { matcher.matches(["l": strings[$0]]) }
      positives += hits.count
      tests.append([
        "expr": "count by (i) (x{l=~\(Self.promQLString(pattern))})", "eval_time": "0m",
        "exp_samples": hits.map { ["labels": "{i=\"\($0)\"}", "value": 1] },
      ])
    }
    let file: [String: Any] = [
      "rule_files": ["rules.yml"], "evaluation_interval": "1m",
      "tests": [["interval": "1m", "input_series": series, "promql_expr_test": tests]],
    ]
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "groups: []\n".write(to: dir.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
    try Self.json(file).write(to: dir.appendingPathComponent("test.yml"), atomically: true, encoding: .utf8)
    let (status, text) = try Self.run(promtool, ["test", "rules", "test.yml"], in: dir)
    #expect(status == 0, "promtool disagrees:\n\(text.prefix(6000))")
    return positives
  }

  @Test(
    .enabled(
      if: promtool != nil || required,
      "promtool not found on PATH (Debian: apt-get install prometheus); set CI=true to require it"))
  func refusalsEqualPrometheus() throws {
    let promtool = try #require(Self.promtool, "CI=true but promtool is not installed")
    let all = Self.refused + Self.patterns
    let rules: [[String: Any]] = all.enumerated().map { k, p in
      ["record": "r\(k)", "expr": "x{l=~\(Self.promQLString(p))}"]
    }
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.json(["groups": [["name": "g", "rules": rules]]]).write(
      to: dir.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8)
    let (_, text) = try Self.run(promtool, ["check", "rules", "rules.yml"], in: dir)
    // `rules.yml: 1:54: group "g", rule 3, "r2": could not parse expression: 1:3: parse error: error parsing regexp: MESSAGE: `FRAGMENT``
    var prometheus: [Int: String] = [:]
    for line in text.split(separator: "\n") {
      guard let r = line.range(of: #", rule "#), let e = line.range(of: "error parsing regexp: ") else {
        continue
      }
      let number = line[r.upperBound...].prefix { $0.isNumber }
      let message = line[e.upperBound...].components(separatedBy: ": `").first ?? ""
      prometheus[Int(number)! - 1] = message
    }
    #expect(prometheus.count == Self.refused.count, "promtool output:\n\(text.prefix(4000))")
    for (k, pattern) in all.enumerated() {
      var ours: String? = nil
      do {
        _ = try LabelRegex(pattern)
      } catch {
        ours = error.message
      }
      switch (prometheus[k], ours) {
      case (nil, nil): break
      case (let theirs?, let ours?):
        // Prometheus compiles `^(?:` + pattern + `)$`, so a trailing `\` escapes its `)`.
        let expected = pattern.hasSuffix("\\") ? "trailing backslash at end of expression" : theirs
        #expect(ours.hasPrefix(expected), "\(pattern): Prometheus says \(theirs), FlightDeck \(ours)")
      default:
        Issue.record("\(pattern): Prometheus \(prometheus[k] ?? "accepts"), FlightDeck \(ours ?? "accepts")")
      }
    }
  }
}

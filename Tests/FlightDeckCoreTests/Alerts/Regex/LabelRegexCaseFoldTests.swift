import Testing

@testable import FlightDeckCore

/// `(?i)` as Go's `regexp/syntax` folds: orbits of `unicode.SimpleFold`
/// worked out by hand from CaseFolding.txt (status C and S), and classes
/// folded before they are negated (issue 11 breaker, R1).
@Suite struct LabelRegexCaseFoldTests {
  /// Orbits in `SimpleFold` order (each member's next is the one after it,
  /// the last's is the first), read off CaseFolding.txt by hand: `K`, `k`
  /// and KELVIN SIGN fold to `k`; `S`, `s`, LONG S to `s`; MICRO SIGN, `Μ`,
  /// `μ` to `μ`; `ẞ` (S status) to `ß`; `Ǆ`, `ǅ`, `ǆ` to `ǆ`; `Ω`, `ω`, OHM
  /// SIGN to `ω`; `Θ`, `θ`, `ϑ`, `ϴ` to `θ`; U+0345, `Ι`, `ι`, U+1FBE to `ι`;
  /// `Σ`, `ς`, `σ` to `σ`; Cherokee `Ꭰ` U+13A0 with `ꭰ` U+AB70 (folded to the
  /// uppercase); `i` only with `I` (the dotted/dotless pairs are Turkic, T status).
  static let orbits: [[UInt32]] = [
    [0x4B, 0x6B, 0x212A], [0x53, 0x73, 0x17F], [0xB5, 0x39C, 0x3BC], [0xDF, 0x1E9E],
    [0x1C4, 0x1C5, 0x1C6], [0x3A9, 0x3C9, 0x2126], [0x398, 0x3B8, 0x3D1, 0x3F4],
    [0x345, 0x399, 0x3B9, 0x1FBE], [0x3A3, 0x3C2, 0x3C3], [0x13A0, 0xAB70], [0x49, 0x69], [0x41, 0x61],
    [0xC9, 0xE9],
  ]

  /// Scalars with no simple case folding and none folding to them: alone.
  /// Dotless ı, İ (only Turkic or full foldings), `ʰ` (no case), a digit.
  static let alone: [UInt32] = [0x131, 0x130, 0x2B0, 0x31, 0x1F600]

  @Test func orbitsAreGoSimpleFoldOrbits() {
    for orbit in Self.orbits {
      for (k, c) in orbit.enumerated() {
        #expect(LabelRegexCaseFold.next(c) == orbit[(k + 1) % orbit.count], "next of \(c)")
        #expect(LabelRegexCaseFold.minimum(c) == orbit[0], "minimum of \(c)")
      }
    }
    for c in Self.alone {
      #expect(LabelRegexCaseFold.next(c) == c && !LabelRegexCaseFold.folds(c), "\(c) folds")
      #expect(LabelRegexCaseFold.minimum(c) == c)
    }
  }

  /// The generated table: ascending, every entry's walk returns to it within
  /// four steps through entries of the table (each orbit closed), and the
  /// next is the next larger member (the smallest after the largest).
  @Test func tableOrbitsAreClosedAndOrdered() {
    let t = LabelRegexCaseFold.orbitNext
    #expect(t.count % 2 == 0 && t.count > 2_000)
    var keys = Set<UInt32>()
    for i in stride(from: 0, to: t.count, by: 2) {
      if i > 0 { #expect(t[i - 2] < t[i]) }
      keys.insert(t[i])
    }
    for i in stride(from: 0, to: t.count, by: 2) {
      var orbit = [t[i]]
      var f = t[i + 1]
      while f != t[i] && orbit.count <= 4 {
        #expect(keys.contains(f))
        orbit.append(f)
        f = LabelRegexCaseFold.next(f)
      }
      #expect(f == t[i] && orbit.count >= 2 && orbit.count <= 4, "orbit of \(t[i])")
      let sorted = orbit.sorted()
      let k = sorted.firstIndex(of: t[i])!
      #expect(t[i + 1] == sorted[(k + 1) % sorted.count], "next of \(t[i])")
    }
  }

  /// `(pattern, text, matches)`: what Prometheus (promtool 2.42) answers;
  /// the fold-sensitive patterns of the breaker's differential run.
  static let cases: [(String, String, Bool)] = [
    // Literals fold over whole orbits, both ways; ı and İ fold with nothing.
    ("(?i)ß", "ẞ", true), ("(?i)ẞ", "ß", true), ("(?i)ß", "ss", false), ("(?i)k", "\u{212A}", true),
    ("(?i)\u{212A}", "k", true), ("(?i)i", "ı", false), ("(?i)I", "ı", false), ("(?i)ı", "i", false),
    ("(?i)ı", "I", false), ("(?i)ı", "ı", true), ("(?i)i", "İ", false), ("(?i)σ", "ς", true),
    ("(?i)ǅ", "ǆ", true), ("(?i)µ", "Μ", true), ("(?i)\\x{345}", "ι", true), ("(?i)θ", "ϴ", true),
    // Class members fold over their orbits, non-ASCII ones included.
    ("(?i)[ſ]", "S", true), ("(?i)[ſ]", "s", true), ("(?i)[K]", "\u{212A}", true),
    ("(?i)[\\x{212A}]", "k", true), ("(?i)[µ]", "μ", true), ("(?i)[ς]", "Σ", true), ("(?i)[ϐ]", "β", true),
    ("(?i)[ẞ]", "ß", true), ("(?i)[ǅ]", "Ǆ", true), ("(?i)[Ω]", "\u{2126}", true),
    ("(?i)[\\x{345}]", "ι", true),
    ("(?i)[A-Z]", "\u{212A}", true), ("(?i)[A-Z]", "ſ", true), ("(?i)[a-z]", "ı", false),
    ("(?i)[[:upper:]]", "\u{212A}", true), ("(?i)[[:lower:]]", "ı", false), ("(?i)\\w", "ı", false),
    ("(?i)\\w", "ſ", true), ("(?i)[[:alpha:]]", "ı", false),
    // Folded, then negated.
    ("(?i)[^K]", "\u{212A}", false), ("(?i)[^ſ]", "s", false), ("(?i)[^A-Z]", "\u{212A}", false),
    ("(?i)[^A-Z]", "ı", true), ("(?i)[^a-z]", "ı", true), ("(?i)[^\\w]", "ı", true),
    ("(?i)[[:^upper:]]", "a", false), ("(?i)[[:^upper:]]", "A", false), ("(?i)[[:^upper:]]", "1", true),
    ("(?i)[[:^upper:]]", "ſ", false), ("(?i)[[:^upper:]]", "ı", true),
    ("(?i)[^[:upper:]]", "\u{212A}", false),
    ("(?i)[[:^lower:]]", "K", false), ("(?i)\\W", "\u{212A}", false), ("(?i)\\W", "ſ", false),
    ("(?i)\\W", "ı", true), ("(?i)[\\W]", "ſ", false), ("(?i)[[:^word:]]", "\u{212A}", false),
    ("(?i)[[:^alpha:]]", "ſ", false), ("(?i)[^\\W]", "\u{212A}", true), ("(?i)[^\\W]", "ſ", true),
    // Unicode categories: a scalar is in the folded `\p{Lu}` when one of its orbit is Lu.
    ("(?i)\\p{Lu}", "ß", true), ("(?i)\\p{Lu}", "a", true), ("(?i)\\p{Lu}", "ı", false),
    ("(?i)\\P{Lu}", "a", false), ("(?i)\\P{Lu}", "é", false), ("(?i)\\P{Lu}", "ı", true),
    ("(?i)\\P{Lu}", "1", true), ("(?i)\\p{^Lu}", "ß", false), ("(?i)[\\P{Lu}]", "ǅ", false),
    ("(?i)[\\p{^Lu}]", "σ", false), ("(?i)[^\\P{Lu}]", "a", true), ("(?i)[^\\P{Lu}]", "ı", false),
    ("(?i)[^\\p{Lu}]", "ı", true), ("(?i)[^\\p{Lu}]", "ß", false), ("(?i)\\PL", "\u{345}", false),
    ("(?i)[\\PL]", "\u{345}", false), ("\\PL", "\u{345}", true), ("(?i)\\p{Ll}+", "ΑΒΓ", true),
    // Without (?i) nothing folds.
    ("[^K]", "\u{212A}", true), ("[[:^upper:]]", "a", true), ("\\P{Lu}", "a", true), ("ß", "ẞ", false),
  ]

  @Test func foldedClassesAreNegatedAfterFolding() throws {
    for (pattern, text, expected) in Self.cases {
      let re = try LabelRegex(pattern)
      #expect(re.matches(text) == expected, "\(pattern) against \(text.debugDescription)")
    }
  }

  /// Go's `appendFoldedRange` adds the orbit of every member: the folded
  /// `[\x{0}-\x{10FFFF}]` is still everything, a folded wide range adds only
  /// orbit members outside it, and the fold of a class of 20,000 scalars is
  /// built without a per-member walk of the table.
  @Test func foldingWideRangesAddsOnlyOrbits() throws {
    let all = try LabelRegex(#"(?i)[\x{0}-\x{10FFFF}]"#)
    #expect(all.matches("\u{10FFFF}") && all.matches("\u{0}"))
    let none = try LabelRegex(#"(?i)[^\x{0}-\x{10FFFF}]"#)
    #expect(!none.matches("a") && !none.matches("\u{212A}"))
    // Latin-1 letters À-ÿ: ÿ brings Ÿ (U+0178), ß brings ẞ (U+1E9E); µ (U+00B5) is below the range.
    let latin1 = try LabelRegex(#"(?i)[\x{C0}-\x{FF}]"#)
    for s in ["Ÿ", "ẞ", "é", "É"] { #expect(latin1.matches(s), "\(s)") }
    for s in ["µ", "Μ", "μ"] { #expect(!latin1.matches(s), "\(s)") }
    for s in ["ı", "A", "Ā"] { #expect(!latin1.matches(s), "\(s)") }
    let members = (0..<20_000).map { Unicode.Scalar(UInt32(0x4E00 + $0))! }
    let cjk = try LabelRegex("(?i)[" + String(String.UnicodeScalarView(members)) + "k]+")
    #expect(cjk.matches("\u{4E00}\u{212A}K"))
  }

  /// RE2 accepts a surrogate code point (`\x{D800}`); no scalar of a label
  /// value is one, so it matches nothing (Go decodes bad UTF-8 as U+FFFD).
  @Test func surrogateEscapesAreAcceptedAndMatchNothing() throws {
    #expect(try !LabelRegex(#"\x{D800}"#).matches("\u{FFFD}"))
    #expect(try LabelRegex(#"a\x{D800}?b"#).matches("ab"))
    #expect(try LabelRegex(#"(?i)a\x{DFFF}?b"#).matches("AB"))
    let around = try LabelRegex(#"[\x{D7FF}-\x{E000}]"#)
    #expect(around.matches("\u{D7FF}") && around.matches("\u{E000}") && !around.matches("\u{FFFD}"))
  }

  /// `\Q` without `\E` swallows Prometheus's closing `)$`: refused as RE2 refuses it.
  @Test func unterminatedQuoteIsRefused() throws {
    for pattern in [#"\Qab"#, #"\Q"#, #"(\Qa)"#, #"a|\Qb\"#] {
      do {
        _ = try LabelRegex(pattern)
        Issue.record("\(pattern) accepted")
      } catch {
        #expect(error.message == "missing closing )", "\(pattern)")
      }
    }
    #expect(try LabelRegex(#"\Qa)\E"#).matches("a)"))
  }
}

import FlightDeckTUI
import Testing

@Suite struct SanitizerTests {
  @Test func escapeSequencesBecomeVisibleText() {
    // ESC = U+001B, BEL = U+0007: clear screen (CSI 2J) and set title (OSC 0).
    let hostile = "gpt\u{1b}[2J\u{1b}]0;owned\u{07}"
    let clean = Sanitizer.sanitize(hostile)
    #expect(clean == #"gpt\x1B[2J\x1B]0;owned\x07"#)
    #expect(!clean.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
  }

  @Test func c0DelAndC1AreEscapedAsHex() {
    #expect(Sanitizer.sanitize("a\nb\tc\r") == #"a\x0Ab\x09c\x0D"#)
    #expect(Sanitizer.sanitize("\r\n") == #"\x0D\x0A"#)  // one grapheme, two scalars
    #expect(Sanitizer.sanitize("\u{7F}") == #"\x7F"#)
    #expect(Sanitizer.sanitize("\u{00}") == #"\x00"#)
    #expect(Sanitizer.sanitize("x\u{9B}31m") == #"x\x9B31m"#)  // 8-bit CSI
    #expect(Sanitizer.sanitize("\u{85}") == #"\x85"#)  // NEL
  }

  @Test func bidiControlsAreEscaped() {
    #expect(Sanitizer.sanitize("\u{202E}cba") == #"\u{202E}cba"#)
    #expect(Sanitizer.sanitize("a\u{2066}b\u{2069}") == #"a\u{2066}b\u{2069}"#)
    #expect(Sanitizer.sanitize("\u{200E}\u{200F}\u{061C}") == #"\u{200E}\u{200F}\u{061C}"#)
    #expect(Sanitizer.sanitize("\u{2028}") == #"\u{2028}"#)
  }

  @Test func printableTextIsKept() {
    for s in ["gpt-4o-mini", "界 😀 ❤️", "e\u{301}", "\u{301}x", "\u{FFFD}", #"C:\Users\d+\"#, "👩‍💻"] {
      #expect(Sanitizer.sanitize(s) == s)
    }
  }

  /// Issue 11, F11: a real ESC and the typed text `\x1B` (backslash, x, 1,
  /// B) must not look the same; the typed backslash is doubled.
  @Test func aRealEscapeAndItsTypedSpellingShowApart() {
    #expect(Sanitizer.sanitize("osc\u{1B}]0;PWN\u{07}end") == #"osc\x1B]0;PWN\x07end"#)
    #expect(Sanitizer.sanitize(#"osc\x1B]0;PWN\x07end"#) == #"osc\\x1B]0;PWN\\x07end"#)
    #expect(Sanitizer.sanitize(#"a\u{202E}"#) == #"a\\u{202E}"#)
    // A backslash before a scalar that is escaped is doubled too: `\` + ESC.
    #expect(Sanitizer.sanitize("\\\u{1B}") == #"\\\x1B"#)
    // Space look-alikes are shown: a no-break space is not a space.
    #expect(Sanitizer.sanitize("ws\u{A0}") == #"ws\xA0"#)
    #expect(Sanitizer.sanitize("a\u{2009}b\u{3000}") == #"a\u{2009}b\u{3000}"#)
  }

  @Test func invisibleLookalikeCharactersAreShown() {
    // "zw\u{200B}join" would look like "zwjoin".
    #expect(Sanitizer.sanitize("zw\u{200B}join") == #"zw\u{200B}join"#)
    #expect(Sanitizer.sanitize("a\u{FEFF}b\u{2060}c") == #"a\u{FEFF}b\u{2060}c"#)
    #expect(Sanitizer.sanitize("soft\u{AD}hyphen") == #"soft\xADhyphen"#)
    // ZWJ stays where it joins an emoji sequence, as do variation selectors
    // after a pictograph (❤️, ❤️‍🔥, a skin tone then ZWJ).
    for emoji in ["👩\u{200D}💻", "❤\u{FE0F}", "❤\u{FE0F}\u{200D}🔥", "👩🏽\u{200D}💻"] {
      #expect(Sanitizer.sanitize(emoji) == emoji)
    }
    // Between letters or after a digit they are invisible: escaped (issue
    // 11 breaker, E1), as every other format character and default-ignorable
    // code point, and the blank-looking fillers.
    let cases: [(String, String)] = [
      ("z\u{200D}j", #"z\u{200D}j"#), ("z\u{200C}j", #"z\u{200C}j"#), ("v1\u{FE0F}", #"v1\u{FE0F}"#),
      ("t\u{E0041}\u{E0042}g", #"t\u{E0041}\u{E0042}g"#), ("a\u{FFF9}b", #"a\u{FFF9}b"#),
      ("a\u{034F}b", #"a\u{034F}b"#), ("a\u{17B4}b", #"a\u{17B4}b"#), ("h\u{3164}f", #"h\u{3164}f"#),
      ("h\u{115F}f", #"h\u{115F}f"#), ("h\u{FFA0}f", #"h\u{FFA0}f"#), ("b\u{2800}b", #"b\u{2800}b"#),
    ]
    for (raw, shown) in cases { #expect(Sanitizer.sanitize(raw) == shown) }
  }
}

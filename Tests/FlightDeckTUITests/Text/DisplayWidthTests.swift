import FlightDeckTUI
import Testing

@Suite struct DisplayWidthTests {
  // Hand-checked against UAX #11 (EastAsianWidth.txt) and UTS #51.
  @Test(arguments: [
    ("界", 2),  // U+754C, CJK Unified Ideographs: W
    ("😀", 2),  // U+1F600, Emoji_Presentation
    ("\u{2764}\u{FE0F}", 2),  // ❤️: text-default heart + VS16
    ("\u{2764}", 1),  // ❤ alone: not Emoji_Presentation, EAW Neutral
    ("👩‍💻", 2),  // U+1F469 ZWJ U+1F4BB
    ("e\u{301}", 1),  // e + combining acute
    ("a", 1),
    ("한", 2),  // U+D55C, Hangul syllable: W
    ("ｱ", 1),  // U+FF71 halfwidth katakana: H
    ("Ａ", 2),  // U+FF21 fullwidth A: F
    ("🇩🇪", 2),  // regional indicator pair
    ("\u{1F1E9}", 1),  // a lone regional indicator
    ("👍🏽", 2),  // U+1F44D + skin tone modifier
    ("⌚", 2),  // U+231A: W in the BMP
    ("☺", 1),  // U+263A: Neutral, text presentation
    ("\u{301}", 0),  // lone combining mark
    ("\u{200D}", 0),  // lone ZWJ (Cf)
    ("…", 1),  // U+2026: Ambiguous → narrow
    ("\u{3000}", 2),  // ideographic space: F
    ("\u{4DC0}", 1),  // Yijing hexagram: N (between two W blocks)
    ("\u{1100}\u{1161}", 2),  // conjoining jamo L + V
  ])
  func widthOfGrapheme(text: String, expected: Int) {
    #expect(text.count == 1)
    #expect(DisplayWidth.of(Character(text)) == expected)
  }

  @Test func stringWidthIsSumOfClusters() {
    // a(1) + 界(2) + 😀(2) + e+◌́(1) + ｱ(1) = 7
    #expect(DisplayWidth.of("a界😀e\u{301}ｱ") == 7)
    #expect(DisplayWidth.of("") == 0)
    #expect(DisplayWidth.of("gpt-4o") == 6)
  }

  @Test func wideTableIsSortedAndDisjoint() {
    let r = DisplayWidth.wideRanges
    for i in 1..<r.count {
      #expect(r[i - 1].upperBound < r[i].lowerBound, "ranges \(i - 1) and \(i) overlap or are unsorted")
    }
  }

  @Test func tableBoundariesAreInclusive() {
    // First and last of the Hangul syllables block, and the code points around it.
    #expect(DisplayWidth.isWide(Unicode.Scalar(0xAC00)!))
    #expect(DisplayWidth.isWide(Unicode.Scalar(0xD7A3)!))
    #expect(!DisplayWidth.isWide(Unicode.Scalar(0xD7A4)!))
    #expect(!DisplayWidth.isWide(Unicode.Scalar(0xABFF)!))
    #expect(DisplayWidth.isWide(Unicode.Scalar(0x20000)!))  // CJK Ext. B
  }
}

import FlightDeckTerminal
import Testing

@Suite struct GlyphPlanTests {
  /// glibc wcwidth values for the scalars used below (checked with the
  /// C.UTF-8 locale): ASCII 1, 界 2, 😀 👩 💻 👍 🏽 2, ❤ U+2764 1,
  /// VS16 U+FE0F 0, ZWJ U+200D 0, U+0301 combining acute 0.
  func width(_ v: UInt32) -> Int {
    switch v {
    case 0x754C, 0x1F600, 0x1F469, 0x1F4BB, 0x1F44D, 0x1F3FD: return 2
    case 0xFE0F, 0x200D, 0x301: return 0
    case 0x20...0x7E, 0x2764: return 1
    default: return -1
    }
  }

  func plan(_ g: String, _ w: Int) -> GlyphPlan { GlyphPlan.make(grapheme: g, cellWidth: w, width: width) }

  @Test func plainAndWide() {
    #expect(plan("a", 1) == GlyphPlan(scalars: [0x61]))
    #expect(plan("界", 2) == GlyphPlan(scalars: [0x754C]))
    #expect(plan("😀", 2) == GlyphPlan(scalars: [0x1F600]))
  }

  @Test func combiningMarksAreKept() {
    #expect(plan("e\u{301}", 1) == GlyphPlan(scalars: [0x65, 0x301]))
  }

  @Test func vs16EmojiBecomesTextGlyphPlusBlank() {
    #expect(plan("❤️", 2) == GlyphPlan(scalars: [0x2764], padColumns: 1))
  }

  @Test func zwjAndModifierTailsAreDropped() {
    #expect(plan("👩‍💻", 2) == GlyphPlan(scalars: [0x1F469]))
    #expect(plan("👍🏽", 2) == GlyphPlan(scalars: [0x1F44D]))
  }

  @Test func controlsAndUnknownsBecomeQuestionMarks() {
    #expect(plan("\u{1B}", 1) == GlyphPlan(scalars: [0x3F]))
    #expect(plan("a\u{9B}", 1) == GlyphPlan(scalars: [0x3F]))
    #expect(plan("\u{7F}", 1) == GlyphPlan(scalars: [0x3F]))
    #expect(plan("\u{10FFFD}", 2) == GlyphPlan(scalars: [0x3F], padColumns: 1))  // width -1
    #expect(plan("\u{301}", 1) == GlyphPlan(scalars: [0x3F]))  // leading combining mark
  }

  @Test func widthDisagreementNarrowCell() {
    #expect(plan("界", 1) == GlyphPlan(scalars: [0x3F]))
  }

  @Test func emptyGraphemeIsBlank() {
    #expect(plan("", 1) == GlyphPlan(scalars: [0x20]))
  }

  @Test func scalarCountIsCapped() {
    let g = "e" + String(repeating: "\u{301}", count: 7)
    #expect(GlyphPlan.make(grapheme: g, cellWidth: 1, maxScalars: 5, width: width).scalars.count == 5)
  }
}

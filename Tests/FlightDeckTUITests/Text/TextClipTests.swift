import FlightDeckTUI
import Testing

@Suite struct TextClipTests {
  @Test func fittingTextIsUnchanged() {
    #expect(TextClip.clip("hello", maxWidth: 5) == "hello")
    #expect(TextClip.clip("界界", maxWidth: 4) == "界界")
  }

  @Test func clipsByWidthWithEllipsis() {
    // 11 columns into 5: 4 columns of text + "…".
    #expect(TextClip.clip("hello world", maxWidth: 5) == "hell…")
    // 界界界 is 6 columns; into 5: 界界 (4) + … (1).
    #expect(TextClip.clip("界界界", maxWidth: 5) == "界界…")
    // a界界 is 5 columns; into 4: room 3 = a(1)+界(2), then …
    #expect(TextClip.clip("a界界", maxWidth: 4) == "a界…")
    #expect(TextClip.clip("hello", maxWidth: 1) == "…")
    #expect(TextClip.clip("hello", maxWidth: 0) == "")
  }

  @Test func wideGlyphIsNeverSplit() {
    // ab界c is 5 columns; into 4: room 3 = ab(2), 界 needs 2 → pad 1 space.
    let clipped = TextClip.clip("ab界c", maxWidth: 4)
    #expect(clipped == "ab …")
    #expect(DisplayWidth.of(clipped) == 4)
    // Count-based clipping would keep 3 characters "ab界" = 4 columns + … = 5.
    #expect("ab界c".count == 4)
  }

  @Test func asciiEllipsis() {
    #expect(TextClip.clip("latency", maxWidth: 4, ellipsis: "~") == "lat~")
  }

  @Test func fitPadsToExactWidth() {
    #expect(TextClip.fit("ab", width: 4) == "ab  ")
    #expect(TextClip.fit("ab", width: 4, alignment: .right) == "  ab")
    #expect(TextClip.fit("界", width: 3, alignment: .right) == " 界")
    #expect(TextClip.fit("abcdef", width: 4, alignment: .right) == "abc…")
  }
}

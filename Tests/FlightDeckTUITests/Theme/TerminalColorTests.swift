import FlightDeckTUI
import Testing

@Suite struct TerminalColorTests {
  @Test(arguments: [
    ("#ff8800", TerminalColor.rgb(255, 136, 0)),
    ("#FF8800", .rgb(255, 136, 0)),
    ("#f80", .rgb(255, 136, 0)),  // each digit doubled: f→ff, 8→88, 0→00
    (" 196 ", .indexed(196)),
    ("0", .indexed(0)),
    ("255", .indexed(255)),
    ("red", .indexed(1)),
    ("bright_red", .indexed(9)),
    ("Bright_White", .indexed(15)),
    ("default", .terminalDefault),
    ("", .terminalDefault),
  ])
  func parsesValidValues(text: String, expected: TerminalColor) {
    #expect(TerminalColor.parse(text) == expected)
  }

  @Test(arguments: ["#ggg", "#12345", "#1234567", "256", "-1", "reddish", "rgb(1,2,3)", "１２"])
  func rejectsInvalidValues(text: String) {
    #expect(TerminalColor.parse(text) == nil)
  }

  @Test func quantiseToPalettes() {
    // #ff0000 is exactly cube entry (5,0,0) = 16 + 36·5 = 196, ANSI 9 (255,0,0) on 16
    // colours, and nearest ANSI 1 (205,0,0; distance 50²) on 8.
    #expect(TerminalColor.rgb(255, 0, 0).paletteIndex(colorCount: 256) == 196)
    #expect(TerminalColor.rgb(255, 0, 0).paletteIndex(colorCount: 16) == 9)
    #expect(TerminalColor.rgb(255, 0, 0).paletteIndex(colorCount: 8) == 1)
    // #808080: grey ramp 232 + k with 8 + 10k = 128 → k = 12 → 244 (exact); the cube's
    // nearest (135,135,135) is 7² · 3 = 147 away. On 16: ANSI 8 (127,127,127), distance 3.
    #expect(TerminalColor.rgb(128, 128, 128).paletteIndex(colorCount: 256) == 244)
    #expect(TerminalColor.rgb(128, 128, 128).paletteIndex(colorCount: 16) == 8)
    // #87afd7 = cube levels (2,3,4) → 16 + 72 + 18 + 4 = 110.
    #expect(TerminalColor.rgb(0x87, 0xAF, 0xD7).paletteIndex(colorCount: 256) == 110)
    // Index 200 on 16 colours: xterm (255,0,215) → ANSI 13 (255,0,255), distance 40².
    #expect(TerminalColor.indexed(200).paletteIndex(colorCount: 16) == 13)
    #expect(TerminalColor.indexed(5).paletteIndex(colorCount: 8) == 5)
    #expect(TerminalColor.terminalDefault.paletteIndex(colorCount: 256) == -1)
    #expect(TerminalColor.rgb(255, 0, 0).paletteIndex(colorCount: 2) == -1)
  }

  @Test func xtermPalette() {
    #expect(TerminalColor.xtermRGB(196) == (255, 0, 0))
    #expect(TerminalColor.xtermRGB(232) == (8, 8, 8))
    #expect(TerminalColor.xtermRGB(255) == (238, 238, 238))
    #expect(TerminalColor.xtermRGB(16) == (0, 0, 0))
  }
}

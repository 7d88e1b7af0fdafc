import FlightDeckTUI
import FlightDeckTerminal
import Testing

@Suite struct KeyDecoderTests {
  let decoder = KeyDecoder(codes: .live)

  @Test func liveCodesMatchCursesHeaderValues() {
    // ncurses 6.4 curses.h octal constants: KEY_DOWN 0402 = 258, KEY_UP 0403 = 259,
    // KEY_LEFT 0404 = 260, KEY_RIGHT 0405 = 261, KEY_HOME 0406 = 262,
    // KEY_BACKSPACE 0407 = 263, KEY_F0 0410 = 264 (so F1 = 265), KEY_DC 0512 = 330,
    // KEY_NPAGE 0522 = 338, KEY_PPAGE 0523 = 339, KEY_ENTER 0527 = 343,
    // KEY_BTAB 0541 = 353, KEY_END 0550 = 360, KEY_RESIZE 0632 = 410.
    let c = CursesKeyCodes.live
    #expect(
      [c.down, c.up, c.left, c.right, c.home, c.backspace, c.function1, c.delete]
        == [258, 259, 260, 261, 262, 263, 265, 330])
    #expect([c.pageDown, c.pageUp, c.enter, c.backTab, c.end, c.resize] == [338, 339, 343, 353, 360, 410])
  }

  @Test func controlCharacters() {
    #expect(decoder.decodeCharacter(9) == .tab)
    #expect(decoder.decodeCharacter(10) == .enter)
    #expect(decoder.decodeCharacter(13) == .enter)
    #expect(decoder.decodeCharacter(27) == .escape)
    #expect(decoder.decodeCharacter(8) == .backspace)
    #expect(decoder.decodeCharacter(127) == .backspace)
    #expect(decoder.decodeCharacter(1) == .ctrl("a"))
    #expect(decoder.decodeCharacter(3) == .ctrl("c"))
    #expect(decoder.decodeCharacter(18) == .ctrl("r"))
    #expect(decoder.decodeCharacter(26) == .ctrl("z"))
  }

  @Test func droppedCharacters() {
    for value: UInt32 in [0, 28, 29, 30, 31, 0x80, 0x85, 0x9B, 0x9F, 0x202A, 0x202E, 0x2066, 0x2069, 0xD800] {
      #expect(decoder.decodeCharacter(value) == nil, "U+\(String(value, radix: 16))")
    }
  }

  @Test func printableCharacters() {
    #expect(decoder.decodeCharacter(0x20) == .char(" "))
    #expect(decoder.decodeCharacter(0x71) == .char("q"))
    #expect(decoder.decodeCharacter(0x3F) == .char("?"))
    #expect(decoder.decodeCharacter(0xA0) == .char("\u{A0}"))
    #expect(decoder.decodeCharacter(0x754C) == .char("界"))
    #expect(decoder.decodeCharacter(0x1F600) == .char("😀"))
  }

  @Test func functionKeyCodes() {
    #expect(decoder.decodeKeyCode(259) == .key(.up))
    #expect(decoder.decodeKeyCode(258) == .key(.down))
    #expect(decoder.decodeKeyCode(260) == .key(.left))
    #expect(decoder.decodeKeyCode(261) == .key(.right))
    #expect(decoder.decodeKeyCode(339) == .key(.pageUp))
    #expect(decoder.decodeKeyCode(338) == .key(.pageDown))
    #expect(decoder.decodeKeyCode(262) == .key(.home))
    #expect(decoder.decodeKeyCode(360) == .key(.end))
    #expect(decoder.decodeKeyCode(330) == .key(.delete))
    #expect(decoder.decodeKeyCode(263) == .key(.backspace))
    #expect(decoder.decodeKeyCode(343) == .key(.enter))
    #expect(decoder.decodeKeyCode(353) == .key(.backTab))
    #expect(decoder.decodeKeyCode(410) == .resize)
    // F1 = 264 + 1, F12 = 264 + 12 = 276; F13 (277) is not bound.
    #expect(decoder.decodeKeyCode(265) == .key(.function(1)))
    #expect(decoder.decodeKeyCode(276) == .key(.function(12)))
    #expect(decoder.decodeKeyCode(277) == nil)
    #expect(decoder.decodeKeyCode(264) == nil)  // KEY_F0
    #expect(decoder.decodeKeyCode(0o631) == nil)  // KEY_MOUSE
  }
}

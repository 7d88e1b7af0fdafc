import FlightDeckTUI
import Testing

@Suite struct SymbolsTests {
  /// Code point of a braille pattern from its dot numbers: U+2800 + Σ 2^(dot−1).
  private func braille(_ dots: [Int]) -> Character {
    Character(Unicode.Scalar(0x2800 + dots.reduce(0) { $0 | (1 << ($1 - 1)) })!)
  }

  @Test func brailleTableCellByCell() {
    // Left sample fills dots 7, 3, 2, 1 from the bottom; right sample 8, 6, 5, 4.
    let leftDots = [7, 3, 2, 1]
    let rightDots = [8, 6, 5, 4]
    for left in 0...4 {
      for right in 0...4 {
        let expected = braille(Array(leftDots.prefix(left)) + Array(rightDots.prefix(right)))
        #expect(Symbols.braille.graph[left * 5 + right] == expected, "left \(left) right \(right)")
      }
    }
    #expect(Symbols.braille.graph.count == 25)
    #expect(Symbols.braille.graphGlyph(left: 0, right: 0) == "\u{2800}")
    #expect(Symbols.braille.graphGlyph(left: 4, right: 4) == "\u{28FF}")  // all 8 dots
    #expect(Symbols.braille.graphGlyph(left: 4, right: 0) == "\u{2847}")  // 1+2+4+64 = 0x47
    #expect(Symbols.braille.graphGlyph(left: 1, right: 1) == "\u{28C0}")  // 64+128 = 0xC0
    #expect(Symbols.braille.graphGlyph(left: 9, right: -1) == "\u{2847}")  // clamped
  }

  @Test func blockTableMatchesQuadrants() {
    // Each sample: level 0 → no quadrant, 1–2 → lower quadrant, 3–4 → lower + upper.
    let glyphs: [Set<String>: Character] = [
      []: " ", ["LL"]: "▖", ["RL"]: "▗", ["LL", "LU"]: "▌", ["RL", "RU"]: "▐", ["LL", "RL"]: "▄",
      ["LL", "LU", "RL"]: "▙", ["LL", "RL", "RU"]: "▟", ["LL", "LU", "RL", "RU"]: "█",
    ]
    for left in 0...4 {
      for right in 0...4 {
        var q: Set<String> = []
        if left >= 1 { q.insert("LL") }
        if left >= 3 { q.insert("LU") }
        if right >= 1 { q.insert("RL") }
        if right >= 3 { q.insert("RU") }
        #expect(
          Symbols.block.graphGlyph(left: left, right: right) == glyphs[q], "left \(left) right \(right)")
      }
    }
  }

  @Test func asciiModeIsSevenBit() {
    let s = Symbols.ascii
    let all: [Character] =
      s.graph + s.barEighths + [
        s.ellipsis, s.barFull, s.barEmpty, s.box.topLeft, s.box.topRight, s.box.bottomLeft, s.box.bottomRight,
        s.box.horizontal, s.box.vertical,
      ]
    #expect(all.allSatisfy { $0.isASCII })
    #expect(s.graphGlyph(left: 0, right: 0) == " ")
    #expect(s.graphGlyph(left: 1, right: 4) == "|")
    #expect(s.graphGlyph(left: 3, right: 0) == ":")
  }

  @Test func detectFromLocale() {
    #expect(Symbols.detect(environment: ["LANG": "en_US.UTF-8"]) == .braille)
    #expect(Symbols.detect(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .ascii)
    #expect(Symbols.detect(environment: ["LC_ALL": "", "LC_CTYPE": "C.utf8"]) == .braille)
    #expect(Symbols.detect(environment: [:]) == .ascii)
    #expect(Symbols.detect(environment: ["LANG": "POSIX"]) == .ascii)
    #expect(Symbols.detect(environment: ["LANG": "de_DE.UTF-8", "TERM": "linux"]) == .block)
    #expect(Symbols.detect(environment: ["LANG": "en_US.UTF-8", "FLIGHTDECK_SYMBOLS": "ascii"]) == .ascii)
  }
}

import FlightDeckTUI
import Testing

@testable import FlightDeckTUI

/// The filter's byte search agrees with `lowercased().contains` (the rule it
/// replaces on the ASCII path) on generated names and filters, and falls back
/// to it for anything non-ASCII.
@Suite struct AppRowsFilterTests {
  @Test func theAsciiSearchAgreesWithLowercasedContains() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    let alphabet = Array("aAbBsS-_.9zZ")
    func word(_ maxLength: Int) -> String {
      String((0..<next(maxLength + 1)).map { _ in alphabet[next(alphabet.count)] })
    }
    for _ in 0..<20_000 {
      let name = word(12)
      let filter = word(4)
      #expect(
        AppRows.matches(name, filter: filter)
          == (filter.isEmpty || name.lowercased().contains(filter.lowercased())),
        "\(name) / \(filter)")
    }
  }

  @Test func nonAsciiFallsBackToLowercasing() {
    #expect(AppRows.asciiContains("Café", "é") == nil)
    #expect(AppRows.matches("CAFÉ-bot", filter: "café"))
    #expect(AppRows.matches("support-BOT", filter: "Bot-") == false)
    #expect(AppRows.matches("support-BOT", filter: "T-b"))
    #expect(AppRows.matches("support-BOT", filter: "tb") == false)
    #expect(AppRows.matches("support-BOT", filter: "rt-b"))
    #expect(AppRows.asciiContains("ab", "abc") == false)
  }

  @Test func aFilterWithNULMatchesWithoutTrapping() {
    // Foundation's `contains` trapped here ("String index is out of bounds"):
    // a filter typed with NUL (Ctrl-Space) took the dashboard down.
    #expect(AppRows.matches("👩‍💻dev", filter: "v\u{0}") == false)
    #expect(AppRows.matches("👩‍💻dev\u{0}x", filter: "v\u{0}"))
    #expect(AppRows.matches("é-v\u{0}", filter: "V\u{0}"))
    // Characters, not scalars: "e" is not in "é" written e + combining acute,
    // and "é" matches either spelling (canonical equivalence).
    #expect(AppRows.matches("cafe\u{301}", filter: "é") && AppRows.matches("café", filter: "e\u{301}"))
    #expect(AppRows.matches("e\u{301}x", filter: "\u{212A}") == false)
    #expect(AppRows.matches("\u{212A}elvin", filter: "kel"))
  }
}

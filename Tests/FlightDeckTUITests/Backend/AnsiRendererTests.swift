import FlightDeckTUI
import Testing

@Suite struct AnsiRendererTests {
  @Test func writesSGRPerStyleChangeAndOnlyThose() {
    var canvas = Canvas(width: 4, height: 1)
    canvas.put("ab", x: 0, y: 0, maxWidth: 2, style: CellStyle(.critical, bold: true))
    canvas.put("界", x: 2, y: 0, maxWidth: 2, style: CellStyle(.text))
    let theme = Theme(
      name: "t",
      entries: [
        .critical: Theme.Entry(foreground: .rgb(255, 0, 0)),
        .text: Theme.Entry(foreground: .indexed(7), background: .terminalDefault),
      ])
    let out = AnsiRenderer.render(canvas, theme: theme)
    // "ab" bold red (24-bit), then the wide glyph once (its continuation cell skipped).
    #expect(out == "\u{1B}[0;1;38;2;255;0;0;49mab\u{1B}[0;38;5;7;49m界\u{1B}[0m\n")
    // On 16 colours #ff0000 is ANSI 9, bright red: SGR 91; palette 7 is SGR 37.
    let sixteen = AnsiRenderer.render(canvas, theme: theme, colors: .palette(16))
    #expect(sixteen == "\u{1B}[0;1;91;49mab\u{1B}[0;37;49m界\u{1B}[0m\n")
    // Without colour only the attributes remain.
    #expect(AnsiRenderer.render(canvas, theme: theme, colors: .none) == "\u{1B}[0;1mab\u{1B}[0m界\u{1B}[0m\n")
  }

  @Test func hostileTextNeverReachesTheOutputAsAnEscape() {
    var canvas = Canvas(width: 40, height: 1)
    canvas.put("gpt\u{1B}[2J\u{1B}]0;owned\u{07}", x: 0, y: 0, maxWidth: 40, style: .plain)
    let out = AnsiRenderer.render(canvas, theme: ThemeLoader.builtInDefault)
    // Every ESC in the output starts one of our own SGR sequences.
    let escapes = out.components(separatedBy: "\u{1B}").dropFirst()
    #expect(escapes.allSatisfy { $0.hasPrefix("[") && $0.contains("m") })
    #expect(!out.contains("\u{07}"))
    #expect(!out.contains("\u{1B}]0;"))
  }
}

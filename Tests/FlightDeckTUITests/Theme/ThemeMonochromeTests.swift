import FlightDeckTUI
import Testing

@Suite struct ThemeMonochromeTests {
  private struct Attributes: Hashable {
    var bold, reverse, underline, dim: Bool
  }

  private func attributes(_ e: Theme.Entry) -> Attributes {
    Attributes(bold: e.bold, reverse: e.reverse, underline: e.underline, dim: e.dim)
  }

  @Test func statesStayDistinguishableWithoutColour() {
    let mono = Theme.monochrome
    let states: [StyleRole] = [.ok, .warn, .critical, .stable, .canary, .shadow, .selection]
    let distinct = Set(states.map { attributes(mono.entry(for: $0)) })
    #expect(distinct.count == states.count)
    for role in StyleRole.allCases {
      #expect(mono.entry(for: role).foreground == .terminalDefault)
      #expect(mono.entry(for: role).background == .terminalDefault)
    }
    #expect(mono.entry(for: .critical) == Theme.Entry(bold: true, reverse: true))
    #expect(mono.entry(for: .selection) == Theme.Entry(reverse: true))
  }

  @Test func withoutColorIgnoresTheSourceColours() {
    #expect(ThemeLoader.builtInDefault.withoutColor() == Theme.monochrome)
    let other = Theme(name: "x", entries: [.ok: Theme.Entry(foreground: .indexed(2), bold: false)])
    #expect(other.withoutColor() == Theme.monochrome)
  }

  @Test func noColorAndFewColours() {
    #expect(Theme.needsMonochrome(colorCount: 256, environment: ["NO_COLOR": "1"]))
    #expect(!Theme.needsMonochrome(colorCount: 256, environment: ["NO_COLOR": ""]))  // empty = unset
    #expect(!Theme.needsMonochrome(colorCount: 8, environment: [:]))
    #expect(Theme.needsMonochrome(colorCount: 2, environment: [:]))
  }

  @Test func gradientRoles() {
    // step = round(fraction · 4), clamped.
    #expect(StyleRole.latency(fraction: 0) == .latency0)
    #expect(StyleRole.latency(fraction: 0.6) == .latency2)  // 2.4
    #expect(StyleRole.latency(fraction: 0.9) == .latency4)  // 3.6
    #expect(StyleRole.latency(fraction: -1) == .latency0)
    #expect(StyleRole.cost(fraction: .nan) == .cost0)
    #expect(StyleRole.cost(fraction: .infinity) == .cost4)
  }

  @Test func gradientOfGreysWithDefaultEndpoint() throws {
    let (t, _) = try ThemeLoader.parse(
      "cost_start = \"#000000\"\ncost_mid = \"#808080\"\ncost_end = \"#ffffff\"\n"
        + "latency_start = \"#000000\"\nlatency_mid = \"default\"\nlatency_end = \"#ffffff\"\n",
      file: "g.toml", name: "g")
    // ¼: 0 + 128/2 = 64 (#40); ¾: 128 + 127/2 = 191.5 → 192 (#c0).
    #expect(
      t.costGradient == [
        .rgb(0, 0, 0), .rgb(64, 64, 64), .rgb(128, 128, 128), .rgb(192, 192, 192), .rgb(255, 255, 255),
      ])
    // A default stop cannot be interpolated: the half-way steps take the later stop.
    #expect(
      t.latencyGradient == [
        .rgb(0, 0, 0), .terminalDefault, .terminalDefault, .rgb(255, 255, 255), .rgb(255, 255, 255),
      ])
  }
}

import FlightDeckTUI
import FlightDeckTerminal
import Testing

@Suite struct MouseReportingTests {
  /// Feeds the characters after `ESC [ <` one at a time.
  func feed(_ text: String) -> MouseReporting.Collector.Step? {
    var collector = MouseReporting.Collector()
    var last: MouseReporting.Collector.Step?
    for scalar in text.unicodeScalars {
      last = collector.add(scalar.value)
      if last != .more { return last }
    }
    return last
  }

  @Test func collectsAReportUpToItsFinalByte() {
    #expect(feed("0;12;3M") == .done(MouseEvent(kind: .press(button: 1), x: 11, y: 2)))
    #expect(feed("0;250;40m") == .done(MouseEvent(kind: .release(button: 1), x: 249, y: 39)))
    #expect(feed("65;1;1M") == .done(MouseEvent(kind: .wheelDown, x: 0, y: 0)))
    #expect(feed("0;12") == .more)
    // A final byte after a bad report completes it with nothing.
    #expect(feed("0;0;0M") == .done(nil))
  }

  @Test func givesUpOnWhatNoReportHolds() {
    #expect(feed("0;1x") == .invalid)
    #expect(feed(String(repeating: "1", count: 40)) == .invalid)
  }

  @Test func sequencesTurnReportingOnAndOff() {
    // xterm ctlseqs: 1000 normal tracking, 1006 SGR encoding; off in reverse order.
    #expect(String(decoding: MouseReporting.enable, as: UTF8.self) == "\u{1B}[?1000h\u{1B}[?1006h")
    #expect(String(decoding: MouseReporting.disable, as: UTF8.self) == "\u{1B}[?1006l\u{1B}[?1000l")
    #expect(MouseReporting.keyCode > 0o777)
  }
}

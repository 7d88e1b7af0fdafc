import FlightDeckTUI
import Testing

@Suite struct RectTests {
  @Test func insetNeverGoesNegative() {
    #expect(Rect(x: 0, y: 0, width: 10, height: 4).inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 2))
    #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 1).isEmpty)
  }
}

import FlightDeckTUI
import Testing

@Suite struct RectGeometryTests {
  @Test func intersection() {
    let a = Rect(x: 0, y: 0, width: 10, height: 4)
    #expect(a.intersection(Rect(x: 5, y: 2, width: 10, height: 10)) == Rect(x: 5, y: 2, width: 5, height: 2))
    #expect(a.intersection(Rect(x: 20, y: 0, width: 3, height: 3)).isEmpty)
    #expect(a.contains(x: 9, y: 3))
    #expect(!a.contains(x: 10, y: 0))
  }
}

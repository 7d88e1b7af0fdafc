import FlightDeckTerminal
import Testing

@Suite struct ColorPairCacheTests {
  @Test func defaultColoursUsePairZero() {
    var cache = ColorPairCache(pairLimit: 64)
    #expect(cache.pair(foreground: -1, background: -1) == .cached(0))
    #expect(cache.allocatedCount == 0)
  }

  @Test func allocatesOncePerCombination() {
    var cache = ColorPairCache(pairLimit: 64)
    #expect(cache.pair(foreground: 1, background: -1) == .allocated(1))
    #expect(cache.pair(foreground: 2, background: 0) == .allocated(2))
    #expect(cache.pair(foreground: 1, background: -1) == .cached(1))
    #expect(cache.pair(foreground: -1, background: 1) == .allocated(3))  // (fg, bg) order matters
    #expect(cache.allocatedCount == 3)
  }

  @Test func exhaustionFallsBackAndCounts() {
    // COLOR_PAIRS = 3 → usable pairs 1 and 2 only.
    var cache = ColorPairCache(pairLimit: 3)
    #expect(cache.pair(foreground: 1, background: 0) == .allocated(1))
    #expect(cache.pair(foreground: 2, background: 0) == .allocated(2))
    #expect(cache.pair(foreground: 3, background: 0) == .exhausted)
    #expect(cache.pair(foreground: 4, background: 0) == .exhausted)
    #expect(cache.fallbackCount == 2)
    #expect(cache.pair(foreground: 2, background: 0) == .cached(2))
  }

  @Test func noPairsAtAll() {
    var cache = ColorPairCache(pairLimit: 0)
    #expect(cache.pair(foreground: 1, background: 0) == .exhausted)
    #expect(cache.pair(foreground: -1, background: -1) == .cached(0))
  }

  @Test func unusableCombinationStaysOnPairZero() {
    var cache = ColorPairCache(pairLimit: 64)
    #expect(cache.pair(foreground: 300, background: 0) == .allocated(1))
    cache.markUnusable(foreground: 300, background: 0)
    #expect(cache.pair(foreground: 300, background: 0) == .exhausted)
    #expect(cache.fallbackCount == 2)
  }

  @Test func resetStartsNumberingAgain() {
    var cache = ColorPairCache(pairLimit: 64)
    _ = cache.pair(foreground: 1, background: 2)
    cache.reset()
    #expect(cache.pair(foreground: 5, background: 6) == .allocated(1))
  }
}

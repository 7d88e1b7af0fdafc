import Testing

@testable import FlightDeckCore

/// The per-pattern cache of answers by label value (issue 11 breaker, R2:
/// each evaluation paid instructions × name length again for the same name).
@Suite struct LabelRegexMatchCacheTests {
  /// The breaker's pattern: 100 copies of a 26-way alternation under `*`.
  static let pattern = String(
    repeating: "(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y|z)*", count: 100)

  @Test func aCostlyValueIsAnsweredOnceAndThenFromTheCache() throws {
    let re = try LabelRegex(Self.pattern)
    let long = String(repeating: "q", count: 2_000)
    #expect(re.instructionCount * long.utf8.count >= LabelRegex.cachedWork)
    #expect(re.cache.answer(for: long) == nil)
    #expect(re.matches(long))
    #expect(re.cache.answer(for: long) == true)
    #expect(re.matches(long))
    let bad = long + "1"
    #expect(!re.matches(bad))
    #expect(re.cache.answer(for: bad) == false)
    // Copies of the regex (a matcher copied into a rule) share the cache.
    let copy = re
    #expect(copy.cache.answer(for: long) == true)
    // A cheap match does not touch the cache.
    let small = try LabelRegex("v1|v2")
    #expect(small.matches("v1") && small.cache.count == 0)
  }

  /// Hostile cardinality: 3 × maxEntries distinct values leave at most two
  /// generations, the oldest values are the ones dropped, and what is kept
  /// is what was stored.
  /// Swift's `String` equality is canonical equivalence: `"é"` precomposed
  /// and `"e"` + U+0301 are equal strings, but a pattern of the precomposed
  /// scalar matches only the first. The cache must not answer for one with
  /// the other's answer.
  @Test func canonicallyEquivalentValuesAreCachedApart() throws {
    let re = try LabelRegex(String(repeating: "(?:\u{E9}|x)*", count: 100))
    let composed = String(repeating: "\u{E9}", count: 300)
    let decomposed = String(repeating: "e\u{301}", count: 300)
    #expect(composed == decomposed)
    #expect(re.instructionCount * composed.utf8.count >= LabelRegex.cachedWork)
    #expect(re.matches(composed))
    #expect(!re.matches(decomposed))
    #expect(re.cache.answer(for: composed) == true)
    #expect(re.cache.answer(for: decomposed) == false)
  }

  @Test func theCacheIsBoundedByEntriesAndBytes() {
    let cache = LabelRegexMatchCache()
    let n = 3 * LabelRegexMatchCache.maxEntries
    for i in 0..<n { cache.store(i % 3 == 0, for: "value-" + String(i)) }
    #expect(cache.count <= 2 * LabelRegexMatchCache.maxEntries)
    #expect(cache.count >= LabelRegexMatchCache.maxEntries)
    #expect(cache.answer(for: "value-0") == nil)
    #expect(cache.answer(for: "value-" + String(n - 1)) == ((n - 1) % 3 == 0))
    #expect(cache.answer(for: "value-" + String(n - 2)) == ((n - 2) % 3 == 0))
    // A value over the byte bound is never kept.
    let huge = String(repeating: "a", count: LabelRegexMatchCache.maxBytes + 1)
    let one = LabelRegexMatchCache()
    one.store(true, for: huge)
    one.store(false, for: "x")
    #expect(one.count == 1 && one.answer(for: huge) == nil && one.answer(for: "x") == false)
    // Bytes bound: values of maxBytes / 4 bytes; a generation holds four.
    let quarter = LabelRegexMatchCache()
    func value(_ i: Int) -> String {
      String(i) + String(repeating: "b", count: LabelRegexMatchCache.maxBytes / 4 - 1)
    }
    for i in 0..<5 { quarter.store(true, for: value(i)) }
    #expect(quarter.count == 5)
    for i in 5..<9 { quarter.store(true, for: value(i)) }
    #expect(quarter.count == 5)
    #expect(quarter.answer(for: value(0)) == nil && quarter.answer(for: value(8)) == true)
  }

  /// An alternation of single scalars and plain classes is one class, as in
  /// Go's parser: the breaker's pattern is 301 instructions (100 × `[a-z]*`
  /// = split, class, jump; then match), not 7,801 (100 × 76 + 2 + 1).
  @Test func alternationsOfScalarsCompileToOneClass() throws {
    #expect(try LabelRegex(Self.pattern).instructionCount == 301)
    #expect(try LabelRegex("a|b|c").instructionCount == 2)
    let mixed = try LabelRegex("(?i)k|s|[0-9]|é")
    #expect(mixed.instructionCount == 2)
    for v in ["K", "\u{212A}", "ſ", "S", "7", "É"] { #expect(mixed.matches(v), "\(v)") }
    for v in ["ı", "a", "", "ks"] { #expect(!mixed.matches(v), "\(v)") }
    // Not merged, same answers: a negated class, a category, a longer branch.
    let kept = try LabelRegex(#"[^a]|\pN|bc"#)
    #expect(kept.instructionCount > 2)
    #expect(kept.matches("x") && kept.matches("٣") && kept.matches("bc") && !kept.matches("a"))
  }
}

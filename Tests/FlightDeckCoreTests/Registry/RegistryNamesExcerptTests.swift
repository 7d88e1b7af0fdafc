import FlightDeckCore
import FlightDeckTestSupport
import Testing

/// What an error echoes of a refused value: at most 80 characters, then `…`
/// and the whole length (issue 16: a 5,000-character matcher was echoed whole).
@Suite struct RegistryNamesExcerptTests {
  @Test func longValuesAreCutAtEightyCharactersWithTheirLength() {
    let eighty = String(repeating: "a", count: 80)
    #expect(RegistryNames.excerpt(eighty) == eighty)
    #expect(RegistryNames.excerpt(eighty + "b") == eighty + "… (81 characters)")
    #expect(
      RegistryNames.excerpt(String(repeating: "x", count: 5000)) == String(repeating: "x", count: 80)
        + "… (5000 characters)")
    // Characters, not bytes: 100 × "é" keeps 80 of them.
    #expect(
      RegistryNames.excerpt(String(repeating: "é", count: 100)) == String(repeating: "é", count: 80)
        + "… (100 characters)")
    // quoted(_:) cuts alike, after making controls visible.
    #expect(
      RegistryNames.quoted("\u{1B}" + eighty) == "\\u{1b}" + String(repeating: "a", count: 79)
        + "… (81 characters)")
  }

  /// The store refuses a 5,000-byte matcher value naming it cut: `a="` and
  /// 77 `x`, then the length of `a="x…x"` (5,004 characters).
  @Test(arguments: StoreUnderTest.all) func anOversizedMatcherIsEchoedCut(_ backend: StoreUnderTest) throws {
    let clock = TestClock()
    let store = try backend.make(clock: clock)
    try RegistryFixture.seed(store, clock: clock)
    let value = String(repeating: "x", count: 5000)
    #expect {
      try store.perform(
        .createSilence(
          matchers: [AlertLabelMatcher(name: "a", op: .equal, value: value)], startsAt: clock.now(),
          endsAt: clock.now().adding(milliseconds: 3_600_000), comment: "c"),
        as: RegistryFixture.alice)
    } throws: { error in
      let text = "\(error)"
      return text.contains(#"bad matcher a=""# + String(repeating: "x", count: 77) + "… (5004 characters)")
        && text.count < 300
    }
  }
}

import Testing

@testable import FlightDeckCore

/// ``OTLPAttributes`` must answer exactly as the `[String: OTLPAnyValue]` it
/// replaced: checked against a dictionary fed the same operations.
@Suite struct OTLPAttributesTests {
  @Test func laterDuplicateWinsAndKeepsOneEntry() {
    var a = OTLPAttributes()
    a["gen_ai.request.model"] = .string("gpt-4o")
    a["gen_ai.request.model"] = .string("gpt-4o-mini")
    #expect(a.count == 1)
    #expect(a["gen_ai.request.model"] == .string("gpt-4o-mini"))
    #expect(a["gen_ai.response.model"] == nil)
  }

  /// Same length, same first and last eight bytes: one fingerprint, two keys.
  @Test func keysWithOneFingerprintStayApart() {
    let x = "abcdefgh.X.ijklmnop"
    let y = "abcdefgh.Y.ijklmnop"
    #expect(OTLPAttributes.fingerprint(x) == OTLPAttributes.fingerprint(y))
    var a: OTLPAttributes = [x: .int(1)]
    #expect(a[y] == nil)
    a[y] = .int(2)
    #expect(a.count == 2 && a[x] == .int(1) && a[y] == .int(2))
  }

  /// Swift strings compare by canonical equivalence: U+212A KELVIN SIGN is
  /// `K`, so `"\u{212A}elvin"` and `"Kelvin"` are one key, as in a dictionary.
  @Test func canonicallyEquivalentKeysAreOneKey() {
    var a = OTLPAttributes()
    var d: [String: OTLPAnyValue] = [:]
    for (key, value) in [("Kelvin", OTLPAnyValue.int(1)), ("\u{212A}elvin", .int(2))] {
      a[key] = value
      d[key] = value
    }
    #expect(d.count == 1)
    #expect(a.count == d.count)
    #expect(a["Kelvin"] == d["Kelvin"] && a["Kelvin"] == .int(2))
    #expect(OTLPAttributes.fingerprint("\u{212A}elvin") == OTLPAttributes.unfingerprinted)
  }

  /// Sets and removals drawn from a fixed seed over short, empty, colliding,
  /// non-ASCII and many (past the linear limit) keys; after each, every key
  /// reads as from a dictionary.
  @Test func answersAsADictionary() {
    var pool = [
      "", "a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "Kelvin", "\u{212A}elvin", "é", "e\u{301}",
    ]
    pool += ["abcdefgh.X.ijklmnop", "abcdefgh.Y.ijklmnop", "gen_ai.usage.input_tokens"]
    pool += (0..<30).map { "flightdeck.key.\($0)" }
    var state: UInt64 = 42
    func next() -> UInt64 {
      // SplitMix64.
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    var a = OTLPAttributes()
    var d: [String: OTLPAnyValue] = [:]
    var sawIndexed = false
    for step in 0..<3_000 {
      let key = pool[Int(next() % UInt64(pool.count))]
      if next() % 5 == 0 {
        a[key] = nil
        d[key] = nil
      } else {
        a[key] = .int(Int64(step))
        d[key] = .int(Int64(step))
      }
      if a.count > OTLPAttributes.linearLimit { sawIndexed = true }
      #expect(a.count == d.count)
      for k in pool where a[k] != d[k] {
        Issue.record(
          "step \(step): \(k) is \(String(describing: a[k])), dictionary \(String(describing: d[k]))")
        return
      }
    }
    #expect(sawIndexed)
  }

  @Test func equalityAndHashIgnoreOrder() {
    let a: OTLPAttributes = ["x": .int(1), "y": .string("z")]
    let b: OTLPAttributes = ["y": .string("z"), "x": .int(1)]
    let c: OTLPAttributes = ["y": .string("z"), "x": .int(2)]
    #expect(a == b && a.hashValue == b.hashValue)
    #expect(a != c)
    #expect(a != ["x": .int(1)])
  }
}

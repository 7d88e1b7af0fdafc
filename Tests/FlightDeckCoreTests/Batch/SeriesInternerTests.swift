import Testing

@testable import FlightDeckCore

/// ``SeriesInterner`` against a `Dictionary` of the same keys (the
/// independent method): ids are dense, in insertion order, and every lookup
/// agrees with the dictionary, across the table's growth.
@Suite struct SeriesInternerTests {
  /// Names from a small alphabet, so that many keys share prefixes, lengths
  /// and the split between artefact and version ("ab"+"c" against "a"+"bc").
  static func name(_ random: inout SplitMix64, maxLength: Int) -> [UInt8] {
    let length = Int(random.next() % UInt64(maxLength + 1))
    return (0..<length).map { _ in UInt8(ascii: "a") + UInt8(random.next() % 3) }
  }

  struct Key: Hashable {
    var artefact: [UInt8]
    var version: [UInt8]
    var route: Route
  }

  static func lookup(_ interner: SeriesInterner, _ key: Key) -> (id: Int?, hash: UInt64) {
    key.artefact.withUnsafeBytes { a in
      key.version.withUnsafeBytes { v in interner.lookup(artefact: a, version: v, route: key.route) }
    }
  }

  @Test func agreesWithADictionaryOverRandomKeys() {
    var random = SplitMix64(seed: 11)
    var interner = SeriesInterner()
    var reference: [Key: Int] = [:]
    for _ in 0..<20_000 {
      // Names up to 20 bytes: short ones collide often, long ones cross the
      // 8-byte words of the hash and of the comparison.
      let key = Key(
        artefact: SeriesInternerTests.name(&random, maxLength: random.next() % 4 == 0 ? 20 : 5),
        version: SeriesInternerTests.name(&random, maxLength: 3),
        route: Route.allCases[Int(random.next() % 3)])
      let (found, hash) = SeriesInternerTests.lookup(interner, key)
      #expect(found == reference[key])
      if found == nil {
        let id = key.artefact.withUnsafeBytes { a in
          key.version.withUnsafeBytes { v in
            interner.insert(artefact: a, version: v, route: key.route, hash: hash)
          }
        }
        #expect(id == reference.count)
        reference[key] = id
        #expect(interner.count == reference.count)
      }
    }
    // Many distinct keys (several growths of the table), every one found
    // again under its id.
    #expect(reference.count > 3_000)
    for (key, id) in reference { #expect(SeriesInternerTests.lookup(interner, key).id == id) }
    // Keys never inserted are not found.
    var misses = 0
    for _ in 0..<2_000 {
      let key = Key(
        artefact: SeriesInternerTests.name(&random, maxLength: 25) + [UInt8(ascii: "z")],
        version: SeriesInternerTests.name(&random, maxLength: 3), route: .stable)
      if SeriesInternerTests.lookup(interner, key).id == nil { misses += 1 }
    }
    #expect(misses == 2_000)
  }
}

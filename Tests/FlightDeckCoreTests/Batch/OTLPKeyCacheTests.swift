import Foundation
import Testing

@testable import FlightDeckCore

/// The direct-mapped caches in front of the record-free path's series and
/// taught-version dictionaries (``OTLPKeyCache``).
@Suite struct OTLPKeyCacheTests {
  /// The entry a key takes, worked out here as the type's documentation
  /// states it: the top six bits of the key times 0x9E3779B97F4A7C15.
  static func entry(_ key: UInt64) -> Int {
    Int((key &* 0x9E37_79B9_7F4A_7C15) >> 58)
  }

  /// A key answers what was set for it until a key of the same entry
  /// replaces it or the cache is emptied; keys never set answer `nil`.
  @Test func aKeyAnswersItsValueUntilReplaced() throws {
    var cache = OTLPKeyCache()
    #expect(cache.value(for: 0) == nil)
    #expect(cache.value(for: 12) == nil)
    cache.set(7, for: 0)
    cache.set(9, for: 12)
    #expect(cache.value(for: 0) == 7)
    #expect(cache.value(for: 12) == 9)
    // Another key of key 12's entry, found by trying keys in turn.
    let rival = try #require((13..<10_000).first { Self.entry(UInt64($0)) == Self.entry(12) })
    #expect(cache.value(for: UInt64(rival)) == nil)
    cache.set(3, for: UInt64(rival))
    #expect(cache.value(for: UInt64(rival)) == 3)
    #expect(cache.value(for: 12) == nil)
    #expect(cache.value(for: 0) == 7)
    cache.set(8, for: 0)
    #expect(cache.value(for: 0) == 8)
    cache.removeAll()
    #expect(cache.value(for: 0) == nil)
    #expect(cache.value(for: UInt64(rival)) == nil)
    // 64 entries: 64 keys of distinct entries are all held at once.
    var keys: [Int: UInt64] = [:]
    var k: UInt64 = 0
    while keys.count < 64 {
      if keys[Self.entry(k)] == nil { keys[Self.entry(k)] = k }
      k += 1
    }
    for (e, key) in keys { cache.set(e, for: key) }
    for (e, key) in keys { #expect(cache.value(for: key) == e) }
  }

  /// Many series (more than the caches' 64 entries, so keys evict one
  /// another), versions taught by some spans and recalled by others, and
  /// lines read by the decoder between them (which empty the taught pairs):
  /// the record-free path gives the record path's result.
  @Test(arguments: [21, 22])
  func manySeriesAndTaughtVersionsGiveTheResultOfTheRecordPath(seed: UInt64) throws {
    typealias R = ReplayOTLPRecordFreeTests
    var rng = SplitMix64(seed: seed)
    var lines: [String] = []
    for i in 0..<3_000 {
      let m = Int(rng.next() % 150)
      let model = "model-\(m)"
      let failed = rng.next() % 4 == 0
      let response: String? = failed ? nil : "\(model)-v\(rng.next() % 3)"
      let route = ["stable", "canary", "shadow"][Int(rng.next() % 3)]
      let span = R.genAI(
        i, model: model, response: response, input: 10 + m, output: 1, latencyMs: 5 + i % 50, error: failed,
        extra: [R.attribute("flightdeck.route", string: route)])
      let text = R.line([[[span]]])
      // One line in 40 goes through the decoder (a leading space: the record-free reader declines it).
      lines.append(rng.next() % 40 == 0 ? " " + text : text)
    }
    var options = R.options(recordFree: true)
    options.maxSeries = 100_000
    let part = R.part(lines, options: options)
    #expect(part.otlpRecordFreeLines > 2_700)
    #expect(part.table.count > 400)
    let result = try OTLPJSONSpanScannerTests.replaySame(lines)
    #expect(result.records == 3_000)
  }
}

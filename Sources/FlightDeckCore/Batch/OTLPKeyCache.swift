/// A direct-mapped cache of `UInt64` keys to `Int` values, in front of a
/// dictionary of the record-free OTLP path (``ReplayPartAggregator``): 64
/// entries, a key's entry chosen by the top six bits of the key times
/// 2^64/φ (Knuth's multiplicative hashing), a newer key taking the place of
/// an older one. It holds only pairs its owner put in the dictionary too, so
/// a hit is the dictionary's answer and a miss asks the dictionary.
struct OTLPKeyCache: Sendable {
  /// The entries' keys; `UInt64.max` marks an empty entry (no key of the
  /// record-free path is all ones: its top 23 bits are zero).
  private var keys = [UInt64](repeating: .max, count: 64)
  private var values = [Int](repeating: 0, count: 64)

  /// The entry of `key`.
  @inline(__always)
  private static func slot(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 58)
  }

  /// The value cached for `key`, `nil` when its entry holds another key or
  /// none.
  @inline(__always)
  func value(for key: UInt64) -> Int? {
    let s = Self.slot(key)
    return keys[s] == key ? values[s] : nil
  }

  /// Caches `value` for `key` (which must not be `UInt64.max`), replacing
  /// whatever its entry held.
  @inline(__always)
  mutating func set(_ value: Int, for key: UInt64) {
    let s = Self.slot(key)
    keys[s] = key
    values[s] = value
  }

  /// Empties the cache.
  mutating func removeAll() {
    for s in keys.indices { keys[s] = .max }
  }
}

/// Process-independent hashing for routing keys.
///
/// Swift's `hashValue` is seeded per process, so it cannot pin a session to a
/// version across runs or hosts. This uses FNV-1a 64 (Fowler–Noll–Vo,
/// <http://www.isthe.com/chongo/tech/comp/fnv/>, offset basis
/// `0xcbf29ce484222325`, prime `0x100000001b3`) over the key's UTF-8 bytes.
public enum StableHash {
  /// FNV-1a 64 of the UTF-8 bytes of `text`.
  public static func fnv1a64(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  /// The routing bucket of `key`, a value in [0, 100).
  ///
  /// FNV-1a 64 alone spreads a change in the last byte of a key poorly into
  /// the high bits (its last step is one multiply), and session ids often
  /// differ only there, so the hash is passed through the SplitMix64
  /// finaliser before its top 53 bits are scaled to [0, 100).
  public static func bucket(forKey key: String) -> Double {
    let mixed = SplitMix64.mix(fnv1a64(key))
    return Double(mixed >> 11) * 0x1p-53 * 100
  }
}

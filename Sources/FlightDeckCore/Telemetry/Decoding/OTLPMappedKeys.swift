import Foundation

/// The attribute keys the GenAI mapping (``OTLPDecoder/outcome(of:resource:versions:)``)
/// can read for one ``OTLPAttributeMapping``: its fixed keys
/// (``OTLPDecoder/fixedMappedKeys``: GenAI, provider, token and Langfuse
/// keys, the same constants the mapping looks up) and the mapping's
/// configured lists (artefact, version, route, kind, session, error type).
///
/// The byte-level OTLP/JSON reader (``OTLPJSONTraceReader``) matches each
/// attribute key's bytes against this set and builds neither the key's
/// `String` nor the value of an attribute no lookup will ever ask for; a key
/// it cannot match from bytes alone (escaped, or with a non-ASCII byte,
/// which Swift may find equal to other bytes) is kept, so the mapping sees
/// every attribute it reads, as through Foundation. Debug builds check at
/// every lookup of the mapping that the key is in the set
/// (``contains(_:)``), so a key added to the mapping but not to the table
/// fails the tests instead of being skipped silently.
///
/// Lookups compare ``OTLPAttributes/fingerprint(_:_:)``s in a small
/// open-addressing table, then the bytes.
struct OTLPMappedKeys: Sendable {
  /// The keys, each once, in the order first declared.
  private(set) var keys: [String] = []
  /// The UTF-8 bytes of each key.
  private var bytes: [[UInt8]] = []
  /// The fingerprint of each key.
  private var fingerprints: [UInt64] = []
  /// Open addressing by fingerprint: position in ``keys`` + 1, 0 when empty.
  private var slots: [Int32]
  private let mask: Int
  /// A mapped key has a non-ASCII byte: Swift may find it equal to an
  /// attribute key of other bytes, so no key is skipped.
  let keepsEveryKey: Bool

  /// The keys `mapping` makes the GenAI mapping read.
  init(mapping: OTLPAttributeMapping) {
    let all = OTLPDecoder.fixedMappedKeys + mapping.keys
    var size = 64
    while size < all.count * 4 { size *= 2 }
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
    keepsEveryKey = all.contains { key in !key.utf8.allSatisfy { $0 < 0x80 } }
    for key in all where !contains(key) {
      var copy = key
      let utf8 = copy.withUTF8 { Array($0) }
      let f = OTLPAttributes.fingerprint(key)
      keys.append(key)
      bytes.append(utf8)
      fingerprints.append(f)
      var s = Int(truncatingIfNeeded: f) & mask
      while slots[s] != 0 { s = (s + 1) & mask }
      slots[s] = Int32(keys.count)
    }
  }

  /// The keys of ``OTLPAttributeMapping/default``, built once.
  static let `default` = OTLPMappedKeys(mapping: .default)

  /// Whether the mapping reads `key` (compared as Swift strings).
  func contains(_ key: String) -> Bool {
    keys.contains(key)
  }

  /// The mapped key whose UTF-8 bytes are the `count` bytes at `p` (ASCII
  /// bytes, no escapes), as the one `String` of the table (handing it out
  /// allocates nothing); `nil` when the mapping reads no such key (then the
  /// attribute may be skipped, unless ``keepsEveryKey``).
  @inline(__always)
  func key(_ p: UnsafePointer<UInt8>, _ count: Int) -> String? {
    index(p, count).map { keys[$0] }
  }

  /// The position in ``keys`` of the mapped key whose UTF-8 bytes are the
  /// `count` bytes at `p` (ASCII bytes, no escapes); `nil` when the mapping
  /// reads no such key.
  @inline(__always)
  func index(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
    lookup(p, count, OTLPAttributes.fingerprint(UnsafeRawPointer(p), count))
  }

  /// ``index(_:_:)`` of bytes the caller knows to be ASCII (a string the
  /// reader found plain), which need not be checked again.
  @inline(__always)
  func index(ascii p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
    lookup(p, count, OTLPAttributes.asciiFingerprint(UnsafeRawPointer(p), count))
  }

  @inline(__always)
  private func lookup(_ p: UnsafePointer<UInt8>, _ count: Int, _ f: UInt64) -> Int? {
    var s = Int(truncatingIfNeeded: f) & mask
    while true {
      let slot = Int(slots[s])
      if slot == 0 { return nil }
      let k = slot - 1
      if fingerprints[k] == f {
        let b = bytes[k]
        if b.count == count, b.withUnsafeBufferPointer({ memcmp($0.baseAddress!, p, count) }) == 0 {
          return k
        }
      }
      s = (s + 1) & mask
    }
  }

  /// The position of `key` in ``keys`` (compared as Swift strings).
  func index(of key: String) -> Int? {
    keys.firstIndex(of: key)
  }
}

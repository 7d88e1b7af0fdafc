/// The attributes of one OTLP span or resource, key → value, as all three
/// OTLP readers (``OTLPDecoder`` on Foundation's tree, ``OTLPJSONTraceReader``,
/// ``OTLPProtobufTraceReader``) hand them to the GenAI mapping
/// (``OTLPDecoder/outcome(of:resource:versions:)``).
///
/// It answers as a `[String: OTLPAnyValue]` would (a later value for the same
/// key replaces the earlier one; keys compare as Swift strings), but is built
/// for what a span has — about ten attributes, looked up some fifty times by
/// the mapping, mostly for keys that are absent. Up to
/// ``linearLimit`` entries are kept in one array with a cheap 64-bit
/// fingerprint of each key (its UTF-8 length and first and last eight bytes),
/// so a lookup compares integers and then, on a fingerprint match, the
/// strings, instead of hashing the key with SipHash (which took about 20 % of
/// `replay`'s time on OTLP/JSON). Swift compares strings by canonical
/// equivalence (a KELVIN SIGN equals `K`), so keys with a non-ASCII byte get
/// no fingerprint (``unfingerprinted``) and are compared as strings with
/// every key. Past ``linearLimit`` entries a
/// `[String: Int]` index is kept beside the array, so a span with thousands of
/// attributes stays linear in their number.
struct OTLPAttributes: Sendable, Hashable, ExpressibleByDictionaryLiteral {
  /// One attribute and its key's fingerprint.
  private struct Entry: Sendable {
    var fingerprint: UInt64
    var key: String
    var value: OTLPAnyValue
  }

  /// Entries beyond which lookups go through ``index``.
  static let linearLimit = 16

  private var entries: [Entry] = []
  /// Key → position in ``entries``, once there are more than
  /// ``linearLimit`` entries.
  private var index: [String: Int]?

  /// No attributes.
  init() {}

  /// The given pairs in order; of duplicate keys the last one wins.
  init(dictionaryLiteral elements: (String, OTLPAnyValue)...) {
    for (key, value) in elements { self[key] = value }
  }

  /// Number of distinct keys.
  var count: Int { entries.count }

  /// `true` when there are no attributes.
  var isEmpty: Bool { entries.isEmpty }

  /// Makes room for `capacity` attributes.
  mutating func reserveCapacity(_ capacity: Int) {
    entries.reserveCapacity(capacity)
  }

  /// The value for `key`, `nil` when absent; setting replaces the value
  /// (keeping the key's first position), setting `nil` removes the key.
  subscript(key: String) -> OTLPAnyValue? {
    get {
      // The mapping looks every key up on the resource too, whose attributes are often none it reads.
      guard !entries.isEmpty, let k = position(of: key, Self.fingerprint(key)) else { return nil }
      return entries[k].value
    }
    set {
      let fingerprint = Self.fingerprint(key)
      let k = position(of: key, fingerprint)
      switch (k, newValue) {
      case (let k?, let value?):
        entries[k].value = value
      case (nil, let value?):
        entries.append(Entry(fingerprint: fingerprint, key: key, value: value))
        if index != nil {
          index![key] = entries.count - 1
        } else if entries.count > Self.linearLimit {
          var built: [String: Int] = [:]
          built.reserveCapacity(entries.count * 2)
          for (position, entry) in entries.enumerated() { built[entry.key] = position }
          index = built
        }
      case (let k?, nil):
        entries.remove(at: k)
        if index != nil {
          index![key] = nil
          for position in k..<entries.count { index![entries[position].key] = position }
        }
      case (nil, nil):
        break
      }
    }
  }

  /// Where `key` is in ``entries``.
  @inline(__always)
  private func position(of key: String, _ fingerprint: UInt64) -> Int? {
    if let index { return index[key] }
    if fingerprint == Self.unfingerprinted {
      for k in entries.indices where entries[k].key == key { return k }
      return nil
    }
    for k in entries.indices {
      let f = entries[k].fingerprint
      if f == fingerprint || f == Self.unfingerprinted, entries[k].key == key { return k }
    }
    return nil
  }

  /// The fingerprint of a key with a non-ASCII byte: such a key may equal a
  /// key of other bytes, so it is compared as a string with every key.
  static let unfingerprinted = UInt64.max

  /// A cheap, non-cryptographic summary of an ASCII key's bytes (length,
  /// first and last eight bytes, top bit clear): equal ASCII keys have equal
  /// fingerprints, and the strings are compared whenever fingerprints match;
  /// ``unfingerprinted`` for a key with a non-ASCII byte.
  @inline(__always)
  static func fingerprint(_ key: String) -> UInt64 {
    var key = key
    return key.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return 0 }
      return fingerprint(UnsafeRawPointer(base), bytes.count)
    }
  }

  /// ``fingerprint(_:)`` of `count` bytes at `p`.
  @inline(__always)
  static func fingerprint(_ p: UnsafeRawPointer, _ count: Int) -> UInt64 {
    var high: UInt64 = 0
    var k = 0
    while k + 8 <= count {
      high |= p.loadUnaligned(fromByteOffset: k, as: UInt64.self)
      k += 8
    }
    while k < count {
      high |= UInt64(p.load(fromByteOffset: k, as: UInt8.self))
      k += 1
    }
    guard high & 0x8080_8080_8080_8080 == 0 else { return unfingerprinted }
    return asciiFingerprint(p, count)
  }

  /// ``fingerprint(_:)`` of `count` bytes at `p` that the caller knows to
  /// be ASCII (not checked again).
  @inline(__always)
  static func asciiFingerprint(_ p: UnsafeRawPointer, _ count: Int) -> UInt64 {
    var h = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
    if count >= 8 {
      h ^= p.loadUnaligned(as: UInt64.self)
      h = (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
      h ^= p.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    } else {
      var tail: UInt64 = 0
      for k in 0..<count { tail |= UInt64(p.load(fromByteOffset: k, as: UInt8.self)) << (8 * k) }
      h ^= tail
    }
    return h >> 1
  }

  /// Equal when they hold the same keys with equal values, in any order (as
  /// dictionaries compare).
  static func == (lhs: OTLPAttributes, rhs: OTLPAttributes) -> Bool {
    guard lhs.entries.count == rhs.entries.count else { return false }
    for entry in lhs.entries where rhs[entry.key] != entry.value { return false }
    return true
  }

  /// Independent of the order of the entries (as ``==(_:_:)`` is).
  func hash(into hasher: inout Hasher) {
    var combined = 0
    for entry in entries {
      var h = Hasher()
      h.combine(entry.key)
      h.combine(entry.value)
      combined ^= h.finalize()
    }
    hasher.combine(entries.count)
    hasher.combine(combined)
  }
}

import CFlightDeckPrefetch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Maps the raw bytes of (artefact, version, route) to a dense series id
/// without building Strings for lines whose series was seen before.
///
/// An open-addressing hash table (linear probing, at most half full). The
/// names of every interned series are kept back to back in one byte arena and
/// the entries are plain integers, so a lookup copies no array and touches no
/// reference count. Collisions are resolved by comparing the stored bytes, so
/// two different names never share an id.
///
/// Ids are the entries' positions (0, 1, 2, … in order of insertion), and
/// each 8-byte slot holds the id with the high 32 bits of its hash: a lookup
/// has the id as soon as the slot is read and its tag matches, so the
/// caller's next load (the series' totals) does not wait for the entry and
/// name bytes that confirm it (the processor runs ahead on the predicted
/// match). At 100 000 series the slot, the entry and the name bytes were
/// three dependent cache misses per line, the first quarter of a replay's
/// time (see the Benchmarks article).
struct SeriesInterner {
  private struct Entry {
    var hash: UInt64
    /// Offset of the artefact bytes in `arena`; the version follows them.
    var offset: Int
    var artefactCount: Int32
    var versionCount: Int32
    var route: Route
  }
  /// `0` for an empty slot, else the high 32 bits of the hash above
  /// `id + 1`.
  private var slots: [UInt64]
  private var entries: [Entry] = []
  private var arena: [UInt8] = []
  private var mask: Int

  init() {
    slots = Array(repeating: 0, count: 256)
    mask = 255
  }

  /// Number of interned series (the next id).
  var count: Int { entries.count }

  /// The id of the series and the hash of its bytes (to pass to
  /// ``insert(artefact:version:route:hash:)``); the id is `nil` when the
  /// series was not interned yet.
  @inline(__always)
  func lookup(artefact: UnsafeRawBufferPointer, version: UnsafeRawBufferPointer, route: Route) -> (
    id: Int?, hash: UInt64
  ) {
    let h = SeriesInterner.hash(artefact, version, route)
    return (lookup(artefact: artefact, version: version, route: route, hash: h), h)
  }

  /// Prefetches the slot where a lookup of `hash` starts.
  @inline(__always)
  func prefetchSlot(hash h: UInt64) {
    slots.withUnsafeBufferPointer { slots in
      flightdeck_prefetch(slots.baseAddress! + (Int(truncatingIfNeeded: h) & mask))
    }
  }

  /// Reads the slot where a lookup of `hash` starts (best prefetched by
  /// ``prefetchSlot(hash:)``) and, when its tag matches, prefetches the
  /// entry and returns its id: the likely answer of the lookup, not a
  /// confirmed one.
  @inline(__always)
  func prefetchEntry(hash h: UInt64) -> Int? {
    let slot = slots.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: h) & mask] }
    guard slot != 0, slot >> 32 == h >> 32 else { return nil }
    let e = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) &- 1
    entries.withUnsafeBufferPointer { flightdeck_prefetch($0.baseAddress! + e) }
    return e
  }

  /// Reads the slot and entry where a lookup of `hash` starts (best after
  /// ``prefetchEntry(hash:)``, once the entry has arrived) and, when the
  /// slot's tag matches, prefetches the entry's name bytes, which the lookup
  /// compares, and returns the entry's id (the likely answer, as
  /// ``prefetchEntry(hash:)``).
  @inline(__always)
  func prefetchNames(hash h: UInt64) -> Int? {
    let slot = slots.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: h) & mask] }
    guard slot != 0, slot >> 32 == h >> 32 else { return nil }
    let e = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) &- 1
    let offset = entries.withUnsafeBufferPointer { $0[e].offset }
    arena.withUnsafeBytes { if let base = $0.baseAddress { flightdeck_prefetch(base + offset) } }
    return e
  }

  /// The id of the series, `nil` when not interned yet; `hash` is
  /// ``hash(_:_:_:)`` of the same bytes and route.
  @inline(__always)
  func lookup(artefact: UnsafeRawBufferPointer, version: UnsafeRawBufferPointer, route: Route, hash h: UInt64)
    -> Int?
  {
    let tag = h >> 32
    var i = Int(truncatingIfNeeded: h) & mask
    return slots.withUnsafeBufferPointer { slots in
      entries.withUnsafeBufferPointer { entries in
        while true {
          let slot = slots[i]
          if slot == 0 { return nil }
          if slot >> 32 == tag {
            let e = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) &- 1
            let entry = entries[e]
            if entry.hash == h && entry.route == route && Int(entry.artefactCount) == artefact.count
              && Int(entry.versionCount) == version.count && matches(entry, artefact, version)
            {
              return e
            }
          }
          i = (i + 1) & mask
        }
      }
    }
  }

  /// Stores a new series and returns its id (``count`` before the call);
  /// `hash` is the one ``lookup(artefact:version:route:)`` returned.
  /// At most `UInt32.max - 1` series (the slots keep 32-bit ids).
  @discardableResult
  mutating func insert(
    artefact: UnsafeRawBufferPointer, version: UnsafeRawBufferPointer, route: Route, hash h: UInt64
  ) -> Int {
    precondition(entries.count < Int(UInt32.max) - 1, "more series than a 32-bit id holds")
    if (entries.count + 1) * 2 > slots.count { grow() }
    let offset = arena.count
    arena.append(contentsOf: artefact)
    arena.append(contentsOf: version)
    entries.append(
      Entry(
        hash: h, offset: offset, artefactCount: Int32(truncatingIfNeeded: artefact.count),
        versionCount: Int32(truncatingIfNeeded: version.count), route: route))
    place(entries.count - 1)
    return entries.count - 1
  }

  /// Whether the stored names of `entry` (whose lengths already match) equal
  /// `artefact` and `version`.
  @inline(__always)
  private func matches(_ entry: Entry, _ artefact: UnsafeRawBufferPointer, _ version: UnsafeRawBufferPointer)
    -> Bool
  {
    arena.withUnsafeBytes { stored in
      guard let base = stored.baseAddress else { return artefact.isEmpty && version.isEmpty }
      let a = Int(entry.artefactCount)
      let v = Int(entry.versionCount)
      if a > 0, !SeriesInterner.equal(base + entry.offset, artefact.baseAddress!, a) { return false }
      if v > 0, !SeriesInterner.equal(base + entry.offset + a, version.baseAddress!, v) { return false }
      return true
    }
  }

  /// Whether `count` bytes at `x` and `y` are equal: 8 bytes at a time, then
  /// the last 8 (overlapping) or a short tail; inline, as names are short.
  @inline(__always)
  private static func equal(_ x: UnsafeRawPointer, _ y: UnsafeRawPointer, _ count: Int) -> Bool {
    if count >= 8 {
      var k = 0
      while k + 8 <= count {
        if x.loadUnaligned(fromByteOffset: k, as: UInt64.self)
          != y.loadUnaligned(fromByteOffset: k, as: UInt64.self)
        {
          return false
        }
        k += 8
      }
      let last = count - 8
      return x.loadUnaligned(fromByteOffset: last, as: UInt64.self)
        == y.loadUnaligned(fromByteOffset: last, as: UInt64.self)
    }
    for k in 0..<count
    where x.load(fromByteOffset: k, as: UInt8.self) != y.load(fromByteOffset: k, as: UInt8.self) {
      return false
    }
    return true
  }

  private mutating func place(_ e: Int) {
    let h = entries[e].hash
    var i = Int(truncatingIfNeeded: h) & mask
    while slots[i] != 0 { i = (i + 1) & mask }
    slots[i] = (h >> 32) << 32 | UInt64(e + 1)
  }

  private mutating func grow() {
    slots = Array(repeating: 0, count: slots.count * 2)
    mask = slots.count - 1
    for e in entries.indices { place(e) }
  }

  /// A 64-bit hash of artefact, version and route, mixing 8 bytes at a time.
  ///
  /// Each 8-byte word (the last one zero-padded) is folded in with a multiply
  /// by the 64-bit golden-ratio constant and a xor-shift, the mixing step of
  /// Fibonacci hashing (Knuth, TAOCP vol. 3, §6.4); the lengths and the route
  /// are mixed in last so that moving bytes between artefact and version
  /// changes the hash. Only the table distribution depends on its quality:
  /// equal hashes are always confirmed by comparing bytes.
  @inline(__always)
  static func hash(_ a: UnsafeRawBufferPointer, _ v: UnsafeRawBufferPointer, _ r: Route) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    h = mixBytes(h, a)
    h = mixBytes(h, v)
    h = mix(h, UInt64(truncatingIfNeeded: a.count) << 32 | UInt64(truncatingIfNeeded: v.count) << 8)
    return mix(h, UInt64(r.displayOrder))
  }

  @inline(__always)
  private static func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
    let m = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
    return m ^ (m >> 29)
  }

  @inline(__always)
  private static func mixBytes(_ seed: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
    guard let base = bytes.baseAddress else { return seed }
    var h = seed
    var i = 0
    let n = bytes.count
    while i + 8 <= n {
      h = mix(h, (base + i).loadUnaligned(as: UInt64.self))
      i += 8
    }
    if i < n {
      var tail: UInt64 = 0
      withUnsafeMutableBytes(of: &tail) { $0.baseAddress!.copyMemory(from: base + i, byteCount: n - i) }
      h = mix(h, tail)
    }
    return h
  }
}

/// Maps the raw bytes of (artefact, version, route) to a dense series id
/// without building Strings for lines whose series was seen before.
///
/// An open-addressing hash table keyed by the FNV-1a 64-bit hash of the two
/// byte strings and the route; collisions are resolved by comparing the
/// stored bytes, so two different names never share an id.
struct SeriesInterner {
  private struct Entry {
    var hash: UInt64
    var artefact: [UInt8]
    var version: [UInt8]
    var route: Route
    var id: Int
  }
  private var slots: [Int32]
  private var entries: [Entry] = []
  private var mask: Int

  init() {
    slots = Array(repeating: -1, count: 256)
    mask = 255
  }

  /// The id of the series, or `nil` when it was not interned yet.
  @inline(__always)
  func lookup(artefact: UnsafeRawBufferPointer, version: UnsafeRawBufferPointer, route: Route) -> (
    Int?, UInt64
  ) {
    let h = SeriesInterner.hash(artefact, version, route)
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let e = Int(slots[i])
      if e < 0 { return (nil, h) }
      let entry = entries[e]
      if entry.hash == h && entry.route == route && SeriesInterner.equal(entry.artefact, artefact)
        && SeriesInterner.equal(entry.version, version)
      {
        return (entry.id, h)
      }
      i = (i + 1) & mask
    }
  }

  /// Stores a new series under `id`.
  mutating func insert(
    artefact: UnsafeRawBufferPointer, version: UnsafeRawBufferPointer, route: Route, hash h: UInt64, id: Int
  ) {
    if (entries.count + 1) * 2 > slots.count { grow() }
    entries.append(Entry(hash: h, artefact: Array(artefact), version: Array(version), route: route, id: id))
    place(entries.count - 1)
  }

  private mutating func place(_ e: Int) {
    var i = Int(truncatingIfNeeded: entries[e].hash) & mask
    while slots[i] >= 0 { i = (i + 1) & mask }
    slots[i] = Int32(e)
  }

  private mutating func grow() {
    slots = Array(repeating: -1, count: slots.count * 2)
    mask = slots.count - 1
    for e in entries.indices { place(e) }
  }

  @inline(__always)
  static func equal(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    guard let bp = b.baseAddress else { return a.isEmpty }
    return a.withUnsafeBytes { memcmp($0.baseAddress!, bp, a.count) == 0 }
  }

  /// FNV-1a 64 over artefact, a 0xFF separator, version, and the route's raw value byte.
  @inline(__always)
  static func hash(_ a: UnsafeRawBufferPointer, _ v: UnsafeRawBufferPointer, _ r: Route) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in a {
      h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    h = (h ^ 0xFF) &* 0x100_0000_01b3
    for byte in v {
      h = (h ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    h = (h ^ UInt64(r.displayOrder)) &* 0x100_0000_01b3
    return h
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

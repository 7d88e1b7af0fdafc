/// The names (models, artefacts, versions) met by ``OTLPJSONSpanScanner``,
/// interned from their bytes: a name's bytes are hashed and compared with
/// the stored ones (``SeriesInterner``), and its `String` and price are made
/// only the first time it is seen, so a span naming known models builds no
/// `String` at all.
struct OTLPNameTable {
  /// The most names held; past it a new name is refused (``id(_:)``
  /// returns `nil`), so a file naming millions of models cannot grow the
  /// table without end (the caller then takes the record path).
  static let capacity = 1 << 16

  private var interner = SeriesInterner()
  /// The names by id (ASCII, so already NFC: ``TelemetryName``).
  private(set) var names: [String] = []
  /// The price table's answer for each name (``PriceTable/price(for:)``).
  private(set) var prices: [ModelPrice?] = []
  private let priceTable: PriceTable

  /// An empty table pricing its names with `prices`.
  init(prices: PriceTable) {
    priceTable = prices
  }

  /// The id of the name whose UTF-8 bytes are `bytes` (ASCII), interned when
  /// new; `nil` when it is new and the table holds ``capacity`` names.
  @inline(__always)
  mutating func id(_ bytes: UnsafeRawBufferPointer) -> Int32? {
    let none = UnsafeRawBufferPointer(start: nil, count: 0)
    let (found, hash) = interner.lookup(artefact: bytes, version: none, route: .stable)
    if let found { return Int32(truncatingIfNeeded: found) }
    guard names.count < Self.capacity else { return nil }
    return insert(bytes, hash: hash)
  }

  /// The id of `name`, interned when new whatever the capacity.
  mutating func id(of name: String) -> Int32 {
    var copy = name
    return copy.withUTF8 { utf8 in
      let bytes = UnsafeRawBufferPointer(utf8)
      let none = UnsafeRawBufferPointer(start: nil, count: 0)
      let (found, hash) = interner.lookup(artefact: bytes, version: none, route: .stable)
      if let found { return Int32(truncatingIfNeeded: found) }
      return insert(bytes, hash: hash)
    }
  }

  private mutating func insert(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32 {
    let none = UnsafeRawBufferPointer(start: nil, count: 0)
    let id = interner.insert(artefact: bytes, version: none, route: .stable, hash: hash)
    let name = TelemetryName.name(bytes)
    names.append(name)
    prices.append(priceTable.prices.isEmpty ? nil : priceTable.price(for: name))
    return Int32(truncatingIfNeeded: id)
  }
}

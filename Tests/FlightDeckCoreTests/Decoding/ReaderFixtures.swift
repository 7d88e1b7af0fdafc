import Foundation

@testable import FlightDeckCore

/// Feeding files and texts through ``TelemetryLineDecoder`` line by line, as
/// the engine and `replay` do, for the reader tests.
enum ReaderFixtures {
  /// What decoding a file gave, with the (1-based) line each error is reported on.
  struct Totals {
    var records: [TelemetryRecord] = []
    var skipped = 0
    var errors: [(line: Int, error: TelemetryDecodeError)] = []
    var pendingLines = 0
  }

  /// A fixture of `Tests/FlightDeckCoreTests/Fixtures/readers`.
  static func url(_ name: String) -> URL {
    DecodingFixtures.repoRoot.appendingPathComponent("Tests/FlightDeckCoreTests/Fixtures/readers/" + name)
  }

  /// Decodes the lines of `bytes`; errors carry the line their document started on.
  static func decode(
    _ bytes: [UInt8], format: TelemetryFormat = .auto, prices: PriceTable? = nil,
    litellm: LiteLLMFieldMapping = .default
  ) throws -> Totals {
    var decoder = TelemetryLineDecoder(
      format: format, prices: try prices ?? PriceTable.bundled(), litellm: litellm)
    var t = Totals()
    func add(_ r: TelemetryDecodeResult, line: Int) {
      t.records += r.records
      t.skipped += r.skippedSpans
      t.errors += r.errors.map { (line - $0.linesBeforeCurrent, $0) }
      if r.isPending { t.pendingLines += 1 }
    }
    let lines = DecodingFixtures.split(bytes)
    for (i, line) in lines.enumerated() {
      add(line.withUnsafeBytes { decoder.decode(line: $0) }, line: i + 1)
    }
    if let last = decoder.finish() { add(last, line: lines.count) }
    return t
  }

  /// Decodes a fixture file.
  static func decodeFile(_ name: String, format: TelemetryFormat = .auto) throws -> Totals {
    try decode(Array(try Data(contentsOf: url(name))), format: format)
  }

  /// Decodes text.
  static func decode(text: String, format: TelemetryFormat = .auto, prices: PriceTable? = nil) throws
    -> Totals
  {
    try decode(Array(text.utf8), format: format, prices: prices)
  }

  /// The file's JSON object written on one line (as a callback writing JSON Lines would).
  static func oneLine(_ name: String) throws -> String {
    let object = try JSONSerialization.jsonObject(with: try Data(contentsOf: url(name)))
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }
}

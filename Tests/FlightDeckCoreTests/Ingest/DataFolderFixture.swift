import Foundation

@testable import FlightDeckCore

/// A temporary data folder and the independent reader the data folder tests
/// check it with: the folder's files in name order, split on `\n`, each line
/// decoded by the engine's line decoder — what `replay` does, without the
/// writer's code.
struct DataFolderFixture {
  let root: URL
  var directory: String { root.appendingPathComponent("telemetry").path }
  let clock = ManualClock()

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("fd-datafolder-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  func folder(_ configure: (inout TelemetryDataFolderOptions) -> Void = { _ in }) throws
    -> TelemetryDataFolder
  {
    // Maintenance only when a test asks (``TelemetryDataFolder/maintain()``) or rotates,
    // unless the test sets an interval.
    var o = TelemetryDataFolderOptions(directory: directory, maintenanceIntervalMs: 1000 * 86_400_000)
    configure(&o)
    return try TelemetryDataFolder(options: o, clock: clock)
  }

  /// A record whose line has the same length for `i` in 0…9.
  static func record(_ i: Int, at ms: Int64 = 1_748_736_000_000) -> TelemetryRecord {
    TelemetryRecord(
      timestamp: Timestamp(millisecondsSinceEpoch: ms), requestID: "req-\(i)", artefact: "gpt-4o",
      kind: .model, version: "gpt-4o-2024-08-06", route: .stable, latencyMs: 120.5, inputTokens: 100,
      outputTokens: 20, costUSD: 0.00045, status: .ok)
  }

  /// Bytes of one ``record(_:at:)`` line with its newline.
  static var lineBytes: Int { record(0).jsonLine.utf8.count + 1 }

  /// The folder's entries, sorted by name.
  func names() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
  }

  /// Every record in the folder's telemetry files, in name then line order,
  /// and the number of malformed lines.
  func readBack() throws -> (records: [TelemetryRecord], malformed: Int) {
    var records: [TelemetryRecord] = []
    var malformed = 0
    for name in try names() where TelemetryFileName.isTelemetry(name) {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
      if isDirectory.boolValue { continue }
      let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
      var decoder = TelemetryLineDecoder(format: .flightdeck, prices: .default)
      for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
        let result = Array(line).withUnsafeBytes { decoder.decode(line: $0) }
        records += result.records
        malformed += result.errors.count
      }
    }
    return (records, malformed)
  }
}

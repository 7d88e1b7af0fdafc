import Foundation
import Testing

@testable import FlightDeckCore

#if canImport(Glibc)
  import Glibc
#endif

/// The batch readers behind `analysis show`, `alerts eval`, `kpi` and `retro`
/// (``TelemetryFileScan``, ``TelemetryTimeOrderScan``) leave out a file that
/// cannot be opened or read, name it, and read the others — as `replay` and
/// the dashboard do (issue 11: they stopped at the first unreadable file, and
/// the time-order scan read only up to the size `fstat` gave, so a file of
/// size 0 whose read fails with EIO went unnoticed).
@Suite struct TelemetryScanReadFailureTests {
  /// a.jsonl (2 records of gpt-4o), a missing file, b.jsonl as a symbolic
  /// link to `/proc/self/mem` (Linux: size 0, a read at 0 fails with EIO),
  /// c.jsonl (1 record of gpt-4o).
  static func paths() throws -> (dir: URL, paths: [String], missing: String, mem: String) {
    let dir = try ReplayUnreadableFileTests.folder()
    let mem = dir.path + "/b.jsonl"
    try FileManager.default.removeItem(atPath: mem)
    #expect(symlink("/proc/self/mem", mem) == 0)
    let missing = dir.path + "/gone.jsonl"
    return (dir, [dir.path + "/a.jsonl", missing, mem, dir.path + "/c.jsonl"], missing, mem)
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/mem")))
  func fileScanLeavesOutWhatItCannotRead() throws {
    let (dir, paths, missing, mem) = try Self.paths()
    defer { try? FileManager.default.removeItem(at: dir) }
    var ids: [String] = []
    let summary = try TelemetryFileScan.scan(paths: paths, options: EngineOptions()) {
      ids.append($0.requestID)
    }
    #expect(ids == ["r1", "r2", "r4"])
    #expect(summary.records == 3)
    #expect(
      summary.unreadableFiles.map(\.description) == [
        "\(missing): open failed: no such file or directory", "\(mem): read failed: input/output error",
      ])
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/mem")))
  func timeOrderScanLeavesOutWhatItCannotRead() throws {
    let (dir, paths, missing, mem) = try Self.paths()
    defer { try? FileManager.default.removeItem(at: dir) }
    var ids: [String] = []
    let summary = try TelemetryTimeOrderScan.scan(paths: paths, options: EngineOptions(), chunkBytes: 64) {
      ids.append($0.requestID)
    }
    // Same timestamp: file order, then line order.
    #expect(ids == ["r1", "r2", "r4"])
    #expect(summary.records == 3)
    #expect(
      summary.unreadableFiles.map(\.description) == [
        "\(missing): open failed: no such file or directory", "\(mem): read failed: input/output error",
      ])
  }
}

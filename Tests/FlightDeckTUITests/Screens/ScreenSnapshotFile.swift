import Foundation
import Testing

/// Minimal text snapshots for full screens: the canvas rows, one per line,
/// stored under `Tests/FlightDeckTUITests/Screens/Snapshots/<name>.txt`.
///
/// Set `RECORD_SNAPSHOTS=1` to (re)write the files instead of comparing;
/// review the diff before committing.
enum ScreenSnapshotFile {
  static var directory: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  }

  static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

  /// Compares `rows` with the stored snapshot `name` (or records it).
  static func check(_ rows: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = directory.appendingPathComponent(name + ".txt")
    let text = rows.joined(separator: "\n") + "\n"
    if recording {
      try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try? text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let stored = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "missing snapshot \(url.path); run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
      return
    }
    let want = stored.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let got = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(got.count == want.count, "row count", sourceLocation: sourceLocation)
    for (i, (g, w)) in zip(got, want).enumerated() where g != w {
      Issue.record("row \(i) differs:\n got: \(g)\nwant: \(w)", sourceLocation: sourceLocation)
    }
  }
}

import FlightDeckCore
import FlightDeckTUI

/// What the batch readers (`replay`, `alerts eval`, `analysis show`,
/// `kpi --telemetry`, `retro --telemetry`) do with telemetry files they could not read: each is
/// named on stderr as soon as the scan ends, the output covers the other
/// files, and the command then exits 1 — as `replay` does, and as the
/// dashboard marks such a source failing and goes on (issue 11: "batch and
/// live treat it alike").
enum UnreadableTelemetryFiles {
  /// Writes `warning: <path>: <reason> (left out)` on stderr for each file.
  /// - Parameter files: from ``FlightDeckCore/TelemetryFileScan/Summary/unreadableFiles``.
  static func warn(_ files: [ReplayResult.UnreadableFile]) {
    for f in files { RegistryCLI.warn("\(f.description) (left out)") }
  }

  /// Throws when some file could not be read, after the output was printed.
  /// - Throws: ``CLIError`` (exit 1) naming how many files were left out.
  static func failIfAny(_ files: [ReplayResult.UnreadableFile]) throws {
    guard !files.isEmpty else { return }
    throw CLIError(message(files))
  }

  /// `2 telemetry files could not be read and were left out (see above); …`.
  static func message(_ files: [ReplayResult.UnreadableFile]) -> String {
    let n = files.count
    return
      "\(PaneFormat.count(n, "telemetry file")) could not be read and \(n == 1 ? "was" : "were") left out "
      + "(see above); the figures cover the other files"
  }
}

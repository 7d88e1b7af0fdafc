import Foundation

/// The `flightdeck` executable the process tests run: `swift build
/// --build-tests` builds it next to the test bundle.
public enum FlightDeckBinary {
  /// The repository's root (this file is `Sources/FlightDeckTestSupport/FlightDeckBinary.swift`).
  public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The executable next to the test bundle (or up to three folders above
  /// it), else `.build/debug/flightdeck` in the repository; `nil` when there
  /// is none (tests skip, and fail under `CI=true`).
  public static var url: URL? {
    var candidates: [URL] = []
    var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
    for _ in 0..<4 {
      candidates.append(dir.appendingPathComponent("flightdeck"))
      dir = dir.deletingLastPathComponent()
    }
    candidates.append(repositoryRoot.appendingPathComponent(".build/debug/flightdeck"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }
}

import FlightDeckTestSupport
import Foundation

/// Paths and helpers shared by the decoding tests.
enum DecodingFixtures {
  /// The repository root: 4 levels above this file (Tests/FlightDeckCoreTests/Decoding/x.swift).
  static let repoRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// `<repo>/../shared`, else `/work/shared`.
  static let shared: URL = {
    let sibling = repoRoot.deletingLastPathComponent().appendingPathComponent("shared")
    if FileManager.default.fileExists(atPath: sibling.appendingPathComponent("corpus").path) {
      return sibling
    }
    return URL(fileURLWithPath: "/work/shared")
  }()

  /// A file of the shared corpus.
  static func corpus(_ relative: String) -> URL { shared.appendingPathComponent("corpus/" + relative) }

  /// Our own fixtures.
  static func fixture(_ name: String) -> URL {
    repoRoot.appendingPathComponent("Tests/FlightDeckCoreTests/Fixtures/decoding/" + name)
  }

  /// The lines of a file as raw bytes (split on `\n`; a final empty piece
  /// after a trailing newline is dropped).
  static func lines(of url: URL) throws -> [[UInt8]] {
    split(Array(try Data(contentsOf: url)))
  }

  /// Splits bytes on `\n`, dropping the empty piece after a trailing newline.
  static func split(_ bytes: [UInt8]) -> [[UInt8]] {
    var out = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
    if out.last == [] { out.removeLast() }
    return out
  }

  /// `python3` on the PATH, if any.
  static var python3: URL? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let u = URL(fileURLWithPath: String(dir)).appendingPathComponent("python3")
      if FileManager.default.isExecutableFile(atPath: u.path) { return u }
    }
    return nil
  }

  /// Runs python3 with `arguments`, returning stdout; `nil` when python3 is missing.
  static func runPython(_ arguments: [String], stdin: Data? = nil) throws -> Data? {
    guard let py = python3 else { return nil }
    let o = try ChildProcess.run(py, arguments, stdin: stdin, captureStderr: false, timeoutSeconds: 300)
    return o.status == 0 && !o.signalled ? o.stdout : nil
  }

  /// Generated telemetry from `../shared/bench/gen_telemetry.py`; `nil` without python3.
  static func generated(lines: Int, seed: Int, badRate: Double) throws -> [[UInt8]]? {
    let script = shared.appendingPathComponent("bench/gen_telemetry.py").path
    guard
      let data = try runPython([
        script, "--lines", String(lines), "--seed", String(seed), "--bad-rate", String(badRate),
      ])
    else { return nil }
    return split(Array(data))
  }
}

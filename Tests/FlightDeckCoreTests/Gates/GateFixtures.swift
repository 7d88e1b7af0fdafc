import FlightDeckCore
import Foundation

/// Files for the gate tests: the shared corpus and `Fixtures/gates`.
enum GateFixtures {
  /// The repository root: 4 levels above `Tests/FlightDeckCoreTests/Gates/<file>.swift`.
  static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `<repo root>/../shared/corpus/promptfoo/<name>`, else `/work/shared/corpus/promptfoo/<name>`.
  static func corpus(_ name: String) throws -> Data {
    var dir = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/promptfoo")
    if !FileManager.default.fileExists(atPath: dir.path) {
      dir = URL(fileURLWithPath: "/work/shared/corpus/promptfoo")
    }
    return try Data(contentsOf: dir.appendingPathComponent(name))
  }

  /// `Tests/FlightDeckCoreTests/Fixtures/gates/<name>`.
  static func fixture(_ name: String) throws -> Data {
    try Data(contentsOf: repoRoot.appendingPathComponent("Tests/FlightDeckCoreTests/Fixtures/gates/\(name)"))
  }

  static let frenchGreeting = "promptfoo-example-french-greeting-output.json"
  static let sampleExport = "promptfoo-test-fixture-sample-export.json"

  /// The error reading `text` as `file` throws, or `nil` if it reads.
  static func inputError(_ text: String, file: String = "results.json") -> GateInputError? {
    do {
      _ = try GateInputReader.read(data: Data(text.utf8), file: file)
      return nil
    } catch let e as GateInputError {
      return e
    } catch {
      return nil
    }
  }

  /// A FlightDeck input built in code, for evaluation tests.
  static func input(_ file: String, _ metrics: [String: Double]) -> GateInput {
    GateInput(file: file, format: .flightdeck, sha256: String(repeating: "0", count: 64), metrics: metrics)
  }
}

import Foundation
import Testing

@testable import FlightDeckCore

/// Replays the corpora the libFuzzer targets grew (`Tests/Fixtures/fuzz/<target>/`,
/// see `Benchmarks/fuzz.sh` and the Benchmarks article, "Fuzzing") through the
/// same entry points, in the normal test run: no input may crash, and each
/// either loads or is refused with an error naming the file and, where the
/// format has lines, a line ≥ 1 within the input.
@Suite("Fuzz corpus replay")
struct FuzzCorpusReplayTests {
  /// The repository's `Tests/Fixtures/fuzz/<target>` folder.
  static func corpus(_ target: String) throws -> [(name: String, data: Data)] {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder = root.appendingPathComponent("Fixtures/fuzz/\(target)")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    return try names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) }
  }

  /// The number of lines in `text`, counted generously (LF, CR, NEL, LS and
  /// PS each start one), so any parser's convention is within.
  static func lineCount(_ text: String) -> Int {
    let breaks: Set<Unicode.Scalar> = ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"]
    return text.unicodeScalars.reduce(1) { breaks.contains($1) ? $0 + 1 : $0 }
  }

  /// Records an issue unless `line` (when given) is within `text`.
  static func expectLine(_ line: Int?, in text: String, _ input: String, _ error: any Error) {
    guard let line else { return }
    #expect(line >= 1 && line <= lineCount(text), "\(input): line \(line) in \(error)")
  }

  @Test("the rules loader refuses or loads every rules corpus file")
  func rules() throws {
    let files = try Self.corpus("FuzzRules")
    #expect(files.count >= 5)
    for (name, data) in files {
      guard let text = String(data: data, encoding: .utf8) else { continue }
      do {
        _ = try AlertRulesLoader.parse(text, file: "rules.yml")
      } catch let error as AlertRulesFileError {
        #expect(!error.errors.isEmpty, "\(name)")
        for e in error.errors {
          #expect(e.file == "rules.yml" && e.column >= 1, "\(name): \(e)")
          Self.expectLine(e.line, in: text, name, e)
        }
      }
    }
  }

  @Test("the expression parser refuses or parses every expression corpus file")
  func expressions() throws {
    let files = try Self.corpus("FuzzAlertExpression")
    #expect(files.count >= 5)
    for (name, data) in files {
      guard let text = String(data: data, encoding: .utf8) else { continue }
      do {
        let expression = try AlertExpressionParser.parse(text)
        let again = try AlertExpressionParser.parse(expression.description)
        #expect(again.conditions == expression.conditions, "\(name): \(expression.description)")
      } catch let error as AlertExpressionError {
        #expect(error.column >= 1, "\(name): \(error)")
        Self.expectLine(error.line, in: text, name, error)
      }
    }
  }

  @Test("the configuration reader refuses or loads every configuration corpus file")
  func configuration() throws {
    let files = try Self.corpus("FuzzConfiguration")
    #expect(files.count >= 5)
    for (name, data) in files {
      guard let text = String(data: data, encoding: .utf8) else { continue }
      do {
        let c = try FlightDeckConfiguration.parse(text, file: "flightdeck.toml")
        #expect(FlightDeckConfiguration.Bounds.maxLineBytes.contains(c.engineOptions.maxLineBytes), "\(name)")
        #expect(FlightDeckConfiguration.Bounds.windowMs.contains(c.engineOptions.windowMs), "\(name)")
      } catch let error as ConfigurationError {
        #expect(error.file == "flightdeck.toml", "\(name): \(error)")
        Self.expectLine(error.line, in: text, name, error)
      }
    }
  }

  @Test("the gate policy reader refuses or loads every gate policy corpus file")
  func gatePolicy() throws {
    let files = try Self.corpus("FuzzGatePolicy")
    #expect(files.count >= 2)
    for (name, data) in files {
      guard let text = String(data: data, encoding: .utf8) else { continue }
      do {
        let policy = try GatePolicy.parse(toml: text, file: "gates.toml")
        #expect(policy.tiers.values.joined().allSatisfy { $0.threshold.isFinite }, "\(name)")
      } catch let error as ConfigurationError {
        #expect(error.file == "gates.toml", "\(name): \(error)")
        Self.expectLine(error.line, in: text, name, error)
      }
    }
  }

  @Test("the gate input readers refuse or read every results corpus file")
  func gateResults() throws {
    for target in ["FuzzGateResults", "FuzzPromptfoo"] {
      let files = try Self.corpus(target)
      #expect(files.count >= 2)
      for (name, data) in files {
        do {
          let input =
            target == "FuzzPromptfoo"
            ? try PromptfooResultsReader.read(data: data, file: "results.json")
            : try GateInputReader.read(data: data, file: "results.json")
          #expect(input.metrics.values.allSatisfy { $0.isFinite }, "\(target)/\(name)")
        } catch let error as GateInputError {
          #expect(error.file == "results.json" && !error.reason.isEmpty, "\(target)/\(name): \(error)")
        }
      }
    }
  }

  @Test("the MLflow importer refuses or plans every MLflow corpus file")
  func mlflow() throws {
    let files = try Self.corpus("FuzzMLflow")
    #expect(files.count >= 1)
    for (name, data) in files {
      do {
        let plan = try MLflowRegistryImport.plan(data: data, file: "mlflow-export.json", riskTier: .medium)
        #expect(!plan.artefact.isEmpty, "\(name)")
      } catch let error as RegistryError {
        guard case .invalidInput = error.code else {
          Issue.record("\(name): \(error)")
          continue
        }
      }
    }
  }

  @Test("the scenario reader refuses or loads every scenario corpus file")
  func scenarios() throws {
    let files = try Self.corpus("FuzzScenario")
    #expect(files.count >= 2)
    for (name, data) in files {
      guard let text = String(data: data, encoding: .utf8) else { continue }
      do {
        let scenario = try Scenario(toml: text, fileName: "scenario.toml")
        #expect(scenario.rate > 0 && scenario.rate <= Scenario.Bounds.rate, "\(name)")
      } catch let error as ScenarioError {
        #expect(error.file == "scenario.toml", "\(name): \(error)")
        Self.expectLine(error.line, in: text, name, error)
      }
    }
  }
}

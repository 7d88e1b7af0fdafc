import FlightDeckCore
import Foundation
import Testing

/// ``GateCheck/run(artefact:version:files:policy:tier:read:)``: the logic of
/// `flightdeck gate check` on the two Promptfoo corpus files, with its exit codes.
@Suite struct GateCheckRunTests {
  typealias F = GateFixtures

  func read(_ file: String) throws -> GateInput {
    let name = file == "french.json" ? F.frenchGreeting : F.sampleExport
    return try GateInputReader.read(data: try F.corpus(name), file: file)
  }

  @Test func bothCorpusFilesFailTheStandardLowTier() throws {
    // french: successes 0 / (0 + 1 + 0) = 0; sample: 0 / (0 + 4 + 0) = 0;
    // low needs pass_rate >= 0.8: the worse (equal) value 0 from french.json fails.
    let run = GateCheck.run(
      artefact: "greeter", version: "v1", files: ["french.json", "sample.json"], policy: .standard,
      tier: .low,
      read: read)
    #expect(run.exitCode == .gateFailed)
    #expect(run.exitCode.rawValue == 1)
    let report = try #require(run.report)
    #expect(report.gates.map(\.outcome) == [.fail])
    #expect(report.gates[0].value == 0)
    #expect(report.gates[0].sources == ["french.json", "sample.json"])
    #expect(run.lines[0] == "greeter v1: tier low, 1 gate: 0 pass, 1 fail, 0 missing")
    #expect(run.lines[1].hasPrefix("  FAIL     pass_rate >= 0.8"))
    #expect(run.lines[1].hasSuffix("pass_rate 0 is below 0.8 (french.json)"))
    let xml = run.junit()
    #expect(xml.contains(#"tests="1" failures="1" errors="0""#))
  }

  @Test func errorRateAndNamedScoreGatesPassOnTheCorpus() throws {
    // error_rate: 0/1 and 0/4 = 0 ≤ 0.05; score.Topicality 0.6015003324002018 (french) ≥ 0.6;
    // cost_usd: worse of 8.1e-06 and 0.003981 is 0.003981 ≤ 0.01.
    let policy = try GatePolicy.parse(
      toml: """
        [gates.medium]
        error_rate = "<= 0.05"
        "score.Topicality" = ">= 0.6"
        cost_usd = "<= 0.01"
        """, file: "fd.toml")
    let run = GateCheck.run(
      artefact: "greeter", version: "v1", files: ["french.json", "sample.json"], policy: policy,
      tier: .medium,
      read: read)
    #expect(run.exitCode == .allPassed)
    let report = try #require(run.report)
    // Key order: "cost_usd" < "error_rate" < "score.Topicality".
    #expect(report.gates.map(\.requirement.metric) == ["cost_usd", "error_rate", "score.Topicality"])
    #expect(report.gates.map(\.value) == [0.003981, 0, 0.6015003324002018])
    #expect(report.gates[0].source == "sample.json")
  }

  @Test func unusableInputExitsTwoWithAJUnitError() throws {
    let run = GateCheck.run(
      artefact: "greeter", version: "v1", files: ["/nonexistent/results.json"],
      policy: .standard, tier: .low)
    #expect(run.exitCode == .inputUnusable && run.exitCode.rawValue == 2)
    #expect(run.report == nil)
    #expect(run.inputError?.file == "/nonexistent/results.json")
    #expect(run.junit().contains(#"type="input-unusable""#))

    // A FlightDeck file for another version is unusable evidence, not a failed gate.
    let other = GateCheck.run(
      artefact: "greeter", version: "v1", files: ["eval.json"], policy: .standard, tier: .low,
      read: { file in
        try FlightDeckGateResultsReader.read(
          data: Data(#"{"version":"v2","metrics":{"pass_rate":0.9}}"#.utf8), file: file)
      })
    #expect(other.exitCode == .inputUnusable)
    #expect(
      other.inputError?.description == #"eval.json: version: the results are for version "v2", not "v1""#)
    #expect(
      GateCheck.run(artefact: "a", version: "v1", files: [], policy: .standard, tier: .low).exitCode
        == .inputUnusable)
  }
}

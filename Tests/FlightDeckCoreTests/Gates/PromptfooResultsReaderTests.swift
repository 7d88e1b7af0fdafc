import FlightDeckCore
import Foundation
import Testing

/// ``PromptfooResultsReader`` on the two corpus files (values checked by
/// hand against the JSON), a format-2 fixture and hand-written shapes.
@Suite struct PromptfooResultsReaderTests {
  @Test func frenchGreetingCorpusFile() throws {
    let data = try GateFixtures.corpus(GateFixtures.frenchGreeting)
    let input = try GateInputReader.read(data: data, file: "french.json")
    #expect(input.format == .promptfoo)
    let s = try #require(input.promptfoo)
    #expect(s.resultsVersion == 3)
    #expect(s.promptfooVersion == "0.120.16")
    // results.stats: successes 0, failures 1, errors 0 → total 1.
    #expect(s.successes == 0 && s.failures == 1 && s.errors == 0 && s.total == 1)
    // pass rate 0 / 1 = 0; error rate 0 / 1 = 0; one test case.
    #expect(input.metrics["pass_rate"] == 0)
    #expect(input.metrics["error_rate"] == 0)
    #expect(input.metrics["test_count"] == 1)
    // One prompt, metrics.score 0.8203000664800403 over 1 test case.
    #expect(input.metrics["mean_score"] == 0.8203000664800403)
    // namedScores / namedScoresCount: Correctness 1/1, Tone 1/1,
    // Topicality 0.6015003324002018/1, Performance 0.5/1.
    #expect(input.metrics["score.Correctness"] == 1)
    #expect(input.metrics["score.Tone"] == 1)
    #expect(input.metrics["score.Topicality"] == 0.6015003324002018)
    #expect(input.metrics["score.Performance"] == 0.5)
    // stats.tokenUsage: prompt 14 + completion 10 = total 24 (grader tokens 2882 excluded).
    #expect(input.metrics["tokens_total"] == 24)
    #expect(input.metrics["tokens_prompt"] == 14)
    #expect(input.metrics["tokens_completion"] == 10)
    // prompts[0].metrics.cost 8.1e-06 USD.
    #expect(input.metrics["cost_usd"] == 8.1e-06)
    #expect(input.metrics.count == 12)
    #expect(s.prompts.map(\.provider) == ["openai:gpt-4o-mini"])
    #expect(s.prompts.first?.assertPassCount == 4 && s.prompts.first?.assertFailCount == 2)
    // results.timestamp 2026-01-21T22:56:55.886Z = 1769036215886 ms (Python datetime).
    #expect(input.evaluatedAt == Timestamp(millisecondsSinceEpoch: 1_769_036_215_886))
    #expect(input.source == "promptfoo 0.120.16")
    #expect(input.warnings.isEmpty)
    #expect(input.sha256.count == 64)
  }

  @Test func sampleExportCorpusFile() throws {
    let data = try GateFixtures.corpus(GateFixtures.sampleExport)
    let input = try PromptfooResultsReader.read(data: data, file: "sample.json")
    let s = try #require(input.promptfoo)
    // results.stats: successes 0, failures 4, errors 0 → pass rate 0/4 = 0.
    #expect(s.total == 4)
    #expect(input.metrics["pass_rate"] == 0)
    #expect(input.metrics["error_rate"] == 0)
    #expect(input.metrics["test_count"] == 4)
    // Two prompts (gpt-5, gpt-5-mini), 2 test cases each; metrics.score is a
    // sum: 1.1666666666666665 + 1.4166666666666665 = 2.583333…; / 4 = 0.6458333…
    // (the four results[].score: 0.75 + 0.5 + 0.6667 + 0.6667 = 2.5833 agree).
    let mean = try #require(input.metrics["mean_score"])
    #expect(abs(mean - 0.6458333333333333) < 1e-12)
    #expect(s.prompts.map(\.provider) == ["openai:gpt-5", "openai:gpt-5-mini"])
    #expect(s.prompts.map(\.testCount) == [2, 2])
    // stats.tokenUsage total 864 (= 384 + 480 per prompt), prompt 156, completion 708.
    #expect(input.metrics["tokens_total"] == 864)
    #expect(input.metrics["tokens_prompt"] == 156)
    #expect(input.metrics["tokens_completion"] == 708)
    // cost 0.0031575 + 0.0008235 = 0.003981 USD.
    let cost = try #require(input.metrics["cost_usd"])
    #expect(abs(cost - 0.003981) < 1e-15)
    // namedScores are {} in both prompts: no score.* metrics.
    #expect(!input.metrics.keys.contains { $0.hasPrefix("score.") })
    #expect(input.warnings.isEmpty)
  }

  @Test func resultsFormatTwoReadsTheTableHead() throws {
    let input = try GateInputReader.read(
      data: try GateFixtures.fixture("promptfoo-v2-table.json"), file: "v2.json")
    let s = try #require(input.promptfoo)
    #expect(s.resultsVersion == 2)
    // stats: successes 17, failures 2, errors 1 → total 20; pass 17/20 = 0.85; errors 1/20 = 0.05.
    #expect(input.metrics["pass_rate"] == 0.85)
    #expect(input.metrics["error_rate"] == 0.05)
    // score sums 8.5 + 7 = 15.5 over 10 + 10 test cases = 0.775.
    #expect(input.metrics["mean_score"] == 0.775)
    // Correctness: (9 + 7.5) / (10 + 10) — the second prompt has no
    // namedScoresCount, so its test count (8 + 1 + 1 = 10) is used: 16.5 / 20 = 0.825.
    #expect(input.metrics["score.Correctness"] == 0.825)
    // cost 0.25 + 0.5 = 0.75 USD; tokens from stats: 1500.
    #expect(input.metrics["cost_usd"] == 0.75)
    #expect(input.metrics["tokens_total"] == 1500)
    #expect(input.warnings.isEmpty)
  }

  @Test func bareSummaryAndOuterVersionFourWrapper() throws {
    // The object `evaluate()` returns: stats at the top. successes 3,
    // failures 1, errors 0 → pass rate 3 / 4 = 0.75.
    let bare =
      #"{"version": 3, "timestamp": "2025-01-01T00:00:00Z", "results": [], "prompts": [], "stats": {"successes": 3, "failures": 1, "errors": 0}}"#
    let a = try GateInputReader.read(data: Data(bare.utf8), file: "bare.json")
    #expect(a.format == .promptfoo)
    #expect(a.metrics["pass_rate"] == 0.75)
    #expect(a.metrics["error_rate"] == 0)
    #expect(a.metrics["mean_score"] == nil)
    #expect(
      a.warnings == [
        "bare.json: prompts: no per-prompt metrics; mean_score, named scores and cost are not available"
      ])
    // The database export wraps a format-3 summary in an outer version 4.
    // successes 1, failures 1, errors 2 → pass 1/4 = 0.25, error 2/4 = 0.5.
    let wrapped =
      #"{"version": 4, "createdAt": "x", "results": {"version": 3, "prompts": [], "stats": {"successes": 1, "failures": 1, "errors": 2}}}"#
    let b = try GateInputReader.read(data: Data(wrapped.utf8), file: "db.json")
    #expect(b.metrics["pass_rate"] == 0.25)
    #expect(b.metrics["error_rate"] == 0.5)
  }

  @Test func perPromptCountsThatDisagreeWithStatsAreWarned() throws {
    let text = #"""
      {"results": {"version": 3, "prompts": [{"label": "p", "provider": {"id": "echo"},
        "metrics": {"score": 2, "testPassCount": 2, "testFailCount": 0, "testErrorCount": 0}}],
        "stats": {"successes": 3, "failures": 0, "errors": 0}}}
      """#
    let input = try GateInputReader.read(data: Data(text.utf8), file: "r.json")
    #expect(input.metrics["pass_rate"] == 1)
    #expect(input.promptfoo?.prompts.first?.provider == "echo")
    #expect(
      input.warnings == [
        "r.json: results.prompts: per-prompt test counts (pass 2, fail 0, error 0) differ from results.stats (successes 3, failures 0, errors 0); the gates use results.stats"
      ])
  }

  @Test func unusableFilesNameFileAndPath() {
    typealias F = GateFixtures
    #expect(F.inputError("")?.description == "results.json: the file is empty (expected a JSON object)")
    #expect(F.inputError(" \n\t ")?.description == "results.json: the file is empty (expected a JSON object)")
    let notJSON = F.inputError("stats: successes=3")
    #expect(notJSON?.path == nil)
    #expect(notJSON?.reason.hasPrefix("not valid JSON") == true)
    #expect(
      F.inputError("[1, 2]")?.description
        == "results.json: $: expected a JSON object (Promptfoo results or FlightDeck gate results), found an array"
    )
    #expect(
      F.inputError(#"{"results": {"version": 3, "prompts": []}}"#)?.description
        == "results.json: results.stats: missing: expected an object")
    #expect(
      F.inputError(#"{"results": {"version": 3, "stats": {"successes": "3", "failures": 1, "errors": 0}}}"#)?
        .description
        == #"results.json: results.stats.successes: expected a non-negative integer, found a string ("3")"#)
    #expect(
      F.inputError(#"{"results": {"version": 3, "stats": {"successes": 3, "failures": -1, "errors": 0}}}"#)?
        .description
        == "results.json: results.stats.failures: expected a non-negative integer, found a number (-1)")
    #expect(
      F.inputError(#"{"results": {"version": 3, "stats": {"successes": 3, "failures": 1}}}"#)?.description
        == "results.json: results.stats.errors: missing: expected a non-negative integer")
    #expect(
      F.inputError(#"{"results": {"version": 3, "stats": {"successes": 0, "failures": 0, "errors": 0}}}"#)?
        .description
        == "results.json: results.stats: no test cases ran (successes + failures + errors = 0); there is nothing to gate on"
    )
    #expect(
      F.inputError(#"{"results": {"version": 5, "stats": {"successes": 1, "failures": 0, "errors": 0}}}"#)?
        .description
        == "results.json: results.version: unsupported Promptfoo results format a number (5) (supported: 2, 3)"
    )
    #expect(
      F.inputError(#"{"results": {"stats": {"successes": 1, "failures": 0, "errors": 0}}}"#)?.path
        == "results.version")
    #expect(
      F.inputError(#"{"results": [1]}"#)?.description
        == "results.json: results: expected an object, found an array")
    #expect(
      F.inputError(
        #"{"results": {"version": 3, "prompts": [{"metrics": {"testPassCount": 1, "testFailCount": true}}], "stats": {"successes": 1, "failures": 0, "errors": 0}}}"#
      )?.description
        == "results.json: results.prompts[0].metrics.testFailCount: expected a non-negative integer, found a boolean (true)"
    )
    #expect(
      F.inputError(
        #"{"results": {"version": 3, "prompts": [{"metrics": {"testPassCount": 1, "testFailCount": 0, "namedScores": {"Tone": "high"}}}], "stats": {"successes": 1, "failures": 0, "errors": 0}}}"#
      )?.description
        == #"results.json: results.prompts[0].metrics.namedScores.Tone: expected a finite number, found a string ("high")"#
    )
    #expect(
      F.inputError(#"{"name": "x"}"#)?.description
        == "results.json: $: not a known gate input: expected Promptfoo results (with results.stats) or FlightDeck gate results (with metrics)"
    )
  }

  @Test func unusableInputMapsToExitTwo() {
    let e = GateFixtures.inputError("")
    #expect(e.flatMap { GateExitCode(error: $0) } == .inputUnusable)
    #expect(GateExitCode.inputUnusable.rawValue == 2)
    #expect(GateExitCode(error: CocoaError(.fileNoSuchFile)) == nil)
  }

  @Test func unreadableFileIsUnusable() {
    #expect(throws: GateInputError.self) {
      try GateInputReader.read(path: "/nonexistent/flightdeck/results.json", name: "results.json")
    }
  }
}

import FlightDeckCore
import FuzzSupport

/// Fuzzes the scenario reader (`flightdeck demo --scenario`, `simulate`):
/// ``Scenario/init(toml:fileName:)``. A refusal is fine when it is a
/// ``ScenarioError`` naming this file and a line ≥ 1 (or none). A scenario
/// that loads is within ``Scenario/Bounds`` and is simulated for up to 64
/// records over 31 days: every record is within ``TelemetryBounds``.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let text = FuzzInput.text(bytes, size) else { return 0 }
  let file = "scenario.toml"
  do {
    let scenario = try Scenario(toml: text, fileName: file)
    fuzzCheck(scenario.rate > 0 && scenario.rate <= Scenario.Bounds.rate, "rate \(scenario.rate)")
    fuzzCheck(!scenario.artefacts.isEmpty, "no artefact")
    for artefact in scenario.artefacts {
      fuzzCheck(artefact.share > 0 && artefact.share <= Scenario.Bounds.share, "share \(artefact.share)")
      if let sessions = artefact.sessions {
        fuzzCheck(
          Scenario.Bounds.concurrentSessions.contains(sessions.concurrent),
          "concurrent \(sessions.concurrent)")
      }
    }
    let start = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)
    var simulator = TrafficSimulator(scenario: scenario, seed: 1, start: start)
    let until = start.adding(milliseconds: Scenario.Bounds.offsetMs.upperBound)
    for record in simulator.records(until: until, maxRecords: 64) {
      fuzzCheck(
        record.latencyMs >= 0 && record.latencyMs <= TelemetryBounds.maxMilliseconds,
        "latency \(record.latencyMs)")
      fuzzCheck((record.ttftMs ?? 0) <= TelemetryBounds.maxMilliseconds, "TTFT \(record.ttftMs ?? 0)")
      fuzzCheck(record.inputTokens <= TelemetryBounds.maxTokens, "input tokens \(record.inputTokens)")
      fuzzCheck(record.outputTokens <= TelemetryBounds.maxTokens, "output tokens \(record.outputTokens)")
    }
  } catch let error as ScenarioError {
    fuzzCheck(error.file == file, "error names file '\(error.file)'")
    fuzzCheckLine(error.line, in: text, error)
  } catch {
    fuzzCheck(false, "unexpected error type \(type(of: error)): \(error)")
  }
  return 0
}

/// The executable's entry point (SwiftPM links `main` to `FuzzScenario_main`):
/// libFuzzer's driver, with ``fuzz(_:_:)`` as the function under test.
@_cdecl("FuzzScenario_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzDriver.run(argc: argc, argv: argv, fuzz)
}

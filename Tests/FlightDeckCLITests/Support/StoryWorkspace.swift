import Foundation
import Testing

/// One workspace with the demo's story played into it, made once for the
/// whole target by the real command: `flightdeck simulate --duration 10m
/// --seed-registry ws --play-rollouts --out telemetry --json` (the demo's
/// registry seeded, RO-1 on rag-answer stepped and aborted by the judge,
/// INC-1 opened by the page alert, 10 minutes of traffic written).
///
/// Reading tests use it as it is; a test that changes it works on
/// ``CLI/copy()``. Reach it only from a blocking body run through
/// `DedicatedThreadExecutor` (making it blocks for a few seconds).
enum StoryWorkspace {
  /// The harness whose folder holds `ws/` and `telemetry/`, and what
  /// `simulate --json` printed; `nil` when the executable is missing.
  struct Story: Sendable {
    /// The harness (its folder holds the workspace and the telemetry).
    let cli: CLI
    /// `simulate --json`'s document.
    let simulated: JSONValue
  }

  /// The story, made on first use.
  static let shared: Result<Story?, any Error> = Result {
    guard let cli = try CLI.make() else { return nil }
    let outcome = try cli.run([
      "simulate", "--duration", "10m", "--seed-registry", "ws", "--play-rollouts", "--out", "telemetry",
      "--seed", "7", "--json",
    ])
    guard outcome.status == 0, let simulated = JSONValue(outcome.stdout) else {
      throw StoryError(
        message: "simulate failed (\(outcome.status)): \(String(decoding: outcome.stderr, as: UTF8.self))")
    }
    return Story(cli: cli, simulated: simulated)
  }

  /// A failure to make the story.
  struct StoryError: Error, CustomStringConvertible {
    /// What went wrong.
    let message: String
    var description: String { message }
  }
}

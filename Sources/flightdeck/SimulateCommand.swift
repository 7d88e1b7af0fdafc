import ArgumentParser
import FlightDeckCore
import Foundation

/// `flightdeck simulate`: generate realistic traffic into rotating files.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Generate canary and shadow traffic from a scenario as FlightDeck JSON Lines.",
    discussion: """
      Writes OUT/telemetry.jsonl, rotating it by size (telemetry.jsonl.1, .2, …) so tailers see real \
      rotation. Without --duration it runs until interrupted.
      """)

  @Option(help: "Scenario file (TOML). Default: the built-in scenario.")
  var scenario: String?

  @Option(help: "Directory to write telemetry.jsonl into (created if missing).")
  var out: String

  @Option(help: "Total requests per second (default: the scenario's rate).")
  var rate: Double?

  @Option(help: "How long to simulate, in virtual time (e.g. 10m). Default: until interrupted.")
  var duration: String?

  @Option(help: "Virtual seconds per real second (default 1; 60 = an hour a minute).")
  var speed: Double = 1

  @Option(help: "Random seed; the same seed reproduces the same traffic.")
  var seed: UInt64?

  @Option(
    name: .customLong("rotate-bytes"),
    help: "Rotate the file when it would exceed this size (default 4194304).")
  var rotateBytes: Int = 4 << 20

  @Option(help: "Virtual start time (RFC 3339). Default: now.")
  var start: String?

  func validate() throws {
    if let rate, !(rate > 0 && rate.isFinite) { throw ValidationError("--rate must be a positive number") }
    if !(speed > 0 && speed.isFinite) { throw ValidationError("--speed must be a positive number") }
    if let duration, DurationText.milliseconds(duration) == nil {
      throw ValidationError("--duration: '\(duration)' is not a duration (examples: 90s, 10m, 1h)")
    }
    if rotateBytes < 1024 { throw ValidationError("--rotate-bytes must be at least 1024") }
    if let start, RFC3339Parser.parse(start) == nil {
      throw ValidationError("--start: '\(start)' is not an RFC 3339 time (e.g. 2025-06-01T00:00:00Z)")
    }
  }

  func run() throws {
    let loaded = try CLIError.wrapping { try Scenario.load(path: scenario) }
    let startTime = start.flatMap(RFC3339Parser.parse) ?? SystemClock().now()
    let simulator = TrafficSimulator(
      scenario: loaded, seed: seed ?? loaded.seed ?? 1, start: startTime, rate: rate)
    let writer: RotatingJSONLWriter
    do {
      writer = try RotatingJSONLWriter(directory: URL(fileURLWithPath: out), maxBytes: rotateBytes)
    } catch {
      throw CLIError("\(error)")
    }
    defer { writer.close() }
    StopSignals.install()
    var runner = SimulationRunner(
      simulator: simulator, speed: speed, durationMs: duration.flatMap(DurationText.milliseconds))
    let summary = try runner.run(
      clock: SystemClock(), sleep: { ms in usleep(UInt32(min(ms, 1000) * 1000)) },
      sink: { try writer.write($0) }, shouldStop: { StopSignals.received != 0 })
    let routes = Route.allCases.map { "\($0.rawValue) \(summary.recordsByRoute[$0] ?? 0)" }.joined(
      separator: ", ")
    print(
      "wrote \(summary.records) records (\(routes)) to \(writer.currentPath), \(writer.rotations) rotations, "
        + "virtual end \(summary.virtualEnd.rfc3339)")
  }
}

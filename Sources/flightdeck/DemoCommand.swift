import ArgumentParser
import FlightDeckCore
import Foundation

/// `flightdeck demo`: the simulator on the built-in scenario, into a
/// temporary folder, with the dashboard on it.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Simulate canary traffic into a temporary folder and open the dashboard on it.",
    discussion: """
      Generates five minutes of history at once, then live traffic in real time: five artefacts, \
      a support-bot canary whose error rate rises to 8 % and whose p95 doubles at minute 4, a \
      shadow deployment and an artefact with no price. The folder is removed on exit.
      """)

  @Option(help: "Scenario file (TOML). Default: the built-in scenario.")
  var scenario: String?

  @Option(help: "Random seed for the simulated traffic.")
  var seed: UInt64 = 1

  @OptionGroup var display: DisplayOptions

  func run() throws {
    let loaded = try CLIError.wrapping { try Scenario.load(path: scenario) }
    var template = "/tmp/flightdeck-demo-XXXXXX".utf8CString
    guard let dirPointer = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
      throw CLIError("cannot create a temporary folder in /tmp: \(String(cString: strerror(errno)))")
    }
    let dir = String(cString: dirPointer)
    defer { try? FileManager.default.removeItem(atPath: dir) }

    // Five minutes of history written before the screen opens, then real time.
    let backfillMs: Int64 = 5 * 60_000
    let start = SystemClock().now().adding(milliseconds: -backfillMs)
    var simulator = TrafficSimulator(scenario: loaded, seed: seed, start: start)
    do {
      let writer = try RotatingJSONLWriter(directory: URL(fileURLWithPath: dir))
      try writer.write(simulator.records(until: start.adding(milliseconds: backfillMs)))
      writer.close()
    } catch {
      throw CLIError("\(error)")
    }
    let producer = DemoProducer(
      runner: SimulationRunner(simulator: simulator, speed: 1, backfillMs: backfillMs), directory: dir)
    let thread = Thread { producer.run() }
    thread.start()
    defer { producer.stopAndWait() }
    var options = EngineOptions()
    options.sinceMs = 15 * 60_000
    let status = try DashboardSession.run(
      patterns: [dir], options: options, themeChoice: display.theme, readOnly: display.readOnly,
      banner: "demo: simulated traffic in \(dir); support-bot's canary v13 degraded at minute 4 — ? for keys")
    if status != 0 { throw ExitCode(status) }
  }
}

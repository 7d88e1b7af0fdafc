import ArgumentParser
import FlightDeckCore
import Foundation
import Synchronization

/// `flightdeck rollout drive ARTEFACT PATH…`: run a rollout on live telemetry.
struct RolloutDriveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "drive",
    abstract: "Drive ARTEFACT's rollout on telemetry: tick it and judge its analysis steps until it ends.",
    discussion: """
      Every --interval: ticks the rollout (timed pauses end, weights change through the registry) and, \
      when an analysis step asks for a measurement, reads the telemetry files, judges the rollout's \
      canary version (canary route) against the production version (stable route) over the last \
      --window of the artefact's requests (see `analysis show` and the Judge article), and records the \
      verdict as the measurement: a failed analysis aborts the rollout (weight 0, version rolled back), \
      an inconclusive one holds it for a human. Every step is audited as the rollout controller \
      (system:rollout-controller), with the operator who started the rollout in the entry. Stops when the rollout is promoted \
      or aborted, on Ctrl-C, or after one step with --once. With `flightdeck demo` running, point PATH \
      at the demo's telemetry folder and the workspace at .flightdeck-demo: the simulated traffic \
      follows the weights, so the loop is closed.
      --json prints one JSON object per line instead of text, one per step shown: \
      {"rollout":{…as rollout status --json},"changed":bool,"measurement":{…as analysis show --json}|null}.
      Exit codes: 0 the rollout ended (promoted or aborted) or --once done; 1 refused, unreadable \
      telemetry or a storage failure; 64 bad arguments; 130/143 after Ctrl-C/SIGTERM.
      """)

  @OptionGroup var options: RegistryOptions

  @Argument(help: "The artefact whose rollout to drive.")
  var artefact: String

  @Argument(help: "Telemetry files or folders (every file in a folder).", completion: .file())
  var paths: [String]

  @Option(help: "Time between two steps (e.g. 5s, 30s; 100ms to 1h).")
  var interval: String = "5s"

  @Option(
    help: "Analysis window: the artefact's requests over this long before its newest one (1s to 31 days).")
  var window: String = "5m"

  @Flag(help: "Take one step and stop.")
  var once = false

  func validate() throws {
    _ = try OptionValue.duration(interval, "--interval", OptionBounds.driveInterval)
    _ = try OptionValue.duration(window, "--window", OptionBounds.analysisWindow)
  }

  func run() throws {
    let windowMs = DurationText.milliseconds(window) ?? 300_000
    let intervalMs = DurationText.milliseconds(interval) ?? 5_000
    let files = try TelemetryPaths.expand(paths)
    try RegistryCLI.run {
      let context = try RegistryContext(options)
      let store = try context.open()
      let name = artefact
      let warned = Mutex<Set<String>>([])
      let driver = RolloutDriver(
        artefact: name, store: store,
        samples: { a in
          guard
            let collected = try? AnalysisSampleCollector.collect(
              paths: files, artefact: a, windowMs: windowMs)
          else { return nil }
          // A file that cannot be read is left out and named once, as the
          // dashboard marks such a source failing and goes on.
          for f in collected.scan.unreadableFiles where warned.withLock({ $0.insert(f.description).inserted })
          {
            UnreadableTelemetryFiles.warn([f])
          }
          return collected.collector
        })
      StopSignals.install()
      while true {
        let step = try driver.step()
        if let rollout = step.rollout, step.changed || once, options.json {
          RegistryCLI.printJSON(
            .object([
              "rollout": RolloutCLI.rollout(rollout), "changed": .bool(step.changed),
              "measurement": step.verdict.map(RolloutCLI.verdict) ?? .null,
            ]))
        } else if let rollout = step.rollout, step.changed || once {
          var line = "\(rollout.displayID) \(rollout.state.phase.rawValue): \(rollout.state.message)"
          if let v = step.verdict { line += " — measurement: \(v.summary)" }
          RegistryCLI.say(line)
        }
        guard let rollout = step.rollout, !rollout.state.phase.isFinished, !once else { return }
        var slept: Int64 = 0
        while slept < intervalMs {
          if StopSignals.received != 0 { throw ExitCode(128 + StopSignals.received) }
          usleep(UInt32(min(200, intervalMs - slept)) * 1000)
          slept += 200
        }
      }
    }
  }
}

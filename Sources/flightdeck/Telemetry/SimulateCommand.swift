import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import Foundation

/// `flightdeck simulate`: generate realistic traffic into rotating files.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Generate canary and shadow traffic from a scenario as FlightDeck JSON Lines.",
    discussion: """
      Writes OUT/telemetry.jsonl, rotating it by size (telemetry.jsonl.1, .2, …) so tailers see real \
      rotation. Without --duration it runs until interrupted; Ctrl-C, SIGTERM and SIGHUP stop it on a \
      whole line and it exits 130, 143 or 129.

      Bounds (refused with exit 64): --rate at most \(maxRate) requests per second, --speed at most \
      \(maxSpeed), --duration at most 31 days, and rate × speed at most \(maxVirtualRate) \
      requests per real second (the scenario's rate counts when --rate is not given). Records go to the \
      file in batches of at most 100 000.

      --json prints one document at the end instead of text: {"records","records_by_route":{route:n},\
      "path","rotations","deleted_rotations","virtual_end","stopped_by_signal":int|null,\
      "seeded_registry":{"path","artefacts","pending_request":str|null}|null}; with --play-rollouts \
      also "rollouts":[{"id","artefact","canary_version","started_at"}|{"artefact","skipped"}], \
      "measurements":[{"at","artefact","verdict":str|null,"rollout":str|null,"phase":str|null,\
      "canary_weight":int|null}] and "incidents":[{"id","severity","opened_at","title"}].
      """)

  /// Most requests per second `--rate` (or the scenario's rate) may ask for
  /// (``OptionBounds/simulationRate``).
  static let maxRate = OptionBounds.simulationRate.upper
  /// Largest `--speed` (virtual seconds per real second, ``OptionBounds/simulationSpeed``).
  static let maxSpeed = OptionBounds.simulationSpeed.upper
  /// Longest `--duration`: 31 days in ms (``OptionBounds/simulationLength``).
  static let maxDurationMs: Int64 = OptionBounds.simulationLength.range.upperBound
  /// Largest rate × speed, in requests generated per real second.
  static let maxVirtualRate = 10_000_000.0

  @Option(
    help: "Scenario file (TOML). Default: the built-in scenario.", completion: .file(extensions: ["toml"]))
  var scenario: String?

  @Option(help: "Directory to write telemetry.jsonl into (created if missing).", completion: .directory)
  var out: String

  @Option(
    help: "Total requests per second (more than 0, at most 100000; default: the scenario's rate).",
    transform: OptionValue.decimal(OptionBounds.simulationRate))
  var rate: Double?

  @Option(
    help: "How long to simulate, in virtual time (e.g. 10m; at most 31 days). Default: until interrupted.")
  var duration: String?

  @Option(
    help: "Virtual seconds per real second (60 = an hour a minute; at most 100000).",
    transform: OptionValue.decimal(OptionBounds.simulationSpeed))
  var speed: Double = 1

  @Option(
    help: "Random seed (0 to 2^64-1); the same seed reproduces the same traffic.", transform: OptionValue.seed
  )
  var seed: UInt64?

  @Option(
    name: .customLong("rotate-bytes"),
    help: "Rotate the file when it would exceed this size (1024 to 1099511627776, default 4194304).",
    transform: OptionValue.count(OptionBounds.rotateBytes))
  var rotateBytes: Int = 4 << 20

  @Option(
    help: ArgumentHelp(
      "Rotated files to keep (telemetry.jsonl.1 … .N, default 3).",
      discussion:
        "Older rotated files are deleted, as logrotate's `rotate N` does; the summary says how many."),
    transform: OptionValue.count(OptionBounds.rotatedFiles))
  var keep: Int = 3

  @Option(
    help: ArgumentHelp(
      "Virtual start time (RFC 3339). Default: now, or with --duration now − duration.",
      discussion:
        "With --duration the run ends now by default, so a story it writes (--play-rollouts) lies in the past "
        + "and an incident acknowledged afterwards has a real time to acknowledge."))
  var start: String?

  @Option(
    name: .customLong("seed-registry"),
    help: ArgumentHelp(
      "Also create a registry workspace in this folder, seeded to match the scenario.",
      discussion:
        "As `flightdeck demo` seeds its own: pointers, a past of approved promotions dated before the run's "
        + "end, one artefact left unregistered and one pending request, and the demo's alert rules and SLOs "
        + "in the workspace's flightdeck.toml. Refused if the folder already holds a "
        + "registry. Open it with `dashboard --workspace` or `render --workspace`."))
  var seedRegistry: String?

  @Flag(
    help: ArgumentHelp(
      "With --seed-registry: play the scenario's [[rollout]] story in virtual time.",
      discussion:
        "The registry is seeded as of 5 minutes into the run (when `flightdeck demo` opens its screen), the "
        + "scenario's rollouts start then, and from then on the traffic follows the registry, every rollout is "
        + "ticked and judged and the demo's alert rules and SLOs are evaluated (page alerts open incidents), "
        + "exactly as in the demo, but as fast as the machine goes (--speed is ignored). "
        + "Needs --duration longer than 5m."))
  var playRollouts = false

  @Flag(help: "Print one JSON document at the end instead of text.")
  var json = false

  func validate() throws {
    if let scenario { try ConfigPathCheck.validate(scenario, option: "--scenario") }
    if playRollouts {
      guard seedRegistry != nil else { throw ValidationError("--play-rollouts needs --seed-registry DIR") }
      guard let ms = duration.flatMap(DurationText.milliseconds), ms > Self.storyOpensMs else {
        throw ValidationError("--play-rollouts needs a --duration longer than 5m (the story starts at 5m)")
      }
    }
    if let duration { _ = try OptionValue.duration(duration, "--duration", OptionBounds.simulationLength) }
    if let rate, rate * speed > Self.maxVirtualRate {
      throw ValidationError(
        "--rate × --speed is \(rate * speed) requests per real second; at most 10000000 (lower one of them)")
    }
    if let start, RFC3339Parser.parse(start) == nil {
      throw ValidationError(
        "--start: '\(RegistryNames.excerpt(start))' is not an RFC 3339 time (e.g. 2025-06-01T00:00:00Z)")
    }
    // RFC 3339 has four-digit years: the run must end before year 10000.
    let lastInstant = Timestamp(millisecondsSinceEpoch: 253_402_300_799_999)  // 9999-12-31T23:59:59.999Z
    if let begin = start.flatMap(RFC3339Parser.parse) {
      let length = duration.flatMap(DurationText.milliseconds) ?? 0
      if begin.millisecondsSinceEpoch > lastInstant.millisecondsSinceEpoch - length {
        throw ValidationError(
          "--start: the run would end after 9999-12-31T23:59:59Z (RFC 3339 years have four digits)")
      }
    }
  }

  func run() throws {
    let loaded = try CLIError.wrapping { try Scenario.load(path: scenario) }
    if rate == nil {
      guard loaded.rate <= Self.maxRate else {
        throw ValidationError(
          "the scenario's rate \(loaded.rate) req/s is above 100000; pass a lower --rate")
      }
      guard loaded.rate * speed <= Self.maxVirtualRate else {
        throw ValidationError(
          "the scenario's rate (\(loaded.rate) req/s) × --speed \(speed) is above 10000000 requests per "
            + "real second; lower --speed or pass a lower --rate")
      }
    }
    let startTime = SimulationRunner.defaultStart(
      given: start.flatMap(RFC3339Parser.parse), durationMs: duration.flatMap(DurationText.milliseconds),
      now: SystemClock().now())
    let simulator = TrafficSimulator(
      scenario: loaded, seed: seed ?? loaded.seed ?? 1, start: startTime, rate: rate)
    var seededJSON = CanonicalJSON.Value.null
    if let seedRegistry {
      let ws = RegistryWorkspace(directory: seedRegistry)
      guard try !ws.storeExists() else {
        throw CLIError("--seed-registry: \(ws.storeLocation) already exists; give a new folder")
      }
      let end = startTime.adding(milliseconds: duration.flatMap(DurationText.milliseconds) ?? 0)
      let now = playRollouts ? startTime.adding(milliseconds: Self.storyOpensMs) : end
      let clock = ManualClock(start: now.adding(milliseconds: -14 * 86_400_000))
      do {
        let store = try ws.create(clock: clock, policy: .standard, actor: DemoRegistrySeed.operators[0])
        let seeded = try DemoRegistrySeed.seed(store, scenario: loaded, clock: clock, now: now)
        // The demo's alert rules and SLOs, which the played story is judged by,
        // so `retro`, `kpi` and the replay on this workspace know them too.
        try DemoWorkspaceConfiguration.write(into: ws)
        seededJSON = .object([
          "path": .string(seedRegistry), "artefacts": .integer(Int64(seeded.artefacts.count)),
          "pending_request": .optional(seeded.pendingRequest?.displayID),
        ])
        if !json {
          print(
            "seeded registry \(seedRegistry): \(seeded.artefacts.count) artefacts"
              + (seeded.pendingRequest.map { ", \($0.displayID) pending (\($0.approvalText))" } ?? ""))
        }
        if playRollouts {
          try playStory(
            loaded, simulator: simulator, store: store, clock: clock, opensAt: now, end: end,
            seeded: seededJSON)
          return
        }
      } catch let e as RegistryError {
        throw CLIError("--seed-registry: \(e.message)")
      }
    }
    let writer = try openWriter()
    defer { writer.close() }
    StopSignals.install()
    var runner = SimulationRunner(
      simulator: simulator, speed: speed, durationMs: duration.flatMap(DurationText.milliseconds))
    let summary = try runner.run(
      clock: SystemClock(), sleep: { ms in usleep(UInt32(min(ms, 1000) * 1000)) },
      sink: { try writer.write($0) }, shouldStop: { StopSignals.received != 0 })
    writer.close()  // on a whole line: the writer only ever writes whole records
    let signal = StopSignals.received
    let deleted = max(0, writer.rotations - keep)
    if json {
      RegistryCLI.printJSON(
        .object([
          "records": .integer(Int64(summary.records)),
          "records_by_route": .object(
            Dictionary(
              uniqueKeysWithValues: Route.allCases.map {
                ($0.rawValue, CanonicalJSON.Value.integer(Int64(summary.recordsByRoute[$0] ?? 0)))
              })),
          "path": .string(writer.currentPath), "rotations": .integer(Int64(writer.rotations)),
          "deleted_rotations": .integer(Int64(deleted)), "virtual_end": .string(summary.virtualEnd.rfc3339),
          "stopped_by_signal": signal != 0 ? .integer(Int64(signal)) : .null, "seeded_registry": seededJSON,
        ]))
      if signal != 0 { throw ExitCode(128 + signal) }
      return
    }
    let routes = Route.allCases.map { "\($0.rawValue) \(summary.recordsByRoute[$0] ?? 0)" }.joined(
      separator: ", ")
    print(
      "wrote \(PaneFormat.count(summary.records, "record")) (\(routes)) to \(writer.currentPath), "
        + "\(PaneFormat.count(writer.rotations, "rotation")), virtual end \(summary.virtualEnd.rfc3339)")
    if writer.rotations > keep {
      print(
        "kept the \(PaneFormat.count(keep, "newest rotated file")); "
          + "\(PaneFormat.count(writer.rotations - keep, "older file")) deleted (--keep N keeps more)")
    }
    // 128 + signal number, as shells report a process killed by it (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).
    if signal != 0 { throw ExitCode(128 + signal) }
  }

  /// When the demo opens its screen: after 5 minutes of backfill (ms).
  static let storyOpensMs: Int64 = 5 * 60_000

  /// The output writer.
  /// - Throws: `CLIError` when `--out` cannot be created or written.
  private func openWriter() throws -> RotatingJSONLWriter {
    do {
      return try RotatingJSONLWriter(directory: URL(fileURLWithPath: out), maxBytes: rotateBytes, keep: keep)
    } catch {
      throw CLIError("\(error)")
    }
  }

  /// `--play-rollouts`: starts the story's rollouts at `opensAt` and plays
  /// the run to `end` with ``ScenarioStoryPlayer``, printing each measurement.
  /// - Throws: `CLIError` for a write error; ``RegistryError`` from the store.
  private func playStory(
    _ scenario: Scenario, simulator: TrafficSimulator, store: any RegistryStore, clock: ManualClock,
    opensAt: Timestamp, end: Timestamp, seeded: CanonicalJSON.Value
  ) throws {
    let started = try DemoRegistrySeed.startRollouts(
      store, scenario: scenario, as: DemoRegistrySeed.operators[0])
    for r in started where !json {
      print(
        TerminalText.sanitize(
          r.started.map {
            "\($0.displayID) \(r.artefact) \($0.plan.canaryVersion) started at \(opensAt.rfc3339)"
          }
            ?? "\(r.artefact): \(r.skipped ?? "not started")"))
    }
    let writer = try openWriter()
    defer { writer.close() }
    // The demo's alert rules and SLOs: the page alert opens its incident here too.
    let alertsConfig = DemoCommand.demoConfiguration().alerts
    var groups: [AlertRuleGroup] = []
    if let path = alertsConfig.rulesPath {
      do { groups = try AlertRulesLoader.load(path: path) } catch { throw CLIError("\(error)") }
    }
    var player = ScenarioStoryPlayer(
      scenario: scenario, simulator: simulator, store: store, clock: clock, opensAt: opensAt,
      alerts: AlertEngine(configuration: alertsConfig, groups: groups),
      keeper: AlertKeeper(configuration: alertsConfig, store: store))
    var written = 0
    let measurements: [ScenarioStoryPlayer.Measurement]
    do {
      measurements = try player.play(until: end) { batch in
        try writer.write(batch)
        written += batch.count
      }
    } catch let e as RegistryError {
      throw e
    } catch {
      throw CLIError("\(error)")
    }
    writer.close()
    let incidents = try store.incidents(states: nil, limit: 10).reversed()
    if json {
      let rollouts: [CanonicalJSON.Value] = started.map { r in
        guard let s = r.started else {
          return .object(["artefact": .string(r.artefact), "skipped": .string(r.skipped ?? "not started")])
        }
        return .object([
          "id": .string(s.displayID), "artefact": .string(r.artefact),
          "canary_version": .string(s.plan.canaryVersion),
          "started_at": .string(opensAt.rfc3339),
        ])
      }
      RegistryCLI.printJSON(
        .object([
          "seeded_registry": seeded, "rollouts": .array(rollouts),
          "measurements": .array(
            measurements.map { m in
              .object([
                "at": .string(m.at.rfc3339), "artefact": .string(m.artefact),
                "verdict": .optional(m.verdict?.summary), "rollout": .optional(m.rollout?.displayID),
                "phase": .optional(m.rollout?.state.phase.rawValue),
                "canary_weight": m.rollout.map { .integer(Int64($0.state.canaryWeight)) } ?? .null,
              ])
            }),
          "incidents": .array(
            incidents.map { i in
              .object([
                "id": .string(i.displayID), "severity": .string(i.severity.rawValue),
                "opened_at": .string(i.openedAt.rfc3339), "title": .string(i.title),
              ])
            }),
          "records": .integer(Int64(written)), "path": .string(writer.currentPath),
          "virtual_end": .string(end.rfc3339),
        ]))
      return
    }
    for m in measurements {
      let phase =
        m.rollout.map { "\($0.displayID) \($0.state.phase.rawValue) at \($0.state.canaryWeight) %" } ?? ""
      print(
        TerminalText.sanitize(
          "\(m.at.rfc3339) \(m.artefact): \(m.verdict?.summary ?? "no verdict") → \(phase)"))
    }
    for i in incidents {
      print(
        TerminalText.sanitize(
          "\(i.displayID) \(i.severity.rawValue) opened \(i.openedAt.rfc3339): \(i.title)"))
    }
    print("wrote \(PaneFormat.count(written, "record")) to \(writer.currentPath), virtual end \(end.rfc3339)")
  }
}

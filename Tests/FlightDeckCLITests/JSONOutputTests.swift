import FlightDeckTestSupport
import Foundation
import Testing

/// Every reading command's `--json`, run on the played story
/// (``StoryWorkspace``): each prints one document that Foundation's own JSON
/// parser reads, and its figures agree with what another command — or the
/// generator itself — says about the same data.
@Suite struct JSONOutputTests {
  /// The commands this suite runs with `--json` (see ``CommandTreeTests``).
  static let covered: Set<String> = [
    "simulate", "replay", "registry list", "registry show", "requests", "history", "audit verify",
    "audit checkpoint", "audit export", "analysis show", "whatif", "rollout status", "rules check",
    "alerts list",
    "alerts eval", "silence list", "incident list", "incident show", "retro", "kpi", "notifications list",
    "routing status", "info",
  ]

  /// The story, or `nil` (skip) without the executable.
  static func story() throws -> StoryWorkspace.Story? { try StoryWorkspace.shared.get() }

  @Test func replayCountsWhatTheGeneratorWrote() async throws {
    try await DedicatedThreadExecutor.run("cli-json-replay") {
      guard let story = try Self.story() else { return }
      let doc = try story.cli.json(["replay", "telemetry", "--json"])
      let rows = doc?["rows"]?.array ?? []
      let requests = rows.compactMap { $0["requests"]?.int }.reduce(0, +)
      // simulate counts the records it writes; replay parses the files back.
      #expect(requests == story.simulated["records"]?.int)
      #expect(requests > 10_000)
      // --format json is the same document.
      let same = try story.cli.run(["replay", "telemetry", "--format", "json"])
      let json = try story.cli.run(["replay", "telemetry", "--json"])
      #expect(same.stdout == json.stdout)
    }
  }

  @Test func registryRequestsAndHistoryAgreeWithTheSeed() async throws {
    try await DedicatedThreadExecutor.run("cli-json-registry") {
      guard let story = try Self.story() else { return }
      let cli = story.cli
      let seeded = story.simulated["seeded_registry"]
      let list = try cli.json(["registry", "list", "--workspace", "ws", "--json"])
      let artefacts = list?["artefacts"]?.array ?? []
      #expect(artefacts.count == seeded?["artefacts"]?.int)
      let names = Set(artefacts.compactMap { $0["name"]?.string })
      #expect(names == ["intent-classifier", "rag-answer", "summarizer", "support-bot"])

      let requests = try cli.json(["requests", "--workspace", "ws", "--json"])?["requests"]?.array ?? []
      #expect(requests.compactMap { $0["display_id"]?.string } == [seeded?["pending_request"]?.string ?? "?"])
      #expect(requests.first?["state"]?.string == "pending")

      // The production pointer `registry show` reports is the last production move `history` lists.
      let show = try cli.json(["registry", "show", "rag-answer", "--workspace", "ws", "--json"])
      let moves =
        try cli.json(["history", "rag-answer", "--workspace", "ws", "--json"])?["moves"]?.array ?? []
      let lastProduction = moves.last { $0["pointer"]?.string == "production" }
      #expect(show?["pointers"]?["production"]?["version"]?.string == lastProduction?["to_version"]?.string)
      #expect(lastProduction?["to_version"]?.string == "p7")
    }
  }

  @Test func auditVerifyCheckpointAndExportCountTheSameChain() async throws {
    try await DedicatedThreadExecutor.run("cli-json-audit") {
      guard let story = try Self.story() else { return }
      let cli = story.cli
      let verify = try cli.json(["audit", "verify", "--workspace", "ws", "--json"])
      let checkpoint = try cli.json(["audit", "checkpoint", "--workspace", "ws", "--json"])
      let export = try cli.json(["audit", "export", "--workspace", "ws", "--json"])
      let entries = export?["entries"]?.array ?? []
      #expect(verify?["intact"]?.bool == true)
      #expect(verify?["entries_checked"]?.int == entries.count)
      #expect(checkpoint?["sequence"]?.int == entries.count)
      #expect(checkpoint?["hash"]?.string == entries.last?["hash"]?.string)
      #expect(verify?["head_hash"]?.string == entries.last?["hash"]?.string)
      // The JSON Lines export holds the same entries, one per line.
      let lines = try cli.run(["audit", "export", "--workspace", "ws"]).text.split(separator: "\n")
      #expect(lines.count == entries.count)
      try cli.expect(
        ["audit", "export", "--workspace", "ws", "--json", "--format", "csv"], exit: 64,
        stderr: ["--json and --format csv ask for two outputs"])
    }
  }

  @Test func theStoryIncidentRolloutAndAlertAgree() async throws {
    try await DedicatedThreadExecutor.run("cli-json-incident") {
      guard let story = try Self.story() else { return }
      let cli = story.cli
      let simulatedIncident = story.simulated["incidents"]?[0]
      let incidents =
        try cli.json(["incident", "list", "--workspace", "ws", "--json"])?["incidents"]?.array ?? []
      let inc = incidents.first { $0["display_id"]?.string == "INC-1" }
      #expect(inc?["severity"]?.string == simulatedIncident?["severity"]?.string)
      #expect(inc?["title"]?.string == simulatedIncident?["title"]?.string)
      let show = try cli.json(["incident", "show", "INC-1", "--workspace", "ws", "--json"])
      #expect(show?["incident"]?["display_id"]?.string == "INC-1")

      // The incident's alert is an instance `alerts list` knows, with the same fingerprint.
      let fingerprint = inc?["links"]?["alerts"]?[0]?["fingerprint"]?.string
      let alerts = try cli.json(["alerts", "list", "--workspace", "ws", "--json"])?["alerts"]?.array ?? []
      #expect(fingerprint != nil)
      #expect(
        alerts.contains {
          $0["fingerprint"]?.string == fingerprint && $0["alert"]?.string == "CanaryHighErrorRate"
        })

      // The rollout's last phase is the one simulate printed for its last measurement.
      let rollouts =
        try cli.json(["rollout", "status", "--workspace", "ws", "--json"])?["rollouts"]?.array ?? []
      let lastMeasurement = (story.simulated["measurements"]?.array ?? []).last {
        $0["rollout"]?.string == "RO-1"
      }
      #expect(
        rollouts.first { $0["display_id"]?.string == "RO-1" }?["phase"]?.string
          == lastMeasurement?["phase"]?.string)
      #expect(lastMeasurement?["phase"]?.string == "aborted")

      let retro = try cli.json(["retro", "INC-1", "--workspace", "ws", "--json"])
      #expect(retro?["incident"]?["display_id"]?.string == "INC-1")
      #expect(retro?["markdown"]?.string?.hasPrefix("# INC-1: ") == true)
      // The Markdown is what the command prints without --json (but the open
      // incident's duration, which grows between the two runs).
      func lasting(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { !$0.hasPrefix("| Duration |") }
      }
      let markdown = try cli.run(["retro", "INC-1", "--workspace", "ws"]).text
      #expect(lasting(markdown) == lasting(retro?["markdown"]?.string ?? ""))
    }
  }

  @Test func alertReplayAnalysisAndWhatIfReadTheTelemetry() async throws {
    try await DedicatedThreadExecutor.run("cli-json-telemetry") {
      guard let story = try Self.story() else { return }
      let cli = story.cli
      let rules = FlightDeckBinary.repositoryRoot.appendingPathComponent(
        "Sources/FlightDeckCore/Resources/default-alerts.yml"
      ).path
      let check = try cli.json(["rules", "check", rules, "--json"])
      let groups = check?["files"]?[0]?["groups"]?.array ?? []
      #expect(check?["files"]?[0]?["valid"]?.bool == true)
      #expect(groups.flatMap { $0["rules"]?.array ?? [] }.count == 3)

      let eval = try cli.json(["alerts", "eval", "--rules", rules, "telemetry", "--json"])
      let transitions = eval?["transitions"]?.array ?? []
      #expect(eval?["records"]?.int == story.simulated["records"]?.int)
      #expect(
        transitions.contains {
          $0["to"]?.string == "firing" && $0["alert"]?["alert"]?.string == "CanaryHighErrorRate"
            && $0["alert"]?["labels"]?["artefact"]?.string == "rag-answer"
        })
      #expect(eval?["rules"]?.int == 3)

      let analysis = try cli.json(["analysis", "show", "rag-answer", "telemetry", "--json"])
      #expect(analysis?["canary_version"]?.string == "p8")
      #expect(analysis?["baseline_version"]?.string == "p7")
      #expect(analysis?["metrics"]?[0]?["p_value"] != nil)

      let whatif = try cli.json(["whatif", "rag-answer", "--weight", "20", "telemetry", "--json"])
      #expect(whatif?["artefact"]?.string == "rag-answer")
    }
  }

  /// `config.toml` in the operator's configuration folder names the workspace,
  /// so the registry commands find it from any folder; `info` says where everything is.
  @Test func theOperatorsConfigurationFindsTheWorkspace() async throws {
    try await DedicatedThreadExecutor.run("cli-json-info") {
      guard let story = try Self.story() else { return }
      let cli = story.cli
      let configDir = cli.path("xdg-config/flightdeck")
      try FileManager.default.createDirectory(atPath: configDir, withIntermediateDirectories: true)
      try Data("workspace = \"\(cli.path("ws"))\"\n".utf8).write(
        to: URL(fileURLWithPath: configDir + "/config.toml"))
      let elsewhere = CLI(binary: cli.binary, directory: FileManager.default.temporaryDirectory)
      // XDG_CONFIG_HOME is followed when FLIGHTDECK_CONFIG_DIR is not set.
      let settings = ["FLIGHTDECK_CONFIG_DIR": "", "XDG_CONFIG_HOME": cli.path("xdg-config")]
      let listed = try elsewhere.run(["registry", "list", "--json"], settings: settings)
      #expect(listed.status == 0)
      #expect((JSONValue(listed.stdout)?["artefacts"]?.array?.count ?? 0) == 4)
      let info = try elsewhere.run(["info", "--json"], settings: settings)
      let doc = JSONValue(info.stdout)
      #expect(doc?["configuration"]?["file"]?.string == configDir + "/config.toml")
      #expect(doc?["configuration"]?["chosen_by"]?.string == "XDG_*")
      #expect(doc?["configuration"]?["file_exists"]?.bool == true)
      #expect(doc?["workspace"]?["folder"]?.string == cli.path("ws"))
      #expect(doc?["workspace"]?["exists"]?.bool == true)
      #expect(doc?["store"]?.string == "sqlite:" + cli.path("ws") + "/registry.sqlite")
      // A bad config.toml is named with its line, and nothing runs.
      try Data("workspace = 12\n".utf8).write(to: URL(fileURLWithPath: configDir + "/config.toml"))
      let bad = try elsewhere.run(["registry", "list"], settings: settings)
      #expect(bad.status == 1)
      #expect(String(decoding: bad.stderr, as: UTF8.self).contains("config.toml:1"))
    }
  }

  @Test func listsOfTheRestParse() async throws {
    try await DedicatedThreadExecutor.run("cli-json-rest") {
      guard let story = try Self.story() else { return }
      let cli = story.cli
      #expect(
        try cli.json(["silence", "list", "--workspace", "ws", "--json"])?["silences"]?.array?.count == 0)
      // No receivers are configured: every event waits in the outbox, the newest first.
      let notifications =
        try cli.json(["notifications", "list", "--workspace", "ws", "--json"])?["notifications"]?.array ?? []
      #expect(!notifications.isEmpty)
      #expect(notifications.allSatisfy { $0["state"]?.string == "pending" })
      let routing = try cli.json(["routing", "status", "--workspace", "ws", "--json"])
      #expect(routing?["targets"]?.array?.count == 0)
      let kpi = try cli.json(["kpi", "--since", "1w", "--workspace", "ws", "--json"])
      #expect(kpi?["releases"]?.int != nil)
    }
  }
}

import FlightDeckTestSupport
import Foundation
import Testing

/// The commands that change things, run end to end on a copy of the played
/// story (``StoryWorkspace``): each success with `--json` (the outcome
/// parses and says what changed), each refusal with its exit code and
/// message, each bad argument with 64. The expected outcomes follow from the
/// demo's seed: REQ-12 (support-bot v13 to production, high tier: two
/// approvers other than alice) pending; RO-1 on rag-answer aborted by the
/// judge; INC-1 opened by the page alert.
@Suite struct WorkflowTests {
  /// The commands these tests run with `--json` (see ``CommandTreeTests``).
  static let coveredWithJSON: Set<String> = [
    "init", "registry register", "registry import", "promote", "approve", "reject", "cancel", "rollback",
    "store migrate", "gate check", "rollout start", "rollout tick", "rollout drive", "rollout promote",
    "rollout abort", "rollout pause", "rollout resume", "rollout retry", "alerts ack", "silence add",
    "silence expire", "incident open", "incident ack", "incident assign", "incident note",
    "incident severity",
    "incident mitigate", "incident resolve", "notifications deliver", "notifications retry",
    "routing publish",
  ]

  /// A copy of the story to change, or `nil` (skip) without the executable.
  static func story() throws -> CLI? { try StoryWorkspace.shared.get()?.cli.copy() }

  @Test func fourEyesPromotionRejectCancelAndRollback() async throws {
    try await DedicatedThreadExecutor.run("cli-workflow-promotion") {
      guard let cli = try Self.story() else { return }
      defer { cli.remove() }
      let ws = ["--workspace", "ws", "--json"]
      // The requester cannot approve (four-eyes): refused by the policy, exit 1, nothing printed on stdout.
      let own = try cli.expect(["approve", "REQ-12"] + ws, exit: 1, stderr: ["four-eyes"])
      #expect(own.stdout.isEmpty)
      let first = try cli.json(["approve", "REQ-12"] + ws, user: "bob")
      #expect(first?["request"]?["approvals"]?.int == 1)
      #expect(first?["moves"]?.array?.count == 0)
      let second = try cli.json(["approve", "REQ-12"] + ws, user: "carol")
      #expect(second?["moves"]?[0]?["to_version"]?.string == "v13")
      #expect(second?["moves"]?[0]?["from_version"]?.string == "v12")
      #expect(second?["request"]?["state"]?.string == "applied")
      // Approving a closed request is refused: changed since you looked.
      try cli.expect(
        ["approve", "REQ-12", "--workspace", "ws"], exit: 1, user: "carol", stderr: ["already applied"])
      let show = try cli.json(["registry", "show", "support-bot"] + ws)
      #expect(show?["pointers"]?["production"]?["version"]?.string == "v13")

      // Request and cancel; request and reject.
      let gatesNeverRan = try cli.expect(
        ["promote", "summarizer", "distill-v2", "--reason", "try", "--workspace", "ws"], exit: 1,
        stderr: ["gates never ran"])
      #expect(gatesNeverRan.stdout.isEmpty)
      let asked = try cli.json(
        ["promote", "summarizer", "distill-v2", "--reason", "try", "--override", "offline eval"] + ws)
      let id = asked?["request"]?["display_id"]?.string ?? "?"
      #expect(asked?["request"]?["state"]?.string == "pending")
      #expect(try cli.json(["cancel", id] + ws)?["request"]?["state"]?.string == "cancelled")
      let again = try cli.json(
        ["promote", "summarizer", "distill-v2", "--reason", "try", "--override", "offline eval"] + ws)
      let id2 = again?["request"]?["display_id"]?.string ?? "?"
      #expect(id2 != id)
      #expect(
        try cli.json(["reject", id2, "--comment", "no"] + ws, user: "bob")?["request"]?["state"]?.string
          == "rejected")
      try cli.expect(
        ["reject", "REQ-999", "--comment", "no", "--workspace", "ws"], exit: 1,
        stderr: ["REQ-999 does not exist"])
      try cli.expect(
        ["reject", "REQ-x", "--comment", "no", "--workspace", "ws"], exit: 64, stderr: ["is not a request id"]
      )

      // Rollback: production back to v12 at once, the canary weight to 0.
      let back = try cli.json(["rollback", "support-bot", "--reason", "bad"] + ws)
      #expect(back?["moves"]?[0]?["to_version"]?.string == "v12")
      #expect(back?["moves"]?[0]?["cause"]?.string == "rollback")
      try cli.expect(["rollback", "support-bot", "--workspace", "ws"], exit: 64, stderr: ["--reason"])

      // Register and import.
      let registered = try cli.json(
        ["registry", "register", "support-bot", "v14", "--source", "git:abcdef1"] + ws)
      #expect(registered?["changed"]?.bool == true)
      // A version of an artefact nobody registered: the refusal says how.
      try cli.expect(
        ["registry", "register", "fraud-model", "v1", "--workspace", "ws"], exit: 1,
        stderr: [
          "no artefact named fraud-model",
          "register it first: flightdeck registry register fraud-model --kind",
        ])
      try cli.expect(
        ["registry", "register", "support-bot", "v14", "--source", "git:abcdef1", "--workspace", "ws"],
        exit: 1)
      let mlflow = cli.path("fraud.json")
      try Data(
        #"{"registered_model":{"name":"fraud","latest_versions":[{"name":"fraud","version":"2","creation_timestamp":2000,"current_stage":"Production","source":"s3://b/2"}]}}"#
          .utf8
      ).write(to: URL(fileURLWithPath: mlflow))
      let imported = try cli.json(["registry", "import", "mlflow", mlflow] + ws)
      #expect(imported?["moves"]?[0]?["to_version"]?.string == "2")
      // The same file twice changes nothing.
      #expect(try cli.json(["registry", "import", "mlflow", mlflow] + ws)?["changed"]?.bool == false)
    }
  }

  /// `retro --out` does not replace a retrospective the team has written in
  /// since FlightDeck wrote it (its SHA-256 is no longer the one recorded on
  /// the incident), nor a file it never wrote, unless `--overwrite`.
  @Test func retroKeepsWhatTheTeamWrote() async throws {
    try await DedicatedThreadExecutor.run("cli-workflow-retro") {
      guard let cli = try Self.story() else { return }
      defer { cli.remove() }
      let file = cli.path("INC-1.md")
      let retro = ["retro", "INC-1", "--workspace", "ws", "--out", file]
      try cli.expect(retro, exit: 0)
      // Unedited: written again (the recorded digest follows the new text).
      try cli.expect(retro, exit: 0)
      let team = "\n## Root cause\nTEAM WROTE THIS\n"
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
      handle.seekToEndOfFile()
      handle.write(Data(team.utf8))
      try handle.close()
      let edited = try Data(contentsOf: URL(fileURLWithPath: file))
      try cli.expect(retro, exit: 1, stderr: ["not the retrospective FlightDeck last wrote", "--overwrite"])
      #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == edited)
      // A file FlightDeck never wrote is not replaced either.
      let other = cli.path("notes.md")
      try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: other))
      try cli.expect(
        ["retro", "INC-1", "--workspace", "ws", "--out", other], exit: 1, stderr: ["--overwrite"])
      #expect(try String(contentsOfFile: other, encoding: .utf8) == "my notes\n")
      // --overwrite replaces it.
      try cli.expect(retro + ["--overwrite"], exit: 0)
      #expect(try !String(contentsOfFile: file, encoding: .utf8).contains("TEAM WROTE THIS"))
    }
  }

  @Test func rolloutLifecycle() async throws {
    try await DedicatedThreadExecutor.run("cli-workflow-rollout") {
      guard let cli = try Self.story() else { return }
      defer { cli.remove() }
      let ws = ["--workspace", "ws", "--json"]
      // RO-1 was aborted by the judge: a new rollout of p8 starts at the plan's first weight.
      let started = try cli.json(["rollout", "start", "rag-answer", "p8"] + ws)
      #expect(started?["rollout"]?["display_id"]?.string == "RO-2")
      #expect(started?["rollout"]?["weight"]?.int == 5)
      try cli.expect(
        ["rollout", "retry", "rag-answer", "--workspace", "ws"], exit: 1, stderr: ["can be retried"])
      // A path that matches nothing is refused by the command itself (ArgumentParser's `Error:` before).
      try cli.expect(["replay", "no-such-file"], exit: 1, stderr: ["error: no-such-file: no such file"])
      #expect(try cli.json(["rollout", "tick"] + ws)?["outcomes"]?.array?.count == 1)
      let paused = try cli.json(["rollout", "pause", "rag-answer"] + ws)
      #expect(paused?["rollout"]?["phase"]?.string == "paused")
      #expect(try cli.json(["rollout", "resume", "rag-answer"] + ws)?["changed"]?.bool == true)
      let aborted = try cli.json(["rollout", "abort", "rag-answer", "--reason", "x"] + ws)
      #expect(aborted?["rollout"]?["phase"]?.string == "aborted")
      #expect(aborted?["rollout"]?["weight"]?.int == 0)
      try cli.expect(["rollout", "abort", "rag-answer", "--workspace", "ws"], exit: 64, stderr: ["--reason"])
      let retried = try cli.json(["rollout", "retry", "rag-answer"] + ws)
      #expect(retried?["rollout"]?["weight"]?.int == 5)
      let promoted = try cli.json(["rollout", "promote", "rag-answer"] + ws)
      #expect((promoted?["rollout"]?["weight"]?.int ?? 0) > 5)
      // drive --once --json: one JSON object for the step it took.
      let drive = try cli.json(["rollout", "drive", "rag-answer", "telemetry", "--once"] + ws)
      #expect(drive?["rollout"]?["display_id"]?.string == "RO-2")
      try cli.expect(
        ["rollout", "drive", "rag-answer", "telemetry", "--interval", "30s1m", "--workspace", "ws"], exit: 64,
        stderr: ["largest first"])
      // In full (rag-answer is medium risk: the production request needs an approval by someone else).
      let full = try cli.json(["rollout", "promote", "rag-answer", "--full", "--override", "test"] + ws)
      #expect(full?["rollout"]?["phase"]?.string != "aborted")
      if let request = try cli.json(["requests"] + ws)?["requests"]?.array?.first?["display_id"]?.string {
        _ = try cli.json(["approve", request] + ws, user: "bob")
      }
      // The next tick sees the approved move and completes the rollout.
      _ = try cli.json(["rollout", "tick"] + ws)
      // Promoted: p8 is production and the canary pointer stays on it. list, show and status say
      // it serves everything, as the dashboard's Canary pane and the published routing do.
      let list = try cli.json(["registry", "list"] + ws)?["artefacts"]?.array ?? []
      let rag = list.first { $0["name"]?.string == "rag-answer" }
      #expect(rag?["pointers"]?["production"]?.string == "p8")
      #expect(rag?["serving"]?.array?.count == 1)
      #expect(rag?["serving"]?[0]?["version"]?.string == "p8")
      #expect(rag?["serving"]?[0]?["weight"]?.int == 100)
      let table = try cli.run(["registry", "list", "--workspace", "ws"])
      #expect(String(decoding: table.stdout, as: UTF8.self).contains("p8 (promoted: serves 100%)"))
      let status = try cli.json(["rollout", "status", "rag-answer"] + ws)?["rollouts"]?[0]
      #expect(status?["phase"]?.string == "promoted")
      #expect(status?["weight"]?.int == 100)
    }
  }

  @Test func alertsSilencesAndIncidents() async throws {
    try await DedicatedThreadExecutor.run("cli-workflow-incidents") {
      guard let cli = try Self.story() else { return }
      defer { cli.remove() }
      let ws = ["--workspace", "ws", "--json"]
      // The story's CanarySlow alert has resolved: nothing to acknowledge.
      let alerts = try cli.json(["alerts", "list"] + ws)?["alerts"]?.array ?? []
      let resolved = alerts.first { $0["state"]?.string == "resolved" }?["fingerprint"]?.string ?? "?"
      try cli.expect(["alerts", "ack", resolved] + ws, exit: 1, stderr: ["nothing to acknowledge"])
      // One duration grammar: 1.5h is 90 minutes here too.
      let silence = try cli.json(
        ["silence", "add", "--match", "artefact=rag-answer", "--for", "1.5h", "--comment", "maintenance"] + ws
      )
      let silenceID = (silence?["message"]?.string ?? "").split(separator: " ").first.map(String.init) ?? "?"
      #expect(silenceID == "SIL-1")
      let listed = try cli.json(["silence", "list"] + ws)?["silences"]?.array ?? []
      let starts = listed.first?["starts_at"]?.string.flatMap(Self.time)
      let ends = listed.first?["ends_at"]?.string.flatMap(Self.time)
      #expect(starts != nil && ends != nil && ends! - starts! == 5_400)
      #expect(try cli.json(["silence", "expire", "SIL-1"] + ws)?["changed"]?.bool == true)
      try cli.expect(
        ["silence", "add", "--match", "a=b", "--for", "30s1m", "--comment", "x", "--workspace", "ws"],
        exit: 64,
        stderr: ["largest first"])

      let opened = try cli.json(["incident", "open", "--title", "checkout slow", "--severity", "SEV3"] + ws)
      #expect(opened?["incident"]?["display_id"]?.string == "INC-2")
      #expect(
        try cli.json(["incident", "ack", "INC-2"] + ws)?["incident"]?["acknowledged_by"]?.string == "alice")
      #expect(
        try cli.json(["incident", "assign", "INC-2", "bob"] + ws)?["incident"]?["commander"]?.string == "bob")
      #expect(try cli.json(["incident", "note", "INC-2", "looking"] + ws)?["changed"]?.bool == true)
      #expect(
        try cli.json(["incident", "severity", "INC-2", "SEV2"] + ws)?["incident"]?["severity"]?.string
          == "SEV2")
      try cli.expect(["incident", "severity", "INC-2", "SEV9", "--workspace", "ws"], exit: 64)
      #expect(
        try cli.json(["incident", "mitigate", "INC-2"] + ws)?["incident"]?["state"]?.string == "mitigated")
      #expect(
        try cli.json(["incident", "resolve", "INC-2"] + ws)?["incident"]?["state"]?.string == "resolved")
      try cli.expect(["incident", "show", "INC-99", "--workspace", "ws"], exit: 1)
      // A table piped to another program is never cut: the whole title, past the 48 columns a terminal shows.
      let title =
        "checkout latency above the SLO in eu-west" + String(repeating: " and then some more", count: 5)
      _ = try cli.json(["incident", "open", "--title", title, "--severity", "SEV4"] + ws)
      #expect(try cli.run(["incident", "list", "--workspace", "ws"]).text.contains(title))
    }
  }

  @Test func deliveryRoutingGatesInitAndMigrate() async throws {
    try await DedicatedThreadExecutor.run("cli-workflow-reach") {
      guard let cli = try Self.story() else { return }
      defer { cli.remove() }
      let ws = ["--workspace", "ws", "--json"]
      // Without receivers nothing can be delivered; a pending event is not retried by hand.
      try cli.expect(
        ["notifications", "deliver", "--once"] + ws, exit: 1, stderr: ["no [notifications] route"])
      try cli.expect(["notifications", "retry", "N-1"] + ws, exit: 1, stderr: ["only failed or dead"])
      // A bad id: the usage names the command it was given to.
      try cli.expect(
        ["notifications", "retry", "N-x"] + ws, exit: 64,
        stderr: ["is not a notification id", "See 'flightdeck notifications retry --help'"])
      try cli.expect(["routing", "publish", "rag-answer"] + ws, exit: 1, stderr: ["no routing target"])
      // With a LiteLLM target, publish writes the file.
      let config = cli.path("flightdeck.toml")
      let litellm = cli.path("litellm.yaml")
      try Data(
        """
        [[routing.targets]]
        name = "gateway"
        type = "litellm"
        path = "\(litellm)"
        artefacts = ["rag-answer"]
        """.utf8
      ).write(to: URL(fileURLWithPath: config))
      let published = try cli.json(["routing", "publish", "rag-answer", "--config", config] + ws)
      #expect(published?["targets"]?[0]?["state"]?.string == "in sync")
      #expect(published?["failed"]?.int == 0)
      let yaml = (try? String(contentsOfFile: litellm, encoding: .utf8)) ?? ""
      #expect(yaml.contains("model_name: \"rag-answer\"") && yaml.contains("openai/rag-answer-p7"))

      // gate check on the fixture of support-bot v12; the results of v12 do not count for v13.
      let results = FlightDeckBinary.repositoryRoot.appendingPathComponent(
        "Tests/FlightDeckCoreTests/Fixtures/gates/flightdeck-support-bot-v12.json"
      ).path
      let wrong = try cli.json(["gate", "check", "support-bot", "v13", "--results", results] + ws, exit: 2)
      #expect(wrong?["error"]?.string?.contains("not \"v13\"") == true)
      let gate = try cli.outcomeJSON(["gate", "check", "support-bot", "v12", "--results", results] + ws)
      #expect(gate?.doc["artefact"]?.string == "support-bot")
      #expect(gate?.doc["exit_code"]?.int == Int(gate?.status ?? -1))

      let created = try cli.json(["init", "--workspace", "fresh", "--json"])
      #expect(created?["created"]?.bool == true)
      try cli.expect(["init", "--workspace", "fresh"], exit: 0, stdout: ["already exists"])
      let migrated = try cli.json([
        "store", "migrate", "--from", "sqlite:ws/registry.sqlite", "--to", "sqlite:copy.sqlite", "--json",
      ])
      #expect(migrated != nil)
      let verify = try cli.json(["audit", "verify", "--store", "sqlite:copy.sqlite", "--json"])
      let original = try cli.json(["audit", "verify"] + ws)
      #expect(verify?["intact"]?.bool == true)
      #expect(verify?["head_hash"]?.string == original?["head_hash"]?.string)
      try cli.expect(
        ["store", "migrate", "--from", "sqlite:ws/registry.sqlite", "--to", "sqlite:nowhere/x.sqlite"],
        exit: 1,
        stderr: ["does not exist"])
    }
  }

  /// Seconds since the epoch of an RFC 3339 time with milliseconds.
  static func time(_ text: String) -> Double? {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return f.date(from: text)?.timeIntervalSince1970
  }
}

extension CLI {
  /// Runs a command whose exit status carries an outcome (gate check: 0 pass, 1 fail) and parses its JSON.
  func outcomeJSON(_ arguments: [String]) throws -> (doc: JSONValue, status: Int32)? {
    let outcome = try run(arguments)
    guard let doc = JSONValue(outcome.stdout) else {
      Issue.record("flightdeck \(arguments.joined(separator: " ")): not JSON: \(outcome.text.prefix(300))")
      return nil
    }
    return (doc, outcome.status)
  }
}

/// `rollout status --watch`: a new line for each change another process makes, until Ctrl-C.
@Suite struct RolloutWatchTests {
  @Test func watchPrintsEachChangeUntilInterrupted() async throws {
    try await DedicatedThreadExecutor.run("cli-rollout-watch") {
      guard let cli = try StoryWorkspace.shared.get()?.cli.copy() else { return }
      defer { cli.remove() }
      _ = try cli.json(["rollout", "start", "rag-answer", "p8", "--workspace", "ws", "--json"])
      let output = cli.path("watch.out")
      let child = try cli.start(
        ["rollout", "status", "rag-answer", "--watch", "--json", "--interval", "100ms", "--workspace", "ws"],
        output: output)
      defer { _ = child.waitOrKill(seconds: 0) }
      func lines() -> [JSONValue] {
        ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
          JSONValue(Data($0.utf8))
        }
      }
      func waitFor(_ count: Int) -> Bool {
        for _ in 0..<600 where lines().count < count { usleep(100_000) }
        return lines().count >= count
      }
      #expect(waitFor(1), "no first status within 60 s")
      #expect(lines().first?["rollouts"]?[0]?["phase"]?.string == "paused")
      #expect(lines().first?["rollouts"]?[0]?["message"]?.string?.contains("paused by a human") == false)
      _ = try cli.json(["rollout", "pause", "rag-answer", "--workspace", "ws", "--json"])
      #expect(waitFor(2), "the pause was not printed within 60 s")
      #expect(lines().last?["rollouts"]?[0]?["message"]?.string?.contains("paused by a human") == true)
      child.send(SIGINT)
      #expect(child.wait(seconds: 30))
      #expect(child.process.terminationStatus == 130)
      // Nothing changed between the two: exactly two documents.
      #expect(lines().count == 2)
    }
  }
}

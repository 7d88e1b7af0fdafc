import FlightDeckTestSupport
import Foundation
import Testing

/// What a new user of the command line found (issue 16's tester), run end to
/// end on a copy of the played story (``StoryWorkspace``): each expected
/// text worked out by hand from the rules it follows.
@Suite struct NewUserFindingsTests {
  /// A copy of the story to change, or `nil` (skip) without the executable.
  static func story() throws -> CLI? { try StoryWorkspace.shared.get()?.cli.copy() }

  /// An RLO (U+202E) in a title is shown as `\u{202E}` (TerminalText), and
  /// its backslash escaped once for Markdown (CommonMark §2.4: `\\` renders
  /// as `\`), so the Markdown has `\\u{202E}` and renders `\u{202E}`. The
  /// Markdown on stdout is the one written with --out (but for the open
  /// incident's duration): it was
  /// sanitised a second time on stdout (`\\\\u{202E}`, rendering `\\u{202E}`).
  @Test func retroMarkdownEscapesATitlesEscapeOnce() async throws {
    try await DedicatedThreadExecutor.run("cli-findings-retro") {
      guard let cli = try Self.story() else { return }
      defer { cli.remove() }
      let opened = try cli.json(
        [
          "incident", "open", "--title", "pay\u{202E}ment *down*", "--severity", "SEV3", "--workspace", "ws",
          "--json",
        ])
      let id = opened?["incident"]?["display_id"]?.string ?? "?"
      let printed = try cli.expect(["retro", id, "--workspace", "ws"], exit: 0)
      let heading = printed.text.split(separator: "\n").first.map(String.init)
      #expect(heading == #"# \#(id): pay\\u{202E}ment \*down\*"#)
      #expect(!printed.text.contains(#"\\\\"#) && !printed.text.contains("\u{202E}"))
      try cli.expect(["retro", id, "--workspace", "ws", "--out", "retro.md"], exit: 0)
      let file = try String(contentsOfFile: cli.path("retro.md"), encoding: .utf8)
      // The open incident's duration runs on the real clock between the two runs.
      func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { !$0.hasPrefix("| Duration") }
      }
      #expect(lines(file) == lines(printed.text) && lines(file).count > 20)
    }
  }

  /// ArgumentParser appends `(default: X)` to an option with a default
  /// value, so its help must not say the default itself ("How often to look
  /// for due events (default 1s). (default: 1s)"): no option with a
  /// default value says "default" in its help, in any command
  /// (`--experimental-dump-help`).
  @Test func noOptionHelpRepeatsTheDefaultArgumentParserAppends() async throws {
    try await DedicatedThreadExecutor.run("cli-findings-defaults") {
      guard let cli = try CLI.make() else { return }
      defer { cli.remove() }
      let outcome = try cli.run(["--experimental-dump-help"])
      guard let root = JSONValue(outcome.stdout)?["command"] else {
        Issue.record("--experimental-dump-help did not print its document")
        return
      }
      var doubled: [String] = []
      var checked = 0
      func walk(_ node: JSONValue, _ path: [String]) {
        for argument in node["arguments"]?.array ?? [] where argument["defaultValue"]?.string != nil {
          checked += 1
          let help = argument["abstract"]?.string ?? ""
          if help.range(of: "default", options: .caseInsensitive) != nil {
            doubled.append(
              (path + [argument["valueName"]?.string ?? "?"]).joined(separator: " ") + ": " + help)
          }
        }
        for sub in node["subcommands"]?.array ?? [] { walk(sub, path + [sub["commandName"]?.string ?? "?"]) }
      }
      walk(root, [])
      #expect(checked > 20)
      #expect(doubled.isEmpty, "\(doubled)")
      let help = try cli.expect(["notifications", "deliver", "--help"], exit: 0).text
      #expect(help.contains("How often to look for due events. (default: 1s)"))
    }
  }

  /// `kpi` counts releases in English: "(1 production release)". The
  /// story's own releases are days old; REQ-12 approved by bob and carol
  /// (four eyes) makes the one release of the last hour.
  @Test func kpiPluralisesReleases() async throws {
    try await DedicatedThreadExecutor.run("cli-findings-kpi") {
      guard let cli = try Self.story() else { return }
      defer { cli.remove() }
      let ws = ["--workspace", "ws"]
      try cli.expect(["kpi", "--since", "1h"] + ws, exit: 0, stdout: ["(0 production releases)"])
      try cli.expect(["approve", "REQ-12"] + ws, exit: 0, user: "bob")
      try cli.expect(["approve", "REQ-12"] + ws, exit: 0, user: "carol")
      #expect(try cli.json(["kpi", "--since", "1h", "--json"] + ws)?["releases"]?.int == 1)
      try cli.expect(["kpi", "--since", "1h"] + ws, exit: 0, stdout: ["(1 production release)"])
    }
  }

  /// A refused value is echoed cut to 80 characters, then `…` and its
  /// length: a 5,000-character matcher value (`a="xxx…"`, 5,004 characters
  /// as the store writes it back) no longer floods the terminal.
  @Test func anOversizedMatcherIsEchoedCut() async throws {
    try await DedicatedThreadExecutor.run("cli-findings-matcher") {
      guard let cli = try Self.story() else { return }
      defer { cli.remove() }
      let value = String(repeating: "x", count: 5000)
      let refused = try cli.expect(
        ["silence", "add", "--match", "a=\(value)", "--for", "1h", "--comment", "c", "--workspace", "ws"],
        exit: 1,
        stderr: [#"bad matcher a=""# + String(repeating: "x", count: 77) + "… (5004 characters)"])
      #expect(refused.stderr.count < 400)
      // A bad label name (a digit first) of 5,000 characters, refused by the argument check (64).
      let name = "1" + String(repeating: "x", count: 4999)
      let bad = try cli.expect(
        ["silence", "add", "--match", "\(name)=v", "--for", "1h", "--comment", "c", "--workspace", "ws"],
        exit: 64,
        stderr: ["--match '1" + String(repeating: "x", count: 79) + "… (5002 characters)'"])
      #expect(bad.stderr.count < 800)
      // An option of 5,000 characters, refused by ArgumentParser itself (64): the word it
      // echoes, `'--yyy…'` with its quotes, is 5,002 characters.
      let option = "--" + String(repeating: "y", count: 4998)
      let unknown = try cli.expect(
        ["silence", "add", "--match", "a=b", "--for", "1h", "--comment", "c", option], exit: 64,
        stderr: ["Unknown option '--" + String(repeating: "y", count: 77) + "… (5002 characters)"])
      #expect(unknown.stderr.count < 400)
    }
  }

  /// `rollout status --watch` piped (here to a file: not a terminal) prints
  /// one whole table per change, after a blank line, with no escape byte
  /// (on a terminal it clears and redraws in place: ``WatchRedraw``).
  @Test func watchPipedPrintsOneTablePerChangeWithoutEscapes() async throws {
    try await DedicatedThreadExecutor.run("cli-findings-watch") {
      guard let cli = try Self.story() else { return }
      defer { cli.remove() }
      _ = try cli.json(["rollout", "start", "rag-answer", "p8", "--workspace", "ws", "--json"])
      let output = cli.path("watch.out")
      let child = try cli.start(
        ["rollout", "status", "rag-answer", "--watch", "--interval", "100ms", "--workspace", "ws"],
        output: output, settings: ["TERM": "xterm-256color"])
      defer { _ = child.waitOrKill(seconds: 0) }
      func text() -> String { (try? String(contentsOfFile: output, encoding: .utf8)) ?? "" }
      func tables() -> Int { text().components(separatedBy: "ROLLOUT ").count - 1 }
      func waitFor(_ count: Int) -> Bool {
        for _ in 0..<600 where tables() < count { usleep(100_000) }
        return tables() >= count
      }
      #expect(waitFor(1), "no first table within 60 s")
      _ = try cli.json(["rollout", "pause", "rag-answer", "--workspace", "ws", "--json"])
      #expect(waitFor(2), "the pause was not printed within 60 s")
      child.send(SIGINT)
      #expect(child.wait(seconds: 30))
      #expect(child.process.terminationStatus == 130)
      #expect(tables() == 2)
      #expect(!text().utf8.contains(0x1B))
      #expect(text().contains("\n\nROLLOUT "))
    }
  }
}

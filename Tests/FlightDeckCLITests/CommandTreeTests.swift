import FlightDeckTestSupport
import Foundation
import Testing

/// Every command of the tree, as `flightdeck --experimental-dump-help`
/// (swift-argument-parser's machine-readable help) lists it: each has help,
/// refuses an unknown option with exit 64, and each one that offers `--json`
/// is run with it by ``JSONOutputTests`` or ``WorkflowTests`` (a new command
/// with `--json` and no end-to-end run fails here).
@Suite struct CommandTreeTests {
  /// A leaf command: its path (`["rollout", "start"]`) and its flags.
  struct Command: Sendable {
    let path: [String]
    let options: Set<String>
  }

  /// The leaves of the command tree.
  static func commands(_ cli: CLI) throws -> [Command] {
    let outcome = try cli.run(["--experimental-dump-help"])
    guard outcome.status == 0, let doc = JSONValue(outcome.stdout), let root = doc["command"] else {
      return []
    }
    var leaves: [Command] = []
    func walk(_ node: JSONValue, _ path: [String]) {
      let subs = (node["subcommands"]?.array ?? []).filter { $0["commandName"]?.string != "help" }
      guard !subs.isEmpty else {
        var options: Set<String> = []
        for argument in node["arguments"]?.array ?? [] {
          for name in argument["names"]?.array ?? [] where name["kind"]?.string == "long" {
            if let n = name["name"]?.string { options.insert("--" + n) }
          }
        }
        leaves.append(Command(path: path, options: options))
        return
      }
      for sub in subs { walk(sub, path + [sub["commandName"]?.string ?? "?"]) }
    }
    walk(root, [])
    return leaves
  }

  /// The commands with `--json` that the end-to-end tests run with it, by path.
  static let runWithJSON: Set<String> = JSONOutputTests.covered.union(WorkflowTests.coveredWithJSON)

  @Test func everyCommandHasHelpAndRefusesAnUnknownOption() async throws {
    try await DedicatedThreadExecutor.run("cli-tree") {
      guard let cli = try CLI.make() else { return }
      defer { cli.remove() }
      let commands = try Self.commands(cli)
      // The README's commands are all there.
      let paths = Set(commands.map { $0.path.joined(separator: " ") })
      for expected in [
        "demo", "dashboard", "serve", "replay", "registry list", "promote", "approve", "rollout start",
        "alerts eval", "silence add", "incident open", "retro", "kpi", "routing status", "store migrate",
      ] {
        #expect(paths.contains(expected), "\(expected) is missing from the command tree")
      }
      #expect(commands.count >= 59, "\(commands.count) commands")
      for command in commands {
        let name = command.path.joined(separator: " ")
        try cli.expect(command.path + ["--help"], exit: 0, stdout: ["USAGE: flightdeck \(name)"])
        // A bad argument is refused with 64 and the command's own usage.
        try cli.expect(command.path + ["--no-such-option"], exit: 64, stderr: ["Usage: flightdeck \(name)"])
      }
    }
  }

  @Test func everyCommandWithJSONIsRunWithIt() async throws {
    try await DedicatedThreadExecutor.run("cli-tree-json") {
      guard let cli = try CLI.make() else { return }
      defer { cli.remove() }
      let withJSON = try Self.commands(cli).filter { $0.options.contains("--json") }
      #expect(withJSON.count >= 45, "\(withJSON.count) commands offer --json")
      for command in withJSON {
        let name = command.path.joined(separator: " ")
        #expect(Self.runWithJSON.contains(name), "`flightdeck \(name) --json` is run by no end-to-end test")
      }
    }
  }
}

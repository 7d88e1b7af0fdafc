import FlightDeckTestSupport
import Foundation
import Testing

/// `flightdeck doctor` end to end, on a deployment laid out in files: each
/// check's outcome, the exit status, and that no secret's value is printed;
/// and `--log-level` / `FLIGHTDECK_LOG_LEVEL` as `info` reports them.
@Suite struct DoctorTests {
  /// The commands these tests run with `--json` (``CommandTreeTests`` checks every such command is run).
  static let covered: Set<String> = ["doctor"]

  /// A configuration with a bearer token, a webhook secret and a resolve API
  /// on `resolvePort`, in a new harness folder with an initialised workspace.
  func deployment(resolvePort: Int, tokenMode: Int) throws -> CLI? {
    guard let cli = try CLI.make() else { return nil }
    try cli.expect(["init", "--workspace", "ws"], exit: 0)
    for (name, text, mode) in [("token", "tok-SECRET-value\n", tokenMode), ("hmac", "hmac-SECRET", 0o600)] {
      try Data(text.utf8).write(to: URL(fileURLWithPath: cli.path(name)))
      try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: cli.path(name))
    }
    let config = """
      workspace = "ws"
      [log]
      level = "debug"
      [receiver]
      listen = "127.0.0.1:0"
      token_file = "\(cli.path("token"))"
      [controller]
      listen = "127.0.0.1:0"
      resolve_listen = "127.0.0.1:\(resolvePort)"
      [[notifications.receivers]]
      name = "hook"
      type = "webhook"
      url = "http://127.0.0.1:9/hook"
      secret_file = "\(cli.path("hmac"))"
      [notifications.route]
      receiver = "hook"

      """
    try Data(config.utf8).write(to: URL(fileURLWithPath: cli.path("fd.toml")))
    return cli
  }

  /// A socket listening on 127.0.0.1 at a port the system picks, and that port.
  func busyPort() throws -> (Int32, Int) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    try #require(bound == 0 && listen(fd, 1) == 0)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
  }

  /// The outcome of the check whose subject starts with `subject`.
  func outcome(_ doc: JSONValue?, _ subject: String) -> String? {
    doc?["checks"]?.array?.first { $0["subject"]?.string?.hasPrefix(subject) == true }?["outcome"]?.string
  }

  @Test func aSoundDeploymentPasses() async throws {
    try await DedicatedThreadExecutor.run("cli-doctor-ok") {
      guard let cli = try deployment(resolvePort: 0, tokenMode: 0o600) else { return }
      defer { cli.remove() }
      let doc = try cli.json(["doctor", "--config", "fd.toml", "--json"])
      #expect(doc?["ok"]?.bool == true)
      #expect(doc?["summary"]?["fail"]?.int == 0)
      for subject in [
        "fd.toml", "receiver.token_file", "notifications.receivers[0].secret_file",
        "sqlite:ws/registry.sqlite",
        "controller.resolve_listen",
      ] {
        #expect(outcome(doc, subject) == "ok", "\(subject)")
      }
      let store = doc?["checks"]?.array?.first { $0["area"]?.string == "store" }?["detail"]?.string
      #expect(store?.hasPrefix("reachable; schema current") == true)
      let table = try cli.expect(["doctor", "--config", "fd.toml"], exit: 0, stdout: ["nothing failed"])
      #expect(!table.text.contains("SECRET"))
    }
  }

  /// Without --config, doctor checks what the other commands would use: the
  /// workspace config.toml names, with its own flightdeck.toml over config.toml
  /// (config.toml's [log] level still applies under it).
  @Test func theOperatorsConfigTomlIsCheckedUnderTheWorkspacesOwn() async throws {
    try await DedicatedThreadExecutor.run("cli-doctor-user-config") {
      guard let cli = try CLI.make() else { return }
      defer { cli.remove() }
      try cli.expect(["init", "--workspace", "ws"], exit: 0)
      try Data("[alerts]\nevaluation_interval = \"30s\"\n".utf8).write(
        to: URL(fileURLWithPath: cli.path("ws/flightdeck.toml")))
      let configDir = cli.path("operator")
      try FileManager.default.createDirectory(atPath: configDir, withIntermediateDirectories: true)
      try Data("workspace = \"\(cli.path("ws"))\"\n[log]\nlevel = \"debug\"\n".utf8).write(
        to: URL(fileURLWithPath: configDir + "/config.toml"))
      let elsewhere = CLI(binary: cli.binary, directory: FileManager.default.temporaryDirectory)
      let ran = try elsewhere.run(["doctor", "--json"], settings: ["FLIGHTDECK_CONFIG_DIR": configDir])
      let doc = JSONValue(ran.stdout)
      #expect(ran.status == 0, "\(String(decoding: ran.stdout, as: UTF8.self))")
      #expect(outcome(doc, "sqlite:" + cli.path("ws") + "/registry.sqlite") == "ok")
      let level = doc?["checks"]?.array?.first {
        $0["area"]?.string == "log" && $0["subject"]?.string == "level"
      }
      #expect(level?["detail"]?.string == "debug (chosen by [log] level)")
    }
  }

  @Test func anOpenTokenAndABusyPortFailWithoutShowingTheSecret() async throws {
    try await DedicatedThreadExecutor.run("cli-doctor-fail") {
      // A port another process listens on: the resolve API cannot have it.
      let (listener, port) = try busyPort()
      defer { close(listener) }
      guard let cli = try deployment(resolvePort: port, tokenMode: 0o644) else { return }
      defer { cli.remove() }
      let outcome = try cli.run(["doctor", "--config", "fd.toml", "--json"])
      #expect(outcome.status == 1)
      #expect(!outcome.text.contains("SECRET"))
      let doc = JSONValue(outcome.stdout)
      #expect(doc?["ok"]?.bool == false)
      #expect(self.outcome(doc, "receiver.token_file") == "fail")
      #expect(self.outcome(doc, "controller.resolve_listen") == "fail")
      #expect(self.outcome(doc, "notifications.receivers[0].secret_file") == "ok")
      let details = doc?["checks"]?.array?.compactMap { $0["detail"]?.string } ?? []
      #expect(
        details.contains { $0.contains("(mode 644)") && $0.hasSuffix("chmod 600 \(cli.path("token"))") })
      #expect(details.contains { $0.hasPrefix("port \(port) is in use on 127.0.0.1") })
    }
  }

  @Test func aBadConfigurationFailsAndTheRestIsSkipped() async throws {
    try await DedicatedThreadExecutor.run("cli-doctor-bad") {
      guard let cli = try CLI.make() else { return }
      defer { cli.remove() }
      try Data("[log]\nlevel = \"loud\"\n".utf8).write(to: URL(fileURLWithPath: cli.path("fd.toml")))
      try cli.expect(
        ["doctor", "--config", "fd.toml"], exit: 1,
        stdout: ["fd.toml:2: log.level: expected one of trace", "skip", "1 failed"])
    }
  }

  @Test func theLogLevelComesFromTheOptionTheVariableOrTheFile() async throws {
    try await DedicatedThreadExecutor.run("cli-log-level") {
      guard let cli = try CLI.make() else { return }
      defer { cli.remove() }
      try Data("[log]\nlevel = \"error\"\n".utf8).write(to: URL(fileURLWithPath: cli.path("fd.toml")))
      let fromFile = JSONValue(try cli.run(["info", "--config", "fd.toml", "--json"]).stdout)
      #expect(fromFile?["log"]?["level"]?.string == "error")
      #expect(fromFile?["log"]?["level_chosen_by"]?.string == "[log] level")
      let fromVariable = JSONValue(
        try cli.run(["info", "--config", "fd.toml", "--json"], settings: ["FLIGHTDECK_LOG_LEVEL": "trace"])
          .stdout)
      #expect(fromVariable?["log"]?["level"]?.string == "trace")
      #expect(fromVariable?["log"]?["level_chosen_by"]?.string == "FLIGHTDECK_LOG_LEVEL")
      // The option beats both, and `info` and `doctor` take it, to check what a command would use.
      let fromOption = JSONValue(
        try cli.run(
          ["info", "--config", "fd.toml", "--log-level", "warn", "--json"],
          settings: ["FLIGHTDECK_LOG_LEVEL": "trace"]
        ).stdout)
      #expect(fromOption?["log"]?["level"]?.string == "warning")
      #expect(fromOption?["log"]?["level_chosen_by"]?.string == "--log-level")
      let doctor = JSONValue(
        try cli.run(["doctor", "--config", "fd.toml", "--log-level", "debug", "--json"]).stdout)
      let level = doctor?["checks"]?.array?.first {
        $0["area"]?.string == "log" && $0["subject"]?.string == "level"
      }
      #expect(level?["detail"]?.string == "debug (chosen by --log-level)")
      try cli.expect(
        ["receive", "--log-level", "loud"], exit: 64, stderr: ["--log-level: 'loud' is not a log level"])
      try cli.expect(
        ["serve", "--log-level", "verbose"], exit: 64, stderr: ["--log-level: 'verbose' is not a log level"])
    }
  }
}

import FlightDeckCore
import Foundation
import Testing

/// `[notifications]` in the configuration file: receivers, the routing tree
/// with Alertmanager's inheritance, the retry policy, and errors naming
/// file, line and field.
@Suite struct NotificationConfigurationTests {
  static let sample = """
    [notifications]
    max_attempts = 5
    initial_backoff = "2s"
    max_backoff = "1m"
    attempt_timeout = "3s"

    [[notifications.receivers]]
    name = "oncall"
    type = "webhook"
    url = "https://hooks.example.org/flightdeck"
    secret_file = "/etc/flightdeck/webhook.secret"

    [[notifications.receivers]]
    name = "pager"
    type = "pagerduty"
    routing_key_file = "/etc/flightdeck/pd.key"
    send_resolved = false

    [notifications.route]
    receiver = "oncall"
    group_by = ["alertname", "artefact"]
    group_wait = "10s"

    [[notifications.route.routes]]
    receiver = "pager"
    matchers = ["severity=\\"page\\"", "kind=~\\"alert.*|incident.*\\""]
    continue = true
    repeat_interval = "1h"
    """

  @Test func readsReceiversRouteAndRetry() throws {
    let c = try FlightDeckConfiguration.parse(Self.sample, file: "fd.toml").notifications
    #expect(
      c.retry
        == NotificationRetryPolicy(
          maxAttempts: 5, initialBackoffMs: 2_000, maxBackoffMs: 60_000, attemptTimeoutMs: 3_000))
    #expect(c.receivers.map(\.name) == ["oncall", "pager"])
    #expect(c.receivers[0].secretFile == "/etc/flightdeck/webhook.secret")
    #expect(c.receivers[1].url == "https://events.pagerduty.com/v2/enqueue" && !c.receivers[1].sendResolved)
    let root = try #require(c.route)
    #expect(
      root.receiver == "oncall" && root.groupWaitMs == 10_000
        && root.groupBy == .labels(["alertname", "artefact"]))
    let child = try #require(root.routes.first)
    // Inherited: group_by, group_wait, group_interval; its own repeat_interval.
    #expect(child.receiver == "pager" && child.continueMatching)
    #expect(child.groupBy == .labels(["alertname", "artefact"]) && child.groupWaitMs == 10_000)
    #expect(child.groupIntervalMs == 300_000 && child.repeatIntervalMs == 3_600_000)
    #expect(child.matchers.map(\.description) == [#"severity="page""#, #"kind=~"alert.*|incident.*""#])
    // A page alert goes to the pager (its `continue` finds no sibling, and
    // the root takes only what no child took); a promotion to the root.
    #expect(root.match(["severity": "page", "kind": "alert"]).map(\.route.receiver) == ["pager"])
    #expect(root.match(["kind": "promotion.requested"]).map(\.route.receiver) == ["oncall"])
  }

  func error(_ text: String) -> ConfigurationError? {
    do {
      _ = try FlightDeckConfiguration.parse(text, file: "fd.toml")
      return nil
    } catch let e as ConfigurationError {
      return e
    } catch {
      return nil
    }
  }

  @Test func errorsNameFileLineAndField() throws {
    let unknownReceiver = Self.sample.replacingOccurrences(
      of: "receiver = \"pager\"", with: "receiver = \"nobody\"")
    var e = try #require(error(unknownReceiver))
    #expect(e.file == "fd.toml" && e.key == "notifications.route.routes[0].receiver")
    #expect(e.line == 25)
    #expect(e.reason.contains("declared: oncall, pager"))

    e = try #require(
      error(Self.sample.replacingOccurrences(of: "type = \"webhook\"", with: "type = \"email\"")))
    #expect(e.key == "notifications.receivers[0].type" && e.line == 9)

    e = try #require(
      error(Self.sample.replacingOccurrences(of: "routing_key_file = \"/etc/flightdeck/pd.key\"\n", with: ""))
    )
    #expect(e.key == "notifications.receivers[1].routing_key_file")

    e = try #require(
      error(Self.sample.replacingOccurrences(of: "https://hooks.example.org/flightdeck", with: "ftp://x")))
    #expect(e.key == "notifications.receivers[0].url" && e.line == 10)
    // Ports past 65535 (which trapped the HTTP client at the first delivery: BREAKER-14 C1) and port 0.
    for url in [
      "http://127.0.0.1:65536/x", "http://127.0.0.1:99999/x", "http://h:0/x",
      "http://h:99999999999999999999/x",
    ] {
      e = try #require(
        error(Self.sample.replacingOccurrences(of: "https://hooks.example.org/flightdeck", with: url)))
      #expect(e.key == "notifications.receivers[0].url" && e.line == 10, "\(url)")
    }
    #expect(
      error(
        Self.sample.replacingOccurrences(of: "https://hooks.example.org/flightdeck", with: "http://h:65535/x")
      ) == nil)

    e = try #require(
      error(Self.sample.replacingOccurrences(of: #"severity=\"page\""#, with: #"severity=~\"(\""#)))
    #expect(e.key == "notifications.route.routes[0].matchers" && e.reason.hasPrefix("bad matcher"))

    e = try #require(
      error(Self.sample.replacingOccurrences(of: "max_attempts = 5", with: "max_attempts = 0")))
    #expect(e.key == "notifications.max_attempts" && e.line == 2)

    e = try #require(
      error(Self.sample.replacingOccurrences(of: "name = \"pager\"", with: "name = \"oncall\"")))
    #expect(e.key == "notifications.receivers[1].name" && e.reason.contains("twice"))

    e = try #require(error(Self.sample + "\nbogus = 1\n"))
    #expect(e.key == "notifications.route.routes[0].bogus")

    e = try #require(
      error("[[notifications.receivers]]\nname = \"a\"\ntype = \"slack\"\nurl = \"https://h.example\"\n"))
    #expect(e.key == "notifications.route")
  }

  @Test func deepNestingIsRefused() throws {
    var text = "[[notifications.receivers]]\nname = \"a\"\ntype = \"slack\"\nurl = \"https://h.example\"\n"
    text += "[notifications.route]\nreceiver = \"a\"\n"
    var path = "notifications.route"
    for _ in 0..<20 {
      path += ".routes"
      text += "[[\(path)]]\nreceiver = \"a\"\n"
    }
    let e = try #require(error(text))
    #expect(e.reason.contains("at most 16 deep"))
  }

  /// Secret files: owner-only, not empty; the trailing newline is not part of the secret.
  @Test func secretFilesMustBeOwnerOnly() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-secret-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/s"
    FileManager.default.createFile(atPath: path, contents: Data("s3cret\n".utf8))
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    #expect(throws: ConfigurationError.self) { try NotificationSecrets.read(path, key: "k") }
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    #expect(try NotificationSecrets.read(path, key: "k") == "s3cret")
    FileManager.default.createFile(atPath: path, contents: Data("\n".utf8))
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    #expect(throws: ConfigurationError.self) { try NotificationSecrets.read(path, key: "k") }
    #expect(throws: ConfigurationError.self) { try NotificationSecrets.read(dir + "/missing", key: "k") }
  }

  /// A Kubernetes secret mount: `webhook.secret → ..data/webhook.secret`,
  /// `..data → ..2026_12_06`, the file owner-only. The link is followed and
  /// accepted; a link to a loose (0644) file, a directory or a FIFO is
  /// refused; errors name the configuration file, the field's line (9 in
  /// the file below) and key, and the secret file.
  @Test func secretFilesFollowKubernetesLinksAndErrorsNameTheConfigurationLine() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-k8s-\(UUID().uuidString)")
      .path
    let fm = FileManager.default
    try fm.createDirectory(atPath: dir + "/..2026_12_06", withIntermediateDirectories: true)
    defer { try? fm.removeItem(atPath: dir) }
    fm.createFile(atPath: dir + "/..2026_12_06/webhook.secret", contents: Data("k8s-secret\n".utf8))
    try fm.setAttributes([.posixPermissions: 0o400], ofItemAtPath: dir + "/..2026_12_06/webhook.secret")
    try fm.createSymbolicLink(atPath: dir + "/..data", withDestinationPath: "..2026_12_06")
    try fm.createSymbolicLink(atPath: dir + "/webhook.secret", withDestinationPath: "..data/webhook.secret")
    let config = dir + "/flightdeck.toml"
    func write(_ secretPath: String) {
      let text = """
        [notifications]
        max_attempts = 5

        [[notifications.receivers]]
        name = "oncall"
        type = "webhook"
        url = "https://hooks.example.org/flightdeck"
        # the signing secret
        secret_file = "\(secretPath)"

        [notifications.route]
        receiver = "oncall"
        """
      fm.createFile(atPath: config, contents: Data(text.utf8))
    }
    func receivers(_ secretPath: String) -> NotificationConfiguration {
      NotificationConfiguration(
        receivers: [
          NotificationReceiver(
            name: "oncall", kind: .webhook, url: "https://hooks.example.org/flightdeck",
            secretFile: secretPath)
        ], route: NotificationRoute(receiver: "oncall"))
    }
    write(dir + "/webhook.secret")
    let secrets = try NotificationSecrets.load(receivers(dir + "/webhook.secret"), configFile: config)
    #expect(secrets.signing["oncall"] == Array("k8s-secret".utf8))

    // A link to a loose file: refused, naming the configuration's line 9.
    fm.createFile(atPath: dir + "/loose", contents: Data("x".utf8))
    try fm.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir + "/loose")
    try fm.createSymbolicLink(atPath: dir + "/loose.link", withDestinationPath: dir + "/loose")
    write(dir + "/loose.link")
    var error: ConfigurationError?
    do { _ = try NotificationSecrets.load(receivers(dir + "/loose.link"), configFile: config) } catch let e
      as ConfigurationError
    { error = e }
    let e = try #require(error)
    #expect(e.file == config && e.line == 9 && e.key == "notifications.receivers[0].secret_file")
    #expect(e.reason.contains(dir + "/loose.link") && e.reason.contains("chmod 600"))

    // Links to a directory and to a FIFO: refused as not regular files.
    try fm.createSymbolicLink(atPath: dir + "/dir.link", withDestinationPath: dir + "/..2026_12_06")
    #expect(mkfifo(dir + "/fifo", 0o600) == 0)
    try fm.createSymbolicLink(atPath: dir + "/fifo.link", withDestinationPath: dir + "/fifo")
    for link in ["/dir.link", "/fifo.link"] {
      write(dir + link)
      do {
        _ = try NotificationSecrets.load(receivers(dir + link), configFile: config)
        Issue.record("\(link) was accepted")
      } catch let e as ConfigurationError {
        #expect(e.line == 9 && e.reason.contains("is not a regular file"))
      }
    }
  }
}

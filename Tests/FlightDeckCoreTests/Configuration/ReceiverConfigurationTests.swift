import Testing

@testable import FlightDeckCore

@Suite struct ReceiverConfigurationTests {
  static func error(_ text: String) -> String? {
    do {
      _ = try FlightDeckConfiguration.parse(text, file: "fd.toml")
      return nil
    } catch let e as ConfigurationError {
      return e.description
    } catch {
      return "\(error)"
    }
  }

  @Test func everyKeyIsReadAndReachesTheDataFolderOptions() throws {
    let c = try FlightDeckConfiguration.parse(
      """
      workspace = "ws"

      [receiver]
      listen = "0.0.0.0:14318"
      data_dir = "/var/lib/fd"
      max_body_bytes = 4194304
      token_file = "token.txt"
      tls_certificate = "cert.pem"
      tls_key = "key.pem"
      rotate_bytes = 1048576
      rotate_age = "15m"
      retention_max_age = "2d"
      retention_max_bytes = 10485760
      """, file: "fd.toml")
    let r = c.receiver
    #expect(r.listen == ReceiverListenAddress(host: "0.0.0.0", port: 14_318))
    #expect(r.maxBodyBytes == 4_194_304)
    #expect(r.tokenFile == "token.txt")
    #expect(r.tlsCertificate == "cert.pem")
    #expect(r.tlsKey == "key.pem")
    let o = r.dataFolderOptions(workspace: c.workspace)
    #expect(o.directory == "/var/lib/fd")
    #expect(o.rotateBytes == 1_048_576)
    #expect(o.rotateAgeMs == 900_000)
    #expect(o.retentionMaxAgeMs == 172_800_000)
    #expect(o.retentionMaxBytes == 10_485_760)
    // --data-dir wins over the file.
    #expect(r.dataFolderOptions(directory: "cli", workspace: c.workspace).directory == "cli")
  }

  @Test func withoutATableTheFolderIsUnderTheWorkspaceWithTheDefaults() throws {
    let c = try FlightDeckConfiguration.parse("workspace = \"ws\"\n", file: "fd.toml")
    #expect(c.receiver.listen.description == "127.0.0.1:4318")
    let o = c.receiver.dataFolderOptions(workspace: c.workspace)
    #expect(o.directory == "ws/telemetry")
    #expect(o.rotateBytes == 64 << 20)
    #expect(o.rotateAgeMs == 3_600_000)
    #expect(o.retentionMaxAgeMs == Int64(604_800_000))
    #expect(o.retentionMaxBytes == Int64(1_073_741_824))
    #expect(ReceiverConfiguration().dataFolderOptions().directory == ".flightdeck/telemetry")
  }

  @Test func badValuesNameFileLineAndKey() {
    #expect(
      Self.error("[receiver]\nlisten = \"4318\"\n")
        == "fd.toml:2: receiver.listen: \"4318\": expected HOST:PORT, e.g. 127.0.0.1:4318")
    #expect(
      Self.error("[receiver]\nlisten = \"127.0.0.1:70000\"\n")
        == "fd.toml:2: receiver.listen: \"127.0.0.1:70000\": the port must be a number from 0 to 65535")
    #expect(
      Self.error("[receiver]\n\nrotate_age = \"soon\"\n")
        == "fd.toml:3: receiver.rotate_age: expected a duration string such as \"1h\" or \"7d\"")
    #expect(
      Self.error("[receiver]\nretention_max_bytes = 12\n")
        == "fd.toml:2: receiver.retention_max_bytes: must be between 1048576 and 1125899906842624 bytes")
    #expect(
      Self.error("[receiver]\ntls_certificate = \"c.pem\"\n")
        == "fd.toml:2: receiver.tls_certificate: tls_certificate needs tls_key too (TLS takes a certificate and its key)"
    )
    #expect(
      Self.error("[receiver]\nport = 1\n")?.hasPrefix("fd.toml:2: receiver.port: unknown key (allowed: ")
        == true)
    #expect(Self.error("[receiver]\ndata_dir = \"\"\n") == "fd.toml:2: receiver.data_dir: expected a path")
  }

  @Test func readDeadlinesAreReadAndBounded() throws {
    let r = try FlightDeckConfiguration.parse(
      "[receiver]\nhead_timeout = \"2.5s\"\nbody_timeout = \"1m\"\nmin_body_rate = 0\n", file: "fd.toml"
    ).receiver
    #expect(r.headTimeoutMs == 2_500)
    #expect(r.bodyTimeoutMs == 60_000)
    #expect(r.minBodyBytesPerSecond == 0)
    let defaults = ReceiverConfiguration()
    #expect(
      defaults.headTimeoutMs == nil && defaults.bodyTimeoutMs == nil && defaults.minBodyBytesPerSecond == nil)
    #expect(
      Self.error("[receiver]\nhead_timeout = \"50ms\"\n")?.hasPrefix("fd.toml:2: receiver.head_timeout: ")
        == true)
    #expect(
      Self.error("[receiver]\nbody_timeout = 10\n")
        == "fd.toml:2: receiver.body_timeout: expected a duration string such as \"1h\" or \"7d\"")
    #expect(
      Self.error("[receiver]\nmin_body_rate = -1\n")
        == "fd.toml:2: receiver.min_body_rate: must be between 0 and 1073741824 bytes per second")
  }

  @Test func listenAddressesParse() throws {
    #expect(
      try ReceiverListenAddress(parsing: "[::1]:4318") == ReceiverListenAddress(host: "::1", port: 4318))
    #expect(try ReceiverListenAddress(parsing: ":0") == ReceiverListenAddress(host: "127.0.0.1", port: 0))
    #expect(try ReceiverListenAddress(parsing: "[::1]:4318").description == "[::1]:4318")
    #expect(throws: ReceiverListenAddressError.self) { try ReceiverListenAddress(parsing: "::1:4318") }
    #expect(throws: ReceiverListenAddressError.self) { try ReceiverListenAddress(parsing: "host:-1") }
    #expect(ReceiverListenAddress(host: "127.0.0.2", port: 1).isLoopback)
    #expect(ReceiverListenAddress(host: "localhost", port: 1).isLoopback)
    #expect(ReceiverListenAddress(host: "::1", port: 1).isLoopback)
    #expect(!ReceiverListenAddress(host: "0.0.0.0", port: 1).isLoopback)
    #expect(!ReceiverListenAddress(host: "127.evil.example", port: 1).isLoopback)
    #expect(!ReceiverListenAddress(host: "10.0.0.1", port: 1).isLoopback)
  }
}

/// `[controller]`: how `flightdeck serve` runs.
@Suite struct ControllerConfigurationTests {
  @Test func theTableSetsServesDefaults() throws {
    let c = try FlightDeckConfiguration.parse(
      """
      [controller]
      listen = "127.0.0.1:0"
      lease_ttl = "10s"
      heartbeat = "2s"
      rollout_interval = "500ms"
      analysis_window = "5m"
      telemetry = ["/var/log/gw/", "extra.jsonl"]
      """, file: "fd.toml")
    #expect(c.controller.listen == ReceiverListenAddress(host: "127.0.0.1", port: 0))
    #expect(c.controller.leaseTTLMs == 10_000 && c.controller.heartbeatMs == 2_000)
    #expect(c.controller.rolloutIntervalMs == 500 && c.controller.analysisWindowMs == 300_000)
    #expect(c.controller.telemetry == ["/var/log/gw/", "extra.jsonl"])
    #expect(try FlightDeckConfiguration.parse("", file: "fd.toml").controller == ControllerConfiguration())
  }

  @Test func badValuesNameFileLineAndKey() {
    #expect(
      ReceiverConfigurationTests.error("[controller]\nlease_ttl = \"1ms\"\n")
        == "fd.toml:2: controller.lease_ttl: must be between \"1s\" and \"10m\"")
    #expect(
      ReceiverConfigurationTests.error("[controller]\nlease_ttl = \"2s\"\nheartbeat = \"1500ms\"\n")
        == "fd.toml:3: controller.heartbeat: the heartbeat (1s500ms) must be at most half of lease_ttl (2s)")
    #expect(
      ReceiverConfigurationTests.error("[controller]\nlisten = 9465\n")
        == "fd.toml:2: controller.listen: expected \"HOST:PORT\", e.g. \"127.0.0.1:9465\"")
    #expect(
      ReceiverConfigurationTests.error("[controller]\ntelemetry = [\"\"]\n")
        == "fd.toml:2: controller.telemetry: expected a list of paths (non-empty strings)")
    #expect(
      ReceiverConfigurationTests.error("[controller]\nttl = \"5s\"\n")
        == "fd.toml:2: controller.ttl: unknown key (allowed: analysis_window, heartbeat, lease_ttl, listen, resolve_listen, resolve_token_file, rollout_interval, telemetry)"
    )
    #expect(
      ReceiverConfigurationTests.error("[controller]\nresolve_listen = 9466\n")
        == "fd.toml:2: controller.resolve_listen: expected \"HOST:PORT\", e.g. \"127.0.0.1:9466\"")
    #expect(
      ReceiverConfigurationTests.error("[controller]\nresolve_token_file = \"\"\n")
        == "fd.toml:2: controller.resolve_token_file: expected the path of a file holding the token")
  }

  /// The resolve API's settings: off by default, read when given.
  @Test func theResolveAPIsSettings() throws {
    #expect(ControllerConfiguration().resolveListen == nil)
    let c = try FlightDeckConfiguration.parse(
      "[controller]\nresolve_listen = \"0.0.0.0:9466\"\nresolve_token_file = \"/etc/fd/token\"\n",
      file: "fd.toml")
    #expect(c.controller.resolveListen == ReceiverListenAddress(host: "0.0.0.0", port: 9466))
    #expect(c.controller.resolveTokenFile == "/etc/fd/token")
  }
}

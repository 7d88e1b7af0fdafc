import FlightDeckCore
import Foundation
import Testing

/// `[routing]` in the configuration file: targets and retry, and errors
/// naming file, line and field.
@Suite struct RoutingConfigurationTests {
  static let sample = """
    [routing]
    initial_backoff = "2s"
    max_backoff = "1m"
    check_interval = "10s"

    [[routing.targets]]
    name = "gateway"
    type = "litellm"
    path = "/etc/litellm/config.yaml"
    artefacts = ["support-bot"]
    [routing.targets.options]
    model = "azure/{artefact}-{version}"

    [[routing.targets]]
    name = "flags"
    type = "flagd"
    path = "/etc/flagd/flags.json"
    """

  @Test func readsTargetsAndRetry() throws {
    let c = try FlightDeckConfiguration.parse(Self.sample, file: "fd.toml").routing
    #expect(c.retry.initialBackoffMs == 2_000 && c.retry.maxBackoffMs == 60_000)
    #expect(c.checkIntervalMs == 10_000)
    #expect(
      c.targets == [
        RoutingTarget(
          name: "gateway", kind: .litellm, path: "/etc/litellm/config.yaml", artefacts: ["support-bot"],
          options: ["model": "azure/{artefact}-{version}"]),
        RoutingTarget(name: "flags", kind: .flagd, path: "/etc/flagd/flags.json"),
      ])
    #expect(c.targets(carrying: "doc-agent").map(\.name) == ["flags"])
    #expect(FlightDeckConfiguration().routing.targets.isEmpty)
  }

  /// Each bad input, the line it is on and the key named.
  @Test(arguments: [
    ("type = \"litellm\"", "type = \"envoy\"", 8, "routing.targets[0].type"),
    (
      "path = \"/etc/flagd/flags.json\"", "path = \"/etc/litellm/config.yaml\"", 17, "routing.targets[1].path"
    ),
    ("name = \"flags\"", "name = \"gateway\"", 15, "routing.targets[1].name"),
    ("artefacts = [\"support-bot\"]", "artefacts = [\"Support Bot\"]", 10, "routing.targets[0].artefacts"),
    ("model = \"azure", "colour = \"azure", 12, "routing.targets[0].options.colour"),
    ("max_backoff = \"1m\"", "max_backoff = \"1s\"", 3, "routing.max_backoff"),
    ("check_interval = \"10s\"", "check_interval = \"ten\"", 4, "routing.check_interval"),
  ])
  func errorsNameFileLineAndKey(_ find: String, _ replace: String, _ line: Int, _ key: String) throws {
    let text = Self.sample.replacingOccurrences(of: find, with: replace)
    #expect(text != Self.sample)
    do {
      _ = try FlightDeckConfiguration.parse(text, file: "fd.toml")
      Issue.record("accepted \(replace)")
    } catch let e as ConfigurationError {
      #expect(e.file == "fd.toml")
      #expect(e.key == key, "\(e)")
      #expect(e.line == line, "\(e)")
    }
  }

  @Test func aFlagdTargetTakesNoOptions() throws {
    let text = Self.sample + "\n[routing.targets.options]\nmodel = \"x\"\n"
    #expect(throws: ConfigurationError.self) { try FlightDeckConfiguration.parse(text, file: "fd.toml") }
  }

  static let execSample = """
    [[routing.targets]]
    name = "hook"
    type = "exec"
    command = ["/usr/local/bin/route-hook", "--env", "prod"]
    timeout = "2s"
    """

  @Test func readsAnExecTarget() throws {
    let c = try FlightDeckConfiguration.parse(Self.execSample, file: "fd.toml").routing
    #expect(
      c.targets == [
        RoutingTarget(
          name: "hook", kind: .exec, path: "/usr/local/bin/route-hook",
          command: ["/usr/local/bin/route-hook", "--env", "prod"], timeoutMs: 2_000)
      ])
  }

  @Test(arguments: [
    (
      "command = [\"/usr/local/bin/route-hook\"", "command = [\"route-hook\"", 4, "routing.targets[0].command"
    ),
    ("timeout = \"2s\"", "timeout = \"10m\"", 5, "routing.targets[0].timeout"),
    ("timeout = \"2s\"", "path = \"/x\"", 5, "routing.targets[0].path"),
    ("type = \"exec\"", "type = \"flagd\"", 4, "routing.targets[0].command"),
  ])
  func execErrorsNameLineAndKey(_ find: String, _ replace: String, _ line: Int, _ key: String) throws {
    let text = Self.execSample.replacingOccurrences(of: find, with: replace)
    #expect(text != Self.execSample)
    do {
      _ = try FlightDeckConfiguration.parse(text, file: "fd.toml")
      Issue.record("accepted \(replace)")
    } catch let e as ConfigurationError {
      #expect(e.key == key, "\(e)")
      #expect(e.line == line, "\(e)")
    }
  }

  static let kubernetesSample = """
    [[routing.targets]]
    name = "isvc"
    type = "kserve"
    path = "/srv/k8s/isvc.yaml"
    [routing.targets.options]
    storage_uri = "s3://models/{artefact}/{version}"
    model_format = "sklearn"
    namespace = "ml"

    [[routing.targets]]
    name = "route"
    type = "httproute"
    path = "/srv/k8s/route.yaml"
    [routing.targets.options]
    gateway = "edge"
    port = "8080"
    """

  @Test func readsKubernetesTargets() throws {
    let c = try FlightDeckConfiguration.parse(Self.kubernetesSample, file: "fd.toml").routing
    #expect(
      c.targets == [
        RoutingTarget(
          name: "isvc", kind: .kserve, path: "/srv/k8s/isvc.yaml",
          options: [
            "storage_uri": "s3://models/{artefact}/{version}", "model_format": "sklearn", "namespace": "ml",
          ]),
        RoutingTarget(
          name: "route", kind: .httproute, path: "/srv/k8s/route.yaml",
          options: ["gateway": "edge", "port": "8080"]),
      ])
  }

  @Test(arguments: [
    ("port = \"8080\"", "port = \"80800\"", "routing.targets[1].options.port"),
    ("gateway = \"edge\"", "hostname = \"a.example\"", "routing.targets[1].options.gateway"),
    ("namespace = \"ml\"", "namespace = \"ML_prod\"", "routing.targets[0].options.namespace"),
    ("model_format = \"sklearn\"", "gateway = \"edge\"", "routing.targets[0].options.gateway"),
  ])
  func kubernetesErrorsNameTheKey(_ find: String, _ replace: String, _ key: String) throws {
    let text = Self.kubernetesSample.replacingOccurrences(of: find, with: replace)
    #expect(text != Self.kubernetesSample)
    do {
      _ = try FlightDeckConfiguration.parse(text, file: "fd.toml")
      Issue.record("accepted \(replace)")
    } catch let e as ConfigurationError {
      #expect(e.file == "fd.toml")
      #expect(e.key == key, "\(e)")
    }
  }

  @Test func aLiteLLMTargetTakesAShadowGroup() throws {
    let text = Self.sample.replacingOccurrences(
      of: "model = \"azure/{artefact}-{version}\"",
      with: "model = \"azure/{artefact}-{version}\"\nshadow_model_name = \"{artefact}-shadow\"")
    let c = try FlightDeckConfiguration.parse(text, file: "fd.toml").routing
    #expect(c.targets[0].options["shadow_model_name"] == "{artefact}-shadow")
  }
}

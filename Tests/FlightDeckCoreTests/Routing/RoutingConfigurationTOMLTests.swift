import Foundation
import Testing

@testable import FlightDeckCore

/// ``RoutingConfiguration/tomlText`` reads back, through the configuration
/// parser, to the configuration it was written from.
@Suite struct RoutingConfigurationTOMLTests {
  @Test("every kind of target, options, artefacts and awkward strings read back equal")
  func roundTrip() throws {
    let routing = RoutingConfiguration(
      targets: [
        RoutingTarget(name: "litellm", kind: .litellm, path: "/srv/demo \"q\"/routing\\litellm.yaml"),
        RoutingTarget(name: "flags", kind: .flagd, path: "/srv/demo/flags.json", artefacts: ["support-bot"]),
        RoutingTarget(
          name: "route", kind: .httproute, path: "/srv/route.yaml",
          options: ["gateway": "edge", "port": "8080", "service": "{artefact}-{version}"]),
        RoutingTarget(
          name: "hook", kind: .exec, path: "/usr/local/bin/hook",
          command: ["/usr/local/bin/hook", "--env", "a b"],
          timeoutMs: 2_500),
      ],
      retry: RoutingRetryPolicy(initialBackoffMs: 1_000, maxBackoffMs: 30_000), checkIntervalMs: 2_000)
    let text = routing.tomlText
    #expect(
      text.hasPrefix("[routing]\ninitial_backoff = \"1s\"\nmax_backoff = \"30s\"\ncheck_interval = \"2s\"\n"))
    #expect(text.contains("path = \"/srv/demo \\\"q\\\"/routing\\\\litellm.yaml\"\n"))
    let parsed = try FlightDeckConfiguration.parse(text, file: "flightdeck.toml")
    #expect(parsed.routing == routing)
  }
}

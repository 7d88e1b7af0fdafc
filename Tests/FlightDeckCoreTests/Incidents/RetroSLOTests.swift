import Foundation
import Testing

@testable import FlightDeckCore

/// The SLO a retrospective measures against comes from the workspace's
/// configuration: `retro INC-1 --workspace .flightdeck-demo` on the demo's
/// incident (an alert-opened incident linking rag-answer, p8 and RO-1) finds
/// the demo's rag-answer availability SLO, 99 % over 30 days.
@Suite struct RetroSLOTests {
  /// The demo's INC-1: opened by the CanaryHighErrorRate page alert on rag-answer.
  static let incident = Incident(
    id: 1, title: "CanaryHighErrorRate rag-answer", severity: .sev2, state: .triggered, commander: nil,
    source: .alert, openedAt: Timestamp(millisecondsSinceEpoch: 1_748_779_200_000), openedBy: "system",
    links: IncidentLinks(
      alerts: [
        IncidentAlertLink(
          rule: "CanaryHighErrorRate", fingerprint: "0123456789abcdef",
          labels: ["alertname": "CanaryHighErrorRate", "artefact": "rag-answer", "severity": "page"],
          firingSince: Timestamp(millisecondsSinceEpoch: 1_748_779_140_000))
      ],
      versions: [IncidentVersionLink(artefact: "rag-answer", label: "p8")], rollouts: [1]))

  /// The demo's SLOs, as `flightdeck demo` configures them.
  static let slos = [
    SLODefinition(name: "availability", artefact: "support-bot", kind: .availability, objectivePercent: 98),
    SLODefinition(
      name: "latency", artefact: "rag-answer", kind: .latency, objectivePercent: 95, thresholdMs: 5000),
    SLODefinition(name: "availability", artefact: "rag-answer", kind: .availability, objectivePercent: 99),
  ]

  @Test func theLinkedArtefactsAvailabilitySLOIsFound() throws {
    let slo = try #require(RetroSLO.configured(for: Self.incident, in: Self.slos))
    // 99 % → 0.99 (the latency SLO of the same artefact and support-bot's are not it).
    #expect(abs(slo.objective - 0.99) < 1e-12)
    #expect(slo.periodMs == 30 * 86_400_000)
    // No availability SLO on a linked artefact: none (the retro says "n/a (no SLO …)").
    #expect(RetroSLO.configured(for: Self.incident, in: Array(Self.slos.prefix(2))) == nil)
  }

  @Test func theWorkspaceConfigurationFileReadsBackTheSameSLOs() throws {
    var alerts = AlertConfiguration()
    alerts.rulesPath = "/opt/flight \"deck\"/default-alerts.yml"
    alerts.evaluationIntervalMs = 5_000
    alerts.incidentSeverities = ["page"]
    alerts.slos = Self.slos
    let text = alerts.tomlText
    #expect(text.hasPrefix("[alerts]\nrules = \"/opt/flight \\\"deck\\\"/default-alerts.yml\"\n"))
    #expect(text.contains("evaluation_interval = \"5s\"\n"))
    #expect(text.contains("objective = 99.0\nperiod = \"720h\"\n"))
    #expect(text.contains("threshold_ms = 5000.0\n"))
    let back = try FlightDeckConfiguration.parse(text, file: "flightdeck.toml").alerts
    #expect(back.rulesPath == alerts.rulesPath)
    #expect(back.evaluationIntervalMs == 5_000)
    #expect(back.incidentSeverities == ["page"])
    #expect(back.slos == Self.slos)
    // And the retro finds its SLO in what it read back.
    #expect(
      RetroSLO.configured(for: Self.incident, in: back.slos)
        == RetroSLO(objective: 99.0 / 100, periodMs: 2_592_000_000))
    #expect(
      RegistryWorkspace(directory: ".flightdeck-demo/").configurationPath
        == ".flightdeck-demo/flightdeck.toml")
  }
}

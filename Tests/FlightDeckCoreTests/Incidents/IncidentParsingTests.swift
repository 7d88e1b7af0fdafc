import FlightDeckCore
import Testing

/// Incident ids and severities as operators type them, and the queue's orders.
@Suite struct IncidentParsingTests {
  @Test func idsAndSeverities() {
    #expect(Incident.parseID("INC-12") == 12 && Incident.parseID("inc-3") == 3 && Incident.parseID("7") == 7)
    #expect(
      Incident.parseID("INC-0") == nil && Incident.parseID("INC-") == nil && Incident.parseID("REQ-4") == nil)
    #expect(IncidentSeverity.parse("SEV1") == .sev1 && IncidentSeverity.parse("sev2") == .sev2)
    #expect(IncidentSeverity.parse("3") == .sev3 && IncidentSeverity.parse("SEV5") == nil)
    #expect(IncidentSeverity.parse("") == nil)
    // More severe sorts first; states in life order.
    #expect([IncidentSeverity.sev3, .sev1, .sev4, .sev2].sorted() == [.sev1, .sev2, .sev3, .sev4])
    #expect(IncidentState.triggered < .acknowledged && IncidentState.mitigated < .resolved)
    #expect(!IncidentState.resolved.isOpen && IncidentState.mitigated.isOpen)
  }

  @Test func alertKeyIsTheEarliestFiring() {
    let t = Timestamp(millisecondsSinceEpoch: 1_000)
    let a = IncidentAlertLink(
      rule: "A", fingerprint: "fa", labels: [:], firingSince: t.adding(milliseconds: 500))
    let b = IncidentAlertLink(rule: "B", fingerprint: "fb", labels: ["artefact": "x"], firingSince: t)
    #expect(b.key == "fb@1000")
    #expect(IncidentLinks(alerts: [a, b]).alertKey == "fb@1000")
    #expect(IncidentLinks().alertKey == nil)
    #expect(IncidentLinks(alerts: [a, b], artefacts: ["y"]).allArtefacts == ["x", "y"])
  }
}

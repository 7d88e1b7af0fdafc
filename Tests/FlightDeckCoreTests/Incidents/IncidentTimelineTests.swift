import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// The self-building timeline: a history made through real store commands
/// on a manual clock, and alert entries fed to the pure builder as
/// hand-built ``AuditEntry`` values (the alert engine writes them on
/// another branch).
@Suite struct IncidentTimelineTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let minute: Int64 = 60_000
  /// 2025-06-01T01:00:00Z, an hour after the seed's history.
  let hour = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000 + 3_600_000)

  func at(_ minutes: Int64) { clock.set(hour.adding(milliseconds: minutes * minute)) }

  @Test(arguments: StoreUnderTest.all) func timelineKeepsTheWindowAndTheIncidentsArtefacts(
    _ backend: StoreUnderTest
  ) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)  // 00:00:01–00:00:10: before the window
    at(0)
    _ = try store.perform(
      .registerArtefact(name: "other-bot", kind: .agent, owner: "x", riskTier: .low, description: ""),
      as: F.alice)
    _ = try store.perform(
      .registerVersion(artefact: "other-bot", label: "v1", source: nil, tags: [:], description: ""),
      as: F.alice)
    at(5)
    let plan = try RolloutPlan(
      artefact: "support-bot", canaryVersion: "v13",
      steps: RolloutPlan.steps(weights: [5, 25, 50, 100], pauseMs: 10 * minute))
    _ = try store.perform(.startRollout(plan), as: F.alice)
    at(6)  // another artefact in the window: not in the timeline
    _ = try store.perform(
      .requestPromotion(
        artefact: "other-bot", version: "v1", target: try PointerName("staging"), reason: "try",
        expectedFrom: nil),
      as: F.alice)
    at(10)
    _ = try store.perform(
      .rolloutEvent(artefact: "support-bot", event: .abort(reason: "p95 up 40 %")), as: F.bob)
    at(12)
    _ = try store.perform(
      .openIncident(
        title: "support-bot canary latency", severity: .sev2, commander: nil,
        links: IncidentLinks(
          versions: [IncidentVersionLink(artefact: "support-bot", label: "v13")], rollouts: [1]),
        source: .manual), as: F.alice)
    at(14)
    _ = try store.perform(.acknowledgeIncident(id: 1), as: F.bob)
    at(15)
    _ = try store.perform(.addIncidentNote(id: 1, text: "canary back to 0 %"), as: F.bob)
    at(20)
    _ = try store.perform(.resolveIncident(id: 1, note: "canary aborted; production unaffected"), as: F.bob)
    at(25)  // a note after the resolution is the incident's own: kept
    _ = try store.perform(.addIncidentNote(id: 1, text: "retro Thursday"), as: F.carol)
    at(26)  // after the window's end (the resolution): not kept
    _ = try store.perform(
      .rollback(artefact: "support-bot", to: nil, reason: "belt and braces", expectedProduction: nil),
      as: F.bob)

    // The window: 12 min − 30 min lead = 00:42 … 01:20 (resolution).
    let window = IncidentTimeline.window(of: try store.incident(id: 1), now: clock.now())
    #expect(
      window.start == hour.adding(milliseconds: -18 * minute)
        && window.end == hour.adding(milliseconds: 20 * minute))
    let timeline = try store.incidentTimeline(id: 1)
    let minutes = timeline.map { $0.at.milliseconds(since: hour) / minute }
    #expect(minutes == [5, 5, 5, 10, 10, 12, 14, 15, 20, 25])
    #expect(
      timeline.map(\.kind) == [
        .rolloutStart, .pointerMove, .canaryWeight, .rolloutAbort, .canaryWeight, .opened, .acknowledged,
        .note,
        .resolved, .note,
      ])
    #expect(
      timeline.map(\.text) == [
        "support-bot RO-1 rollout.start: rollout of v13: weight 5 %, pause 10m, weight 25 %, pause 10m, weight 50 %, pause 10m, weight 100 %",
        "support-bot canary none → v13",
        "support-bot canary weight 0% → 5%",
        "support-bot RO-1 aborted: p95 up 40 %",
        "support-bot canary weight 5% → 0%",
        "opened SEV2: support-bot canary latency",
        "acknowledged by bob",
        "note: canary back to 0 %",
        "resolved: canary aborted; production unaffected",
        "note: retro Thursday",
      ])
    #expect(
      timeline.map(\.actor) == [
        "alice", "alice", "alice", "bob", "bob", "alice", "bob", "bob", "bob", "carol",
      ])
    // Each line points at its audit entry.
    let audit = Dictionary(uniqueKeysWithValues: try store.auditEntries(since: nil).map { ($0.sequence, $0) })
    #expect(timeline.allSatisfy { audit[$0.sequence]?.at == $0.at })
  }

  @Test func alertEntriesAreMatchedByArtefactLabelOrFingerprint() {
    let t = hour
    func entry(_ seq: Int64, _ minutes: Int64, _ action: AuditAction, _ subject: String, _ after: String?)
      -> AuditEntry
    {
      AuditEntry(
        sequence: seq, at: t.adding(milliseconds: minutes * minute), actor: "system", action: action,
        subject: subject, before: nil, after: after, reason: "", previousHash: "", hash: "")
    }
    let entries = [
      // 40 min before the alert: outside the 30-min lead.
      entry(
        1, -45, .alertFiring, "alert:Old",
        #"{"alert":"Old","labels":{"artefact":"support-bot"}}"#),
      entry(
        2, -5, .alertFiring, "alert:CanaryLatencyHigh",
        #"{"alert":"CanaryLatencyHigh","fingerprint":"9f2c","labels":{"artefact":"support-bot","route":"canary","severity":"page"}}"#
      ),
      entry(3, -4, .alertFiring, "alert:Other", #"{"alert":"Other","labels":{"artefact":"other-bot"}}"#),
      entry(4, -3, .alertFiring, "alert:IngestErrors", #"{"alert":"IngestErrors","labels":{}}"#),
      entry(5, -2, .silenceCreate, "SIL-1", #"{"matchers":["artefact=support-bot"]}"#),
      // Matched by fingerprint although its labels name no artefact.
      entry(
        6, 8, .alertResolved, "alert:CanaryLatencyHigh",
        #"{"alert":"CanaryLatencyHigh","fingerprint":"9f2c"}"#),
      entry(7, 30, .alertResolved, "alert:IngestErrors", #"{"alert":"IngestErrors","labels":{}}"#),
      // The judge's verdict, as `rollout.measurement` records it (RolloutStoreTests).
      entry(
        8, 1, .rolloutMeasurement, "support-bot:RO-2",
        #"{"measurement":"fail","phase":"aborted","step":3,"steps":4,"weight":0}"#),
      entry(9, 2, .rolloutMeasurement, "other-bot:RO-3", #"{"measurement":"pass"}"#),
    ]
    let incident = Incident(
      id: 4, title: "latency", severity: .sev2, state: .resolved, commander: nil, source: .alert,
      openedAt: t, openedBy: "system", resolvedAt: t.adding(milliseconds: 10 * minute),
      links: IncidentLinks(alerts: [
        IncidentAlertLink(
          rule: "CanaryLatencyHigh", fingerprint: "9f2c", labels: ["artefact": "support-bot"],
          firingSince: t.adding(milliseconds: -5 * minute))
      ]))
    // Window: first alert (−5 min) − 30 min = −35 min … resolution (+10 min).
    var withReasons = entries
    withReasons[7].reason = "measurement fail: aborted: analysis failed (error rate 8 % vs 0.5 %)"
    let timeline = IncidentTimeline.build(incident: incident, entries: withReasons.reversed(), now: t)
    #expect(timeline.map(\.sequence) == [2, 4, 5, 8, 6])
    #expect(timeline.map(\.kind) == [.alertFiring, .alertFiring, .silence, .rollout, .alertResolved])
    #expect(
      timeline[3].text
        == "support-bot RO-2 judge verdict fail: aborted: analysis failed (error rate 8 % vs 0.5 %)")
    // Without a reason, the entry names the alert with its labels.
    #expect(
      timeline[0].text
        == #"alert firing (page): CanaryLatencyHigh{artefact="support-bot",route="canary",severity="page"}"#)
    #expect(timeline[4].text == "alert resolved: CanaryLatencyHigh")
    // With one (as the store writes them: display name and value), the reason is the text.
    var reasoned = entries
    reasoned[1].reason = #"CanaryLatencyHigh{artefact="support-bot",route="canary"} firing at 0.081"#
    let withReason = IncidentTimeline.build(incident: incident, entries: reasoned, now: t)
    // Clock ticks that only asked for a measurement (same phase, step and
    // weight) are left out; a tick that moved the rollout stays.
    var ticks = entries
    let same = #"{"phase":"analysing","step":3,"steps":4,"weight":50}"#
    var idle = entry(20, 3, .rolloutTick, "support-bot:RO-2", same)
    idle.before = same
    var moved = entry(
      21, 4, .rolloutTick, "support-bot:RO-2", #"{"phase":"paused","step":4,"steps":4,"weight":50}"#)
    moved.before = same
    ticks += [idle, moved]
    let ticked = IncidentTimeline.build(incident: incident, entries: ticks, now: t).map(\.sequence)
    #expect(!ticked.contains(20) && ticked.contains(21))
    // Silences: one on another artefact, and one on an alert that is not
    // the incident's, are left out; one naming support-bot, and one on the
    // incident's alert (its rule as `alertname`), are kept.
    let silences =
      entries + [
        entry(30, 2, .silenceCreate, "SIL-7", #"{"matchers":["artefact=\"other\""]}"#),
        entry(
          31, 2, .silenceCreate, "SIL-8", #"{"matchers":["artefact=\"support-bot\"","route=\"canary\""]}"#),
        entry(32, 2, .silenceCreate, "SIL-9", #"{"matchers":["alertname=\"IngestErrors\""]}"#),
        entry(33, 2, .silenceCreate, "SIL-10", #"{"matchers":["alertname=\"CanaryLatencyHigh\""]}"#),
      ]
    let silenced = IncidentTimeline.build(incident: incident, entries: silences, now: t).map(\.sequence)
    #expect(
      !silenced.contains(30) && silenced.contains(31) && !silenced.contains(32) && silenced.contains(33))
    #expect(
      withReason.first { $0.sequence == 2 }?.text
        == #"alert firing (page): CanaryLatencyHigh{artefact="support-bot",route="canary"} firing at 0.081"#)
    #expect(incident.timeToDetectMs == 300_000)
    // A 40-min lead starts the window at −5 − 40 = −45 min: the old alert joins.
    #expect(
      IncidentTimeline.build(incident: incident, entries: entries, now: t, leadMs: 40 * minute).map(
        \.sequence)
        == [1, 2, 4, 5, 8, 6])
    // No lead: the window starts at the first alert (−5 min), which is kept.
    #expect(
      IncidentTimeline.build(incident: incident, entries: entries, now: t, leadMs: 0).map(\.sequence) == [
        2, 4, 5, 8, 6,
      ])
  }

  /// Issue 16: INC-2 (SEV3, on artefact good2, opened by hand) listed
  /// SIL-1…SIL-7 (`alertname="T"`, created before it opened), which match
  /// none of its alerts and name no artefact of it. Hand-built entries: the
  /// timeline keeps only the silences that relate to the incident, and an
  /// expiry follows its silence (matchers from the creation entry, or from
  /// the store's `silenceMatchers` when the creation lies before the entries).
  @Test func silencesAreKeptOnlyWhenTheyRelateToTheIncident() {
    let t = hour
    func silence(_ seq: Int64, _ minutes: Int64, _ action: AuditAction, _ id: Int64, _ after: String)
      -> AuditEntry
    {
      AuditEntry(
        sequence: seq, at: t.adding(milliseconds: minutes * minute), actor: "alice", action: action,
        subject: "SIL-\(id)", before: nil, after: after, reason: "", previousHash: "", hash: "")
    }
    let unrelated = (1...7).map { n in
      silence(Int64(n), -20 + Int64(n), .silenceCreate, Int64(n), #"{"matchers":["alertname=\"T\""]}"#)
    }
    let entries =
      unrelated + [
        silence(8, -5, .silenceCreate, 8, #"{"matchers":["artefact=\"good2\""]}"#),
        silence(9, -4, .silenceCreate, 9, #"{"matchers":["artefact=~\"good.*\"","alertname=\"T\""]}"#),
        silence(10, -3, .silenceCreate, 10, #"{"matchers":["artefact!=\"good2\""]}"#),
        silence(11, 2, .silenceExpire, 1, #"{"ends_at":"2025-06-01T01:02:00Z"}"#),
        silence(12, 3, .silenceExpire, 8, #"{"ends_at":"2025-06-01T01:03:00Z"}"#),
        // SIL-20 was created before the entries begin: its matchers come from the store.
        silence(13, 4, .silenceExpire, 20, #"{"ends_at":"2025-06-01T01:04:00Z"}"#),
        silence(14, 5, .silenceExpire, 21, #"{"ends_at":"2025-06-01T01:05:00Z"}"#),
      ]
    let manual = Incident(
      id: 2, title: "good2 answers slowly", severity: .sev3, state: .triggered, commander: nil,
      source: .manual,
      openedAt: t, openedBy: "alice", resolvedAt: nil, links: IncidentLinks(artefacts: ["good2"]))
    let stored: [Int64: [String]] = [20: [#"artefact="good2""#], 21: [#"alertname="T""#]]
    let kept = IncidentTimeline.build(
      incident: manual, entries: entries, silenceMatchers: stored, now: t.adding(milliseconds: 10 * minute)
    ).map(\.sequence)
    #expect(kept == [8, 9, 12, 13])
    // An incident opened by an alert: a silence of that alert (by
    // `alertname` and a label) is kept, one of the same alert with a label
    // the alert does not carry is not.
    let byAlert = Incident(
      id: 3, title: "T firing", severity: .sev2, state: .triggered, commander: nil, source: .alert,
      openedAt: t,
      openedBy: "system", resolvedAt: nil,
      links: IncidentLinks(alerts: [
        IncidentAlertLink(
          rule: "T", fingerprint: "ab12", labels: ["route": "canary"],
          firingSince: t.adding(milliseconds: -minute))
      ]))
    let alertSilences = [
      silence(1, -2, .silenceCreate, 1, #"{"matchers":["alertname=\"T\"","route=\"canary\""]}"#),
      silence(2, -2, .silenceCreate, 2, #"{"matchers":["alertname=\"T\"","route=\"stable\""]}"#),
      silence(3, -2, .silenceCreate, 3, #"{"matchers":["alertname=\"U\""]}"#),
    ]
    #expect(
      IncidentTimeline.build(incident: byAlert, entries: alertSilences, now: t.adding(milliseconds: minute))
        .map(
          \.sequence) == [1])
  }
}

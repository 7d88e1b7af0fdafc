import Foundation
import Testing

@testable import FlightDeckCore

/// The demo story replayed: at five instants, what the replay's desk feeds
/// every pane (registry snapshot with pointers, weights, rollouts and
/// requests; alerts; silences; incidents, their header and timeline) is
/// what the audit log says was true then. The expected values are worked
/// out here from the audit entries' timestamps and JSON details alone,
/// never through ``RegistryAsOf``.
@Suite("Replay as of the replay clock")
struct ReplayAsOfTests {
  /// The story: the demo's rollout of rag-answer p8 with the demo's alert
  /// rules and SLOs (the page alert opens INC-1), and an on-call acting on
  /// it: a silence made and expired early, the incident acknowledged,
  /// re-graded and given a commander.
  struct Story: Sendable {
    var store: SQLiteRegistryStore
    var open: Timestamp
    var end: Timestamp
  }

  static let story = Result { try play(seconds: 420) }

  static func play(seconds: Int64) throws -> Story {
    let scenario = try Scenario.load(path: nil)
    let t0 = Timestamp(millisecondsSinceEpoch: 1_764_420_000_000)
    let open = t0.adding(milliseconds: 5 * 60_000)
    let clock = ManualClock(start: open)
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    _ = try DemoRegistrySeed.seed(store, scenario: scenario, clock: clock, now: open)
    _ = try DemoRegistrySeed.startRollouts(store, scenario: scenario, as: DemoRegistrySeed.operators[0])
    var alerts = AlertConfiguration()
    alerts.rulesPath = try #require(AlertRulesLoader.defaultRulesURL).path
    alerts.evaluationIntervalMs = 5_000
    alerts.incidentSeverities = ["page"]
    alerts.slos = [("rag-answer", 99.0), ("support-bot", 98.0)].map {
      SLODefinition(name: "availability", artefact: $0.0, kind: .availability, objectivePercent: $0.1)
    }
    var player = ScenarioStoryPlayer(
      scenario: scenario, simulator: TrafficSimulator(scenario: scenario, seed: 1, start: t0), store: store,
      clock: clock, opensAt: open, actor: OperatorIdentity(name: "autopilot"),
      alerts: AlertEngine(configuration: alerts, groups: try AlertRulesLoader.load(path: alerts.rulesPath!)),
      keeper: AlertKeeper(configuration: alerts, store: store))
    let oncall = OperatorIdentity(name: "oncall-ana")
    var second: Int64 = 0
    var incidentSeen: Int64?
    while second < seconds {
      second += 2
      _ = try player.play(until: open.adding(milliseconds: second * 1000)) { _ in }
      clock.set(open.adding(milliseconds: second * 1000))
      if second == 4 {
        _ = try store.perform(
          .createSilence(
            matchers: [AlertLabelMatcher(name: "artefact", op: .equal, value: "support-bot")],
            startsAt: clock.now(), endsAt: clock.now().adding(milliseconds: 600_000), comment: "noisy"),
          as: oncall)
      }
      if second == 90 { _ = try store.perform(.expireSilence(id: 1), as: oncall) }
      if incidentSeen == nil, let first = try store.incidents(states: nil, limit: 10).last {
        incidentSeen = second
        #expect(first.id == 1)
      }
      if let seen = incidentSeen {
        if second == seen + 20 { _ = try store.perform(.acknowledgeIncident(id: 1), as: oncall) }
        if second == seen + 30 {
          _ = try store.perform(.setIncidentSeverity(id: 1, severity: .sev1), as: oncall)
        }
        if second == seen + 40 {
          _ = try store.perform(.assignIncident(id: 1, commander: "oncall-bo"), as: oncall)
        }
      }
    }
    return Story(store: store, open: open, end: open.adding(milliseconds: seconds * 1000))
  }

  // MARK: What the audit log says (worked out from the entries alone)

  /// An entry's `after` (or `before`) as a JSON object.
  static func object(_ text: String?) -> [String: Any] {
    guard let data = text?.data(using: .utf8) else { return [:] }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
  }

  /// The last entry at or before `t` satisfying `where`.
  static func last(_ log: [AuditEntry], at t: Timestamp, _ where: (AuditEntry) -> Bool) -> AuditEntry? {
    log.filter { $0.at <= t && `where`($0) }.max { $0.sequence < $1.sequence }
  }

  /// What the audit log says was true at `t`.
  struct Truth: Equatable, CustomStringConvertible {
    var pointers: [String: String] = [:]  // "artefact:pointer" → version
    var weights: [String: Int] = [:]  // artefact → %
    var rollout: [String: String] = [:]  // artefact → "phase weight%"
    var requests: [Int64: String] = [:]  // id → state
    var incidents: [Int64: String] = [:]  // id → "state severity commander"
    var firing: Set<String> = []  // fingerprints
    var acknowledgedAlerts: Set<String> = []
    var silences: Set<Int64> = []
    var description: String {
      "pointers \(pointers.sorted { $0.key < $1.key }) weights \(weights.sorted { $0.key < $1.key }) "
        + "rollout \(rollout) requests \(requests.sorted { $0.key < $1.key }) incidents \(incidents) "
        + "firing \(firing.sorted()) acked \(acknowledgedAlerts.sorted()) silences \(silences.sorted())"
    }
  }

  static func truth(_ log: [AuditEntry], artefacts: [String], at t: Timestamp) -> Truth {
    var truth = Truth()
    let upTo = log.filter { $0.at <= t }
    for a in artefacts {
      for p in ["production", "canary", "staging"] {
        if let e = last(log, at: t, { $0.subject == "\(a):\(p)" }),
          let v = object(e.after)["version"] as? String
        {
          truth.pointers["\(a):\(p)"] = v
        }
      }
      let weight = last(log, at: t) { $0.action == .canaryWeight && $0.subject == a }
      truth.weights[a] = (weight.flatMap { object($0.after)["weight"] as? Int }) ?? 0
      if let e = last(log, at: t, { $0.subject.hasPrefix("\(a):RO-") }) {
        let after = object(e.after)
        truth.rollout[a] = "\(after["phase"] as? String ?? "?") \(after["weight"] as? Int ?? -1)%"
      }
    }
    for create in upTo where create.action == .requestCreate {
      let id = Int64(create.subject.dropFirst(4))!
      let after = object(create.after)
      var state = (after["approvalsNeeded"] as? Int) == 0 ? "applied" : "pending"
      let decided = [AuditAction.requestApprove, .requestReject, .requestCancel, .requestExpire]
      if let e = last(log, at: t, { decided.contains($0.action) && $0.subject == create.subject }),
        let s = object(e.after)["state"] as? String
      {
        state = s
      }
      let expires = Timestamp(millisecondsSinceEpoch: Int64(after["expiresAt"] as? Int ?? 0))
      if (state == "pending" || state == "approved") && expires <= t { state = "expired" }
      truth.requests[id] = state
    }
    for opened in upTo where opened.action == .incidentOpen {
      let id = Int64(opened.subject.dropFirst(4))!
      let mine = upTo.filter { $0.subject == opened.subject }
      let state =
        mine.last { $0.action != .incidentOpen && object($0.after)["state"] != nil }
        .flatMap { object($0.after)["state"] as? String } ?? "triggered"
      let severity =
        mine.last { $0.action == .incidentSeverity }.flatMap { object($0.after)["severity"] as? String }
        ?? (object(opened.after)["severity"] as? String ?? "?")
      let commander =
        mine.last { $0.action == .incidentAssign }.flatMap { object($0.after)["commander"] as? String } ?? "-"
      truth.incidents[id] = "\(state) \(severity) \(commander)"
    }
    var firedAt: [String: Timestamp] = [:]
    for e in upTo.sorted(by: { $0.sequence < $1.sequence }) where e.subject.hasPrefix("alert:") {
      let fingerprint = String(e.subject.dropFirst(6))
      switch e.action {
      case .alertFiring:
        truth.firing.insert(fingerprint)
        firedAt[fingerprint] = e.at
        truth.acknowledgedAlerts.remove(fingerprint)
      case .alertResolved:
        truth.firing.remove(fingerprint)
        truth.acknowledgedAlerts.remove(fingerprint)
      case .alertAcknowledge:
        truth.acknowledgedAlerts.insert(fingerprint)
      default: break
      }
    }
    for e in upTo where e.action == .silenceCreate {
      let id = Int64(e.subject.dropFirst(4))!
      let ends = RFC3339Parser.parse(object(e.after)["ends_at"] as? String ?? "")!
      let expired = upTo.contains { $0.action == .silenceExpire && $0.subject == e.subject }
      if !expired && ends > t { truth.silences.insert(id) }
    }
    return truth
  }

  /// What the replay's desk feeds the panes at `t`.
  static func shown(_ desk: ReleaseDesk, artefacts: [String], at t: Timestamp) throws -> Truth {
    var shown = Truth()
    let snapshot = try #require(desk.poll(now: t) ?? desk.snapshot)
    for a in artefacts {
      guard let entry = snapshot.artefact(a) else { continue }
      for (p, v) in entry.pointers where ["production", "canary", "staging"].contains(p.rawValue) {
        shown.pointers["\(a):\(p.rawValue)"] = v
      }
      shown.weights[a] = entry.canaryWeightPercent
      if let r = entry.displayedRollout {
        shown.rollout[a] = "\(r.state.phase.rawValue) \(r.state.canaryWeight)%"
      }
    }
    for r in snapshot.requests { shown.requests[r.id] = r.state.rawValue }
    for i in try desk.incidents().get() {
      shown.incidents[i.id] = "\(i.state.rawValue) \(i.severity.rawValue) \(i.commander ?? "-")"
    }
    let alerts = try desk.store.alertInstances()
    shown.firing = Set(alerts.filter { $0.state == .firing }.map(\.fingerprint))
    shown.acknowledgedAlerts = Set(
      alerts.filter { $0.state == .firing && $0.isAcknowledged }.map(\.fingerprint))
    shown.silences = Set(try desk.store.silences(includeExpired: false).map(\.id))
    return shown
  }

  @Test("at five instants every pane shows what the audit log says was true then, and nothing later")
  func fiveInstants() throws {
    let story = try Self.story.get()
    let log = try story.store.auditEntries(since: nil)
    let artefacts = try story.store.snapshot().artefacts.map(\.artefact.name)
    // The instants: 5 s after the rollout starts (silence made), at 25 %, just after INC-1
    // opens (before anyone acts), after it is acknowledged and re-graded,
    // and at the end (the rollout aborted, the alert resolved).
    let weight25 = try #require(
      log.first { $0.action == .canaryWeight && Self.object($0.after)["weight"] as? Int == 25 }
    ).at
    let opened = try #require(log.first { $0.action == .incidentOpen }).at
    let regraded = try #require(log.first { $0.action == .incidentSeverity }).at
    let instants = [
      story.open.adding(milliseconds: 5_000), weight25.adding(milliseconds: 1_000),
      opened.adding(milliseconds: 1_000), regraded.adding(milliseconds: 1_000),
      story.end,
    ]
    let clock = ManualClock(start: instants[0])
    let desk = try ReleaseDesk.replaying(
      story.store, identity: OperatorIdentity(name: "auditor"), clock: clock)
    var seen: [Truth] = []
    for t in instants {
      clock.set(t)
      let expected = Self.truth(log, artefacts: artefacts, at: t)
      let shown = try Self.shown(desk, artefacts: artefacts, at: t)
      #expect(shown == expected, "at \(t.rfc3339)")
      seen.append(expected)
      // The incident view: header as of t, timeline up to t only.
      if let state = expected.incidents[1] {
        let (incident, timeline) = try desk.incidentDetail(id: 1).get()
        #expect(
          "\(incident.state.rawValue) \(incident.severity.rawValue) \(incident.commander ?? "-")" == state)
        #expect(incident.acknowledgedAt.map { $0 <= t } ?? true)
        #expect(!timeline.isEmpty && timeline.allSatisfy { $0.at <= t })
      } else {
        #expect(throws: RegistryError.self) { try desk.incidentDetail(id: 1).get() }
      }
      // The audit overlay: only entries written by t.
      let (entries, _) = try desk.audit().get()
      #expect(entries.count == log.filter { $0.at <= t }.count && entries.allSatisfy { $0.at <= t })
    }
    // The five instants do show the story moving: the rollout's weight, the
    // incident opening, its acknowledgement and re-grading, the abort.
    #expect(seen[0].rollout["rag-answer"] == "paused 5%" && seen[0].weights["rag-answer"] == 5)
    #expect(seen[1].weights["rag-answer"] == 25)
    #expect(seen[1].incidents.isEmpty && seen[2].incidents[1]?.hasPrefix("triggered") == true)
    #expect(seen[3].incidents[1] == "acknowledged SEV1 -")
    #expect(seen[4].incidents[1] == "acknowledged SEV1 oncall-bo")
    #expect(seen[4].rollout["rag-answer"] == "aborted 0%")
    #expect(seen[0].silences == [1] && seen[4].silences.isEmpty)
    #expect(!seen[2].firing.isEmpty)
  }

  @Test("a replay refuses every write")
  func readOnly() throws {
    let story = try Self.story.get()
    let desk = try ReleaseDesk.replaying(
      story.store, identity: OperatorIdentity(name: "auditor"), clock: ManualClock(start: story.end))
    let result = desk.perform(.acknowledgeIncident(id: 1))
    guard case .failure(let e) = result else {
      Issue.record("a replay wrote to the registry")
      return
    }
    #expect(e.code == .readOnly)
  }
}

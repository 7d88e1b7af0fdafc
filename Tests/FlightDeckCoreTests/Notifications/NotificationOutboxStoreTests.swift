import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Synchronization
import Testing

/// The notification outbox on both backends: an event exists if and only
/// if the change that causes it committed, keyed by its audit entry; and the
/// claim / record / retry protocol senders share.
@Suite struct NotificationOutboxStoreTests {
  typealias F = RegistryFixture
  let clock = TestClock()

  func outbox(_ store: any RegistryStore) throws -> any NotificationOutboxStore {
    try #require(store as? any NotificationOutboxStore)
  }

  func firing(_ store: any RegistryStore) throws -> AlertInstance {
    var i = AlertInstance(
      ruleName: "CanaryErrors", group: "g",
      labels: ["alertname": "CanaryErrors", "artefact": "support-bot", "severity": "page"],
      annotations: ["summary": "errors above 5 %"])
    i.state = .firing
    i.firedAt = clock.now()
    _ = try store.perform(
      .recordAlertTransitions([AlertTransition(from: nil, instance: i, at: clock.now())]),
      as: .system(.alerting))
    return i
  }

  /// The seed files two promotions, each approved by two: two requested,
  /// two decided (applied), keyed by the audit entries that recorded them.
  @Test(arguments: StoreUnderTest.all) func promotionsWriteRequestedAndDecidedEvents(
    _ backend: StoreUnderTest
  )
    throws
  {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    let entries = try outbox(store).notificationOutbox(states: nil, limit: 100).reversed()
    #expect(
      entries.map(\.event.kind) == [
        .promotionRequested, .promotionDecided, .promotionRequested, .promotionDecided,
      ])
    #expect(entries.map(\.event.subject) == ["REQ-1", "REQ-1", "REQ-2", "REQ-2"])
    #expect(entries.allSatisfy { $0.state == .pending && $0.attempts == 0 })
    let audit = try store.auditEntries(since: nil)
    for e in entries {
      let entry = try #require(audit.first { $0.sequence == e.event.auditSequence })
      #expect(entry.hash == e.event.key)
      #expect(entry.subject == e.event.subject)
    }
    let decided = try #require(entries.last)
    #expect(decided.event.labels["state"] == "applied")
    #expect(decided.event.labels["artefact"] == "support-bot" && decided.event.labels["version"] == "v12")
    #expect(decided.event.labels["kind"] == "promotion.decided")
    #expect(decided.event.actor == "carol")
  }

  @Test(arguments: StoreUnderTest.all) func alertAndIncidentEventsFollowTheirChanges(
    _ backend: StoreUnderTest
  )
    throws
  {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    let box = try outbox(store)
    let before = try box.notificationOutbox(states: nil, limit: 100).count
    clock.advance(milliseconds: 1000)
    let i = try firing(store)
    var fired = try box.notificationOutbox(states: nil, limit: 100)
    #expect(fired.count == before + 1)
    let event = try #require(fired.first?.event)
    #expect(event.kind == .alertFiring)
    #expect(event.fingerprint == i.fingerprint)
    #expect(event.subject == "alert:\(i.fingerprint)")
    #expect(event.labels["severity"] == "page" && event.labels["alertname"] == "CanaryErrors")
    #expect(event.annotations == ["summary": "errors above 5 %"])
    #expect(event.startsAt == clock.now())
    #expect(event.actor == "system:alerting")

    // An incident linked to the alert: opened, acknowledged, resolved.
    clock.advance(milliseconds: 1000)
    let links = IncidentLinks(alerts: [
      IncidentAlertLink(
        rule: "CanaryErrors", fingerprint: i.fingerprint, labels: i.labels, firingSince: i.firedAt!)
    ])
    let opened = try store.perform(
      .openIncident(title: "canary errors", severity: .sev2, commander: nil, links: links, source: .manual),
      as: F.alice)
    let id = try #require(opened.incident?.id)
    clock.advance(milliseconds: 1000)
    _ = try store.perform(.acknowledgeIncident(id: id), as: F.bob)
    // A refused change writes no event: acknowledging twice.
    let count = try box.notificationOutbox(states: nil, limit: 100).count
    try F.expectRefusal(store, .acknowledgeIncident(id: id), as: F.bob, .notApplicable)
    #expect(try box.notificationOutbox(states: nil, limit: 100).count == count)
    clock.advance(milliseconds: 1000)
    _ = try store.perform(.resolveIncident(id: id, note: "rolled back"), as: F.bob)
    fired = try box.notificationOutbox(states: nil, limit: 100)
    let last3 = fired.prefix(3).reversed().map(\.event)
    #expect(last3.map(\.kind) == [.incidentOpened, .incidentAcknowledged, .incidentResolved])
    #expect(last3.allSatisfy { $0.fingerprint == i.fingerprint && $0.subject == "INC-\(id)" })
    #expect(last3.map { $0.labels["severity"] } == ["SEV2", "SEV2", "SEV2"])
    #expect(last3.map { $0.labels["artefact"] } == ["support-bot", "support-bot", "support-bot"])
    #expect(last3.map { $0.labels["state"] } == ["triggered", "acknowledged", "resolved"])
    #expect(last3[2].summary == "INC-\(id) resolved by bob: rolled back")
  }

  /// A refused command (a rejection must give a reason) writes no event,
  /// and a command that causes no notification (a note) writes none either.
  @Test(arguments: StoreUnderTest.all) func refusedOrQuietChangesWriteNoEvent(_ backend: StoreUnderTest)
    throws
  {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    let box = try outbox(store)
    clock.advance(milliseconds: 1000)
    let asked = try store.perform(
      .requestPromotion(
        artefact: "support-bot", version: "v13", target: .production, reason: "try", expectedFrom: nil,
        override: F.gatesNotUnderTest), as: F.alice)
    let id = try #require(asked.request?.id)
    let count = try box.notificationOutbox(states: nil, limit: 100).count
    try F.expectRefusal(
      store, .reject(requestID: id, comment: ""), as: F.bob, .invalidInput(field: "comment"))
    #expect(try box.notificationOutbox(states: nil, limit: 100).count == count)
    _ = try store.perform(.reject(requestID: id, comment: "not now"), as: F.bob)
    let rejected = try #require(try box.notificationOutbox(states: nil, limit: 1).first)
    #expect(rejected.event.kind == .promotionDecided)
    #expect(rejected.event.labels["state"] == "rejected")
    #expect(rejected.event.annotations["comment"] == "not now")
  }

  func delivered(_ name: String, at: Timestamp) -> NotificationDelivery {
    NotificationDelivery(receiver: name, state: .delivered, attempts: 1, lastAttemptAt: at, deliveredAt: at)
  }

  @Test(arguments: StoreUnderTest.all) func claimRecordAndRetry(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    let box = try outbox(store)
    #expect(try box.notificationOutboxCounts() == [.pending: 4])
    let now = clock.now()
    let claimed = try box.claimDueNotifications(at: now, claimForMs: 60_000, limit: 3)
    #expect(claimed.map(\.id) == [1, 2, 3])
    // A claim is not an attempt: the claim count goes up, the attempts do not.
    #expect(
      claimed.allSatisfy {
        $0.claims == 1 && $0.attempts == 0 && $0.nextAttemptAt == now.adding(milliseconds: 60_000)
      })
    // Claimed entries are not due to another sender until the claim ends.
    #expect(try box.claimDueNotifications(at: now, claimForMs: 60_000, limit: 10).map(\.id) == [4])
    #expect(
      try box.claimDueNotifications(at: now.adding(milliseconds: 59_999), claimForMs: 1, limit: 10).isEmpty)

    let retryAt = now.adding(milliseconds: 5_000)
    let e1 = try box.recordNotificationDeliveries(
      id: 1, claim: 1, deliveries: [delivered("b", at: now), delivered("a", at: now)], at: now)
    #expect(e1?.state == .delivered && e1?.deliveredTo == ["a", "b"])
    // N-2: a took it, b failed with a retry due in 5 s.
    let e2 = try box.recordNotificationDeliveries(
      id: 2, claim: 1,
      deliveries: [
        delivered("a", at: now),
        NotificationDelivery(
          receiver: "b", state: .failed, attempts: 1, nextAttemptAt: retryAt, lastError: "b: HTTP 500",
          lastAttemptAt: now),
      ], at: now)
    #expect(e2?.state == .failed && e2?.nextAttemptAt == retryAt && e2?.attempts == 1)
    // N-3: a refused it (dead for a only) while b is still failing: the entry is failing, not dead.
    let e3 = try box.recordNotificationDeliveries(
      id: 3, claim: 1,
      deliveries: [
        NotificationDelivery(
          receiver: "a", state: .dead, attempts: 1, lastError: "a: HTTP 404", lastAttemptAt: now),
        NotificationDelivery(
          receiver: "b", state: .failed, attempts: 1, nextAttemptAt: retryAt, lastError: "b: HTTP 500",
          lastAttemptAt: now.adding(milliseconds: 1)),
      ], at: now)
    #expect(e3?.state == .failed && e3?.lastError == "b: HTTP 500")
    // Then b gives up too: now it is a dead letter, with b's error, a's kept.
    let e3dead = try box.recordNotificationDeliveries(
      id: 3, claim: 1,
      deliveries: [
        NotificationDelivery(
          receiver: "b", state: .dead, attempts: 2, lastError: "b: HTTP 400", lastAttemptAt: retryAt)
      ], at: retryAt)
    #expect(e3dead?.state == .dead && e3dead?.lastError == "b: HTTP 400" && e3dead?.attempts == 2)
    #expect(e3dead?.delivery(to: "a")?.lastError == "a: HTTP 404")
    // A stale claim (another sender's since) is ignored.
    #expect(try box.recordNotificationDeliveries(id: 4, claim: 7, deliveries: [], at: now) == nil)
    #expect(throws: RegistryError.self) {
      try box.recordNotificationDeliveries(id: 99, claim: 1, deliveries: [], at: now)
    }

    let all = Dictionary(
      uniqueKeysWithValues: try box.notificationOutbox(states: nil, limit: 10).map { ($0.id, $0) })
    #expect(all[1]?.state == .delivered && all[1]?.deliveredTo == ["a", "b"] && all[1]?.deliveredAt == now)
    #expect(all[2]?.state == .failed && all[2]?.lastError == "b: HTTP 500" && all[2]?.deliveredTo == ["a"])
    #expect(all[2]?.deliveries.map(\.receiver) == ["a", "b"])
    #expect(all[2]?.delivery(to: "b")?.nextAttemptAt == retryAt)
    #expect(all[3]?.state == .dead && all[3]?.deliveries.map(\.state) == [.dead, .dead])
    #expect(try box.notificationOutbox(states: [.dead, .failed], limit: 10).map(\.id) == [3, 2])
    // The depth per state: 1 delivered, 1 failed, 1 dead, 1 still pending (N-4).
    #expect(try box.notificationOutboxCounts() == [.delivered: 1, .failed: 1, .dead: 1, .pending: 1])

    // The failed one is due again at its next attempt, not before.
    #expect(
      try box.claimDueNotifications(at: now.adding(milliseconds: 4_999), claimForMs: 1, limit: 10).isEmpty)
    // Retry one receiver: only a's delivery goes back to pending, from zero; b stays dead.
    #expect(throws: RegistryError.self) { try box.retryNotification(id: 3, receiver: "c", at: now) }
    #expect(throws: RegistryError.self) { try box.retryNotification(id: 2, receiver: "a", at: now) }
    let one = try box.retryNotification(id: 3, receiver: "a", at: now)
    #expect(one.state == .pending && one.delivery(to: "a")?.attempts == 0)
    #expect(one.delivery(to: "b")?.state == .dead && one.delivery(to: "b")?.attempts == 2)
    #expect(throws: RegistryError.self) { try box.retryNotification(id: 1, receiver: nil, at: now) }
    let again = try box.claimDueNotifications(at: now, claimForMs: 1000, limit: 10)
    #expect(again.map(\.id) == [3])
    #expect(again.first?.claims == 2)
  }

  /// A graceful stop gives the claims back: due at once (or at an earlier
  /// receiver retry), in id order, with the claim count kept; a claim
  /// another sender took since is left alone.
  @Test(arguments: StoreUnderTest.all) func releasedClaimsAreDueAtOnce(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    let box = try outbox(store)
    let now = clock.now()
    let claimed = try box.claimDueNotifications(at: now, claimForMs: 300_000, limit: 3)
    #expect(claimed.map(\.id) == [1, 2, 3])
    #expect(try box.claimDueNotifications(at: now, claimForMs: 300_000, limit: 10).map(\.id) == [4])
    let later = now.adding(milliseconds: 2_000)
    // N-3's claim is stale (claims 1 ≠ 5): not released.
    #expect(try box.releaseNotificationClaims([1: 1, 2: 1, 3: 5], at: later) == 2)
    let next = try box.claimDueNotifications(at: later, claimForMs: 300_000, limit: 10)
    #expect(next.map(\.id) == [1, 2])
    #expect(next.allSatisfy { $0.claims == 2 && $0.attempts == 0 })
  }

  /// Four senders claiming at once, one entry at a time, until nothing is
  /// due: each entry is claimed exactly once (the claim reads and moves it
  /// in one serialised write transaction on both backends).
  @Test(arguments: StoreUnderTest.all) func concurrentClaimsAreDisjoint(_ backend: StoreUnderTest) throws {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    for _ in 0..<4 { _ = try firing(store) }  // the first fires; the rest find it firing already
    for _ in 0..<12 {
      clock.advance(milliseconds: 1000)
      let report = GateCheck.evaluate(policy: .standard, tier: .high, results: [])
      _ = try store.perform(
        .recordGateResults(artefact: "support-bot", version: "v13", report: report), as: F.bob)
    }
    let box = try outbox(store)
    let total = try box.notificationOutbox(states: nil, limit: 100).count
    #expect(total == 4 + 1 + 12)
    let now = clock.now()
    let claimed = Mutex<[Int64]>([])
    let failures = Mutex<[String]>([])
    let group = DispatchGroup()
    for _ in 0..<4 {
      group.enter()
      Thread.detachNewThread {
        defer { group.leave() }
        while true {
          do {
            let got = try box.claimDueNotifications(at: now, claimForMs: 60_000, limit: 1)
            if got.isEmpty { return }
            claimed.withLock { $0 += got.map(\.id) }
          } catch {
            failures.withLock { $0.append("\(error)") }
            return
          }
        }
      }
    }
    group.wait()
    #expect(failures.withLock { $0 }.isEmpty)
    let ids = claimed.withLock { $0 }
    #expect(ids.count == total)
    #expect(Set(ids).count == total)
  }
}

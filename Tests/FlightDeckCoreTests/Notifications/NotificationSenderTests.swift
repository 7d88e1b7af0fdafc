import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// The sender on a TestClock against a recording transport: routing,
/// grouping, retries, dead letters and a restart, with times worked out by hand.
@Suite struct NotificationSenderTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let hook = NotificationReceiver(name: "hook", kind: .webhook, url: "http://127.0.0.1:9/hook")

  func configuration(maxAttempts: Int = 3, groupWaitMs: Int64 = 30_000) -> NotificationConfiguration {
    NotificationConfiguration(
      receivers: [hook],
      route: NotificationRoute(receiver: "hook", groupBy: .labels(["alertname"]), groupWaitMs: groupWaitMs),
      retry: NotificationRetryPolicy(maxAttempts: maxAttempts, initialBackoffMs: 1_000, maxBackoffMs: 60_000))
  }

  func store() throws -> (any RegistryStore, any NotificationOutboxStore) {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(store, clock: clock)
    return (store, store)
  }

  func fire(_ store: any RegistryStore, artefact: String) throws -> AlertInstance {
    var i = AlertInstance(
      ruleName: "CanaryErrors", group: "g",
      labels: ["alertname": "CanaryErrors", "artefact": artefact, "severity": "page"])
    i.state = .firing
    i.firedAt = clock.now()
    _ = try store.perform(
      .recordAlertTransitions([AlertTransition(from: nil, instance: i, at: clock.now())]),
      as: .system(.alerting))
    return i
  }

  func sender(
    _ outbox: any NotificationOutboxStore, _ transport: RecordingNotificationTransport,
    _ config: NotificationConfiguration
  ) throws -> NotificationSender {
    try NotificationSender(
      store: outbox, configuration: config, secrets: NotificationSecrets(), transport: transport,
      clock: clock,
      jitter: { 0 })
  }

  func body(_ r: NotificationRequest) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])
  }

  @Test func otherEventsGoAtOnceAndAlertsWaitForTheirGroup() async throws {
    let (store, outbox) = try store()
    let transport = RecordingNotificationTransport()
    let s = try sender(outbox, transport, configuration())
    // The seed's four promotion events, one request each, keyed by event.
    var report = await s.step()
    #expect(report.claimed == 4 && report.sent == 4 && report.delivered == 4)
    let keys = try outbox.notificationOutbox(states: nil, limit: 10).reversed().map(\.event.key)
    #expect(transport.requests.map { $0.header("Idempotency-Key") } == keys)

    // Two alerts of one group, 10 s apart: nothing until group_wait (30 s) after the first arrived.
    clock.advance(milliseconds: 1_000)
    _ = try fire(store, artefact: "support-bot")
    report = await s.step()
    #expect(report.claimed == 1 && report.sent == 0)
    clock.advance(milliseconds: 10_000)
    _ = try fire(store, artefact: "other-bot")
    _ = await s.step()
    clock.advance(milliseconds: 19_999)
    report = await s.step()
    #expect(report.sent == 0 && transport.requests.count == 4)
    clock.advance(milliseconds: 1)
    report = await s.step()
    #expect(report.sent == 1 && report.delivered == 2)
    let batch = try body(try #require(transport.requests.last))
    #expect(batch["kind"] as? String == "alerts" && batch["status"] as? String == "firing")
    #expect((batch["alerts"] as? [Any])?.count == 2)
    #expect(try outbox.notificationOutbox(states: [.pending, .failed], limit: 10).isEmpty)
  }

  /// 500 every time, 3 attempts, backoff from 1 s with r = 0: retries 0.5 s
  /// then 1 s after each failure, then the dead letter; every attempt has
  /// the same Idempotency-Key.
  @Test func failuresBackOffThenDeadLetter() async throws {
    let (_, outbox) = try store()
    let transport = RecordingNotificationTransport { _, _ in NotificationResponse(status: 500) }
    let s = try NotificationSender(
      store: outbox, configuration: configuration(), secrets: NotificationSecrets(), transport: transport,
      clock: clock, jitter: { 0 }, claimLimit: 1)
    let t0 = clock.now()
    _ = await s.step()
    var e = try #require(try outbox.notificationOutbox(states: nil, limit: 10).last)
    #expect(e.id == 1 && e.state == .failed && e.attempts == 1 && e.lastError == "hook: HTTP 500")
    #expect(e.nextAttemptAt == t0.adding(milliseconds: 500))
    // The others are claimed one per step meanwhile; N-1 is due again at +0.5 s.
    clock.advance(milliseconds: 500)
    for _ in 0..<4 { _ = await s.step() }
    e = try #require(try outbox.notificationOutbox(states: nil, limit: 10).last)
    #expect(e.attempts == 2 && e.state == .failed && e.nextAttemptAt == t0.adding(milliseconds: 1_500))
    clock.advance(milliseconds: 1_000)
    for _ in 0..<4 { _ = await s.step() }
    e = try #require(try outbox.notificationOutbox(states: nil, limit: 10).last)
    #expect(e.attempts == 3 && e.state == .dead)
    let first = transport.requests.filter { $0.header("Idempotency-Key") == e.event.key }
    #expect(first.count == 3)
    // A human retries it: due at once, attempts from zero.
    _ = try outbox.retryNotification(id: e.id, receiver: nil, at: clock.now())
    #expect(try outbox.notificationOutbox(states: [.dead], limit: 10).isEmpty)
  }

  /// The step report's per-receiver outcomes and delivery latencies (what
  /// `/metrics` counts): 2 attempts allowed, the first two requests answered
  /// 500. Step 1: N-1 fails (retried 0.5 s later) and the seed's three
  /// later events are put off behind it (the receiver's order is kept).
  /// Step 2, 1 s later: N-1 fails for the last allowed time — a dead letter,
  /// after which the others go — and the three are delivered, each after
  /// (step time − the event's time).
  @Test func stepReportsOutcomesPerReceiverAndDeliveryLatency() async throws {
    let (_, outbox) = try store()
    let transport = RecordingNotificationTransport { _, n in NotificationResponse(status: n < 2 ? 500 : 200) }
    let s = try sender(outbox, transport, configuration(maxAttempts: 2))
    let first = await s.step()
    #expect(first.messages == [NotificationMessageOutcome(receiver: "hook", result: .failedAttempt)])
    #expect(first.putOff == 3 && first.deliveryLatenciesMs.isEmpty)
    clock.advance(milliseconds: 1_000)
    let stepAt = clock.now()
    let second = await s.step()
    #expect(
      second.messages.map(\.result) == [.deadLetter, .delivered, .delivered, .delivered]
        && second.messages.allSatisfy { $0.receiver == "hook" })
    #expect(second.sent == 3 && second.failed == 1 && second.delivered == 3 && second.dead == 1)
    let delivered = try outbox.notificationOutbox(states: [.delivered], limit: 10).sorted { $0.id < $1.id }
    #expect(delivered.map(\.id) == [2, 3, 4])
    #expect(second.deliveryLatenciesMs == delivered.map { stepAt.milliseconds(since: $0.event.at) })
    // The seed's events are seconds old by then: every latency is positive.
    #expect(second.deliveryLatenciesMs.allSatisfy { $0 >= 1_000 })
  }

  /// Backoff counts from the end of the attempt, not its start: a receiver
  /// that takes 3 s to answer 500 is tried again 0.5 s (half the 1 s
  /// ceiling, r = 0) after its answer, at t0 + 3.5 s.
  @Test func backoffCountsFromTheAttemptsEnd() async throws {
    let (_, outbox) = try store()
    let clock = self.clock
    let transport = RecordingNotificationTransport { _, _ in
      clock.advance(milliseconds: 3_000)
      return NotificationResponse(status: 500)
    }
    let s = try NotificationSender(
      store: outbox, configuration: configuration(), secrets: NotificationSecrets(), transport: transport,
      clock: clock, jitter: { 0 }, claimLimit: 1)
    let t0 = clock.now()
    _ = await s.step()
    let e = try #require(try outbox.notificationOutbox(states: [.failed], limit: 10).first)
    #expect(e.nextAttemptAt == t0.adding(milliseconds: 3_500))
    #expect(e.delivery(to: "hook")?.lastAttemptAt == t0.adding(milliseconds: 3_000))
  }

  @Test func retryAfterIsHonoured() async throws {
    let (_, outbox) = try store()
    let transport = RecordingNotificationTransport { _, n in
      n == 0 ? NotificationResponse(status: 429, retryAfter: "7") : NotificationResponse(status: 200)
    }
    let s = try NotificationSender(
      store: outbox, configuration: configuration(), secrets: NotificationSecrets(), transport: transport,
      clock: clock, jitter: { 0.9 }, claimLimit: 1)
    let t0 = clock.now()
    _ = await s.step()
    let e = try #require(try outbox.notificationOutbox(states: [.failed], limit: 10).first)
    #expect(e.nextAttemptAt == t0.adding(milliseconds: 7_000))
    #expect(e.lastError == "hook: HTTP 429")
    // A 404 is not retried.
    let refused = RecordingNotificationTransport { _, _ in NotificationResponse(status: 404) }
    let s2 = try NotificationSender(
      store: outbox, configuration: configuration(), secrets: NotificationSecrets(), transport: refused,
      clock: clock,
      jitter: { 0 }, claimLimit: 1)
    _ = await s2.step()
    #expect(try outbox.notificationOutbox(states: [.dead], limit: 10).map(\.attempts) == [1])
  }

  /// A sender that dies after claiming (the claim is never recorded) and a
  /// new one after the claim ran out: the event is sent, with its own key;
  /// an alert batch re-formed after a restart has the key it had before.
  @Test func aRestartSendsAgainWithTheSameKeys() async throws {
    let (store, outbox) = try store()
    let config = configuration(groupWaitMs: 0)
    let dying = try sender(
      outbox, RecordingNotificationTransport { _, _ in NotificationResponse(status: 503) }, config)
    let claimFor = await dying.claimForMs
    // It claims N-1 and dies mid-delivery.
    _ = try outbox.claimDueNotifications(at: clock.now(), claimForMs: claimFor, limit: 1)
    clock.advance(milliseconds: 1_000)
    _ = try fire(store, artefact: "support-bot")
    // The first sender's receiver takes events but fails alert batches (503).
    let failing = RecordingNotificationTransport { r, _ in
      let isBatch =
        (try? JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])?["kind"]
        as? String == "alerts"
      return NotificationResponse(status: isBatch ? 503 : 200)
    }
    let first = try sender(outbox, failing, config)
    _ = await first.step()
    let batchKey = try #require(
      failing.requests.first { (try? body($0))?["kind"] as? String == "alerts" }?.header("Idempotency-Key"))
    // Later, a new sender (the first one is gone): everything arrives.
    clock.advance(milliseconds: claimFor)
    let transport = RecordingNotificationTransport()
    let second = try sender(outbox, transport, config)
    _ = await second.step()
    #expect(try outbox.notificationOutbox(states: [.pending, .failed, .dead], limit: 10).isEmpty)
    let alerts = transport.requests.filter { (try? body($0))?["kind"] as? String == "alerts" }
    #expect(alerts.map { $0.header("Idempotency-Key") } == [batchKey])
    let n1 = try #require(try outbox.notificationOutbox(states: nil, limit: 10).last)
    #expect(transport.requests.contains { $0.header("Idempotency-Key") == n1.event.key })
    // The dying sender's claim sent nothing: one attempt, two claims.
    #expect(n1.attempts == 1 && n1.claims == 2)
  }

  /// The firing was told by a sender that is gone; its successor reads it
  /// from the store's notification log, so the group is formed again and
  /// the resolution is told at the group's next flush — `group_interval`
  /// (the default 5 min) after the firing notification, as the first sender
  /// would have — and the event is delivered. (Before the log was kept the
  /// successor knew nothing of the firing and sent the resolution alone, at once.)
  @Test func aResolutionAfterARestartIsStillSent() async throws {
    let (store, outbox) = try store()
    let config = configuration(groupWaitMs: 0)
    let first = RecordingNotificationTransport()
    _ = await (try sender(outbox, first, config)).step()
    clock.advance(milliseconds: 1_000)
    var i = try fire(store, artefact: "support-bot")
    _ = await (try sender(outbox, first, config)).step()
    #expect(try body(try #require(first.requests.last))["status"] as? String == "firing")
    // A new sender; the alert resolves.
    clock.advance(milliseconds: 60_000)
    let previous = i
    i.state = .resolved
    i.resolvedAt = clock.now()
    _ = try store.perform(
      .recordAlertTransitions([AlertTransition(from: previous.state, instance: i, at: clock.now())]),
      as: .system(.alerting))
    let second = RecordingNotificationTransport()
    let successor = try sender(outbox, second, config)
    var report = await successor.step()
    #expect(report.sent == 0 && second.requests.isEmpty)
    clock.advance(milliseconds: NotificationRoute.defaultGroupIntervalMs - 60_001)
    report = await successor.step()
    #expect(report.sent == 0 && second.requests.isEmpty)
    clock.advance(milliseconds: 1)
    report = await successor.step()
    #expect(report.sent == 1 && report.delivered == 1)
    let resolved = try body(try #require(second.requests.first))
    #expect(resolved["status"] as? String == "resolved")
    #expect(((resolved["alerts"] as? [[String: Any]])?.first?["fingerprint"] as? String) == i.fingerprint)
    #expect(try outbox.notificationOutbox(states: [.pending, .failed], limit: 10).isEmpty)
  }

  /// The "done when": the PagerDuty-shaped payload triggers when
  /// the alert fires and resolves when it resolves, on the same `dedup_key`.
  @Test func pagerDutyTriggersThenResolvesOnTheAlertsFingerprint() async throws {
    let (store, outbox) = try store()
    let pager = NotificationReceiver(
      name: "pager", kind: .pagerduty, url: "http://127.0.0.1:9/enqueue", routingKeyFile: "/unused")
    let config = NotificationConfiguration(
      receivers: [hook, pager],
      route: NotificationRoute(
        receiver: "hook", groupWaitMs: 0,
        routes: [
          NotificationRoute(
            receiver: "pager", matchers: [AlertLabelMatcher(name: "kind", op: .equal, value: "alert")],
            groupWaitMs: 0)
        ]))
    let transport = RecordingNotificationTransport()
    let s = try NotificationSender(
      store: outbox, configuration: config, secrets: NotificationSecrets(routingKeys: ["pager": "R123"]),
      transport: transport, clock: clock, jitter: { 0 })
    _ = await s.step()
    clock.advance(milliseconds: 1_000)
    var i = try fire(store, artefact: "support-bot")
    _ = await s.step()
    clock.advance(milliseconds: 60_000)
    let previous = i
    i.state = .resolved
    i.resolvedAt = clock.now()
    _ = try store.perform(
      .recordAlertTransitions([AlertTransition(from: previous.state, instance: i, at: clock.now())]),
      as: .system(.alerting))
    clock.advance(milliseconds: 300_000)  // the group's next flush (group_interval 5 min)
    _ = await s.step()
    let paged = try transport.requests.filter { $0.url.hasSuffix("/enqueue") }.map { try body($0) }
    #expect(paged.map { $0["event_action"] as? String } == ["trigger", "resolve"])
    #expect(paged.map { $0["dedup_key"] as? String } == [i.fingerprint, i.fingerprint])
    #expect(paged.map { $0["routing_key"] as? String } == ["R123", "R123"])
    #expect(try outbox.notificationOutbox(states: [.pending, .failed], limit: 10).isEmpty)
  }
}

import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// The notification log across a controller handover, on both backends and
/// the TestClock: controller A's sender notifies a group and dies; B's
/// sender takes over. Route: one receiver, grouped by `alertname`,
/// `group_wait` 30 s, `group_interval` 5 min, `repeat_interval` 1 h.
///
/// Without the stored log, B knows nothing of the group: it never repeats
/// it (A would have at the first flush after 1 h), and a second alert of the
/// group is sent alone, `group_wait` after it arrived, instead of with the
/// first at the group's next flush.
@Suite struct NotificationLogHandoverTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let config = NotificationConfiguration(
    receivers: [NotificationReceiver(name: "hook", kind: .webhook, url: "http://127.0.0.1:9/hook")],
    route: NotificationRoute(
      receiver: "hook", groupBy: .labels(["alertname"]), groupWaitMs: 30_000, groupIntervalMs: 300_000,
      repeatIntervalMs: 3_600_000),
    retry: NotificationRetryPolicy(maxAttempts: 3, initialBackoffMs: 1_000, maxBackoffMs: 60_000))

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

  func sender(_ outbox: any NotificationOutboxStore, _ transport: RecordingNotificationTransport) throws
    -> NotificationSender
  {
    try NotificationSender(
      store: outbox, configuration: config, secrets: NotificationSecrets(), transport: transport,
      clock: clock,
      jitter: { 0 })
  }

  /// The alert batches `transport` received: each one's firing fingerprints, sorted.
  func batches(_ transport: RecordingNotificationTransport) -> [[String]] {
    transport.requests.compactMap { r in
      guard let body = try? JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any],
        body["kind"] as? String == "alerts", let alerts = body["alerts"] as? [[String: Any]]
      else { return nil }
      return alerts.filter { $0["status"] as? String == "firing" }.compactMap { $0["fingerprint"] as? String }
        .sorted()
    }
  }

  /// A's sender delivers the seed's events, then the group of `x` at
  /// `group_wait` after it fired; returns the store, its outbox, `x` and
  /// the time of A's notification.
  func aNotifies(_ backend: StoreUnderTest) async throws
    -> (any RegistryStore, any NotificationOutboxStore, AlertInstance, Timestamp)
  {
    let store = try backend.make(clock: clock)
    try F.seed(store, clock: clock)
    let outbox = try #require(store as? any NotificationOutboxStore)
    let transport = RecordingNotificationTransport()
    let a = try sender(outbox, transport)
    _ = await a.step()
    clock.advance(milliseconds: 1_000)
    let x = try fire(store, artefact: "support-bot")
    _ = await a.step()
    clock.advance(milliseconds: 30_000)
    let sentAt = clock.now()
    _ = await a.step()
    #expect(batches(transport) == [[x.fingerprint]])
    #expect(try outbox.notificationOutbox(states: [.pending, .failed], limit: 10).isEmpty)
    let log = try outbox.notificationLog(at: clock.now())
    #expect(log.map(\.entry.firing) == [[x.fingerprint]] && log.map(\.entry.at) == [sentAt])
    #expect(log.map(\.expiresAt) == [sentAt.adding(milliseconds: NotificationLogRecord.defaultRetentionMs)])
    return (store, outbox, x, sentAt)
  }

  /// B takes over 10 s after A's notification and steps at every flush:
  /// nothing up to 1 h after it (`needsUpdate` repeats only when the entry
  /// is *older* than `repeat_interval`), then the repeat at the next flush,
  /// A's time + 65 min (13 group intervals).
  @Test(arguments: StoreUnderTest.all) func noRepeatBeforeRepeatIntervalThenOne(_ backend: StoreUnderTest)
    async throws
  {
    let (_, outbox, x, sentAt) = try await aNotifies(backend)
    clock.advance(milliseconds: 10_000)
    let transport = RecordingNotificationTransport()
    let b = try sender(outbox, transport)
    _ = await b.step()
    #expect(await b.nextDueAt() == sentAt.adding(milliseconds: 300_000))
    for k in 1...12 {
      clock.set(sentAt.adding(milliseconds: Int64(k) * 300_000))
      _ = await b.step()
    }
    #expect(batches(transport).isEmpty)
    clock.set(sentAt.adding(milliseconds: 13 * 300_000))
    _ = await b.step()
    #expect(batches(transport) == [[x.fingerprint]])
    let log = try outbox.notificationLog(at: clock.now())
    #expect(log.map(\.entry.at) == [sentAt.adding(milliseconds: 13 * 300_000)])
  }

  /// A second alert of the group fires 20 s after B took over: it is told
  /// with the first at the group's next flush, `group_interval` after A's
  /// notification — not before.
  @Test(arguments: StoreUnderTest.all) func aChangedGroupIsSentAtItsNextFlush(_ backend: StoreUnderTest)
    async throws
  {
    let (store, outbox, x, sentAt) = try await aNotifies(backend)
    clock.advance(milliseconds: 10_000)
    let transport = RecordingNotificationTransport()
    let b = try sender(outbox, transport)
    _ = await b.step()
    clock.advance(milliseconds: 10_000)
    let y = try fire(store, artefact: "other-bot")
    _ = await b.step()
    for seconds in [60, 120, 299] {
      clock.set(sentAt.adding(milliseconds: Int64(seconds) * 1_000))
      _ = await b.step()
    }
    #expect(batches(transport).isEmpty)
    clock.set(sentAt.adding(milliseconds: 300_000))
    _ = await b.step()
    #expect(batches(transport) == [[x.fingerprint, y.fingerprint].sorted()])
    #expect(try outbox.notificationOutbox(states: [.pending, .failed], limit: 10).isEmpty)
  }
}

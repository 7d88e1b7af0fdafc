import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Synchronization
import Testing

/// Delivery state per (event, receiver) (breaker C2 of issue 14): a pager
/// answering 500 and a chat answering 400 to every event. The chat's 4xx
/// makes each event dead for the chat only; the pager is retried on its own
/// schedule and takes every event (a page is not lost).
@Suite struct NotificationPerReceiverDeliveryTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let pager = NotificationReceiver(name: "pager", kind: .webhook, url: "http://127.0.0.1:9/pager")
  let chat = NotificationReceiver(name: "chat", kind: .webhook, url: "http://127.0.0.1:9/chat")

  /// Both receivers get everything (two sibling routes, the first with `continue`).
  var configuration: NotificationConfiguration {
    NotificationConfiguration(
      receivers: [pager, chat],
      route: NotificationRoute(
        receiver: "pager", groupWaitMs: 0,
        routes: [
          NotificationRoute(receiver: "pager", groupWaitMs: 0, continueMatching: true),
          NotificationRoute(receiver: "chat", groupWaitMs: 0),
        ]),
      retry: NotificationRetryPolicy(maxAttempts: 3, initialBackoffMs: 1_000, maxBackoffMs: 60_000))
  }

  /// Answers per receiver: the pager 500 for its first `pagerFailures`
  /// requests then 200; the chat 400 for its first `chatFailures` then 200.
  final class Receivers: Sendable {
    let counts = Mutex<[String: Int]>([:])
    let pagerFailures: Int
    let chatFailures: Int
    init(pagerFailures: Int, chatFailures: Int) {
      self.pagerFailures = pagerFailures
      self.chatFailures = chatFailures
    }
    func answer(_ r: NotificationRequest) -> NotificationResponse {
      let isPager = r.url.hasSuffix("/pager")
      let n = counts.withLock { c in
        c[isPager ? "pager" : "chat", default: 0] += 1
        return c[isPager ? "pager" : "chat"]!
      }
      if isPager { return NotificationResponse(status: n <= pagerFailures ? 500 : 200) }
      return NotificationResponse(status: n <= chatFailures ? 400 : 200)
    }
  }

  func sender(_ outbox: any NotificationOutboxStore, _ transport: RecordingNotificationTransport) throws
    -> NotificationSender
  {
    try NotificationSender(
      store: outbox, configuration: configuration, secrets: NotificationSecrets(), transport: transport,
      clock: clock, jitter: { 0 })
  }

  /// The seed's four promotion events. Step 1: the pager fails the first
  /// (500: retried 0.5 s later, half the 1 s ceiling with r = 0) and its
  /// three later events are put off behind it (its order is kept); the chat
  /// refuses each (400: dead for the chat only). Nothing is a dead letter
  /// yet: the pager is owed every event. Step 2, 0.5 s later: the pager
  /// takes all four, in order; each event is then dead (the chat's) with the
  /// pager delivered. A retry of one event to the chat sends it to the chat only.
  @Test func aRefusingChatDoesNotKillThePagersDelivery() async throws {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(store, clock: clock)
    let receivers = Receivers(pagerFailures: 1, chatFailures: 4)
    let transport = RecordingNotificationTransport { r, _ in receivers.answer(r) }
    let s = try sender(store, transport)
    let t0 = clock.now()
    let first = await s.step()
    #expect(first.claimed == 4 && first.failed == 5 && first.putOff == 3)
    #expect(first.dead == 0 && first.delivered == 0)
    var entries = Array(try store.notificationOutbox(states: nil, limit: 10).reversed())
    #expect(entries.map(\.state) == [.failed, .pending, .pending, .pending])
    #expect(entries.allSatisfy { $0.nextAttemptAt == t0.adding(milliseconds: 500) })
    #expect(entries.map { $0.delivery(to: "pager")?.state } == [.failed, .pending, .pending, .pending])
    for e in entries {
      #expect(e.delivery(to: "chat")?.state == .dead && e.delivery(to: "chat")?.attempts == 1)
      #expect(e.delivery(to: "chat")?.lastError == "chat: HTTP 400")
    }
    clock.advance(milliseconds: 500)
    let second = await s.step()
    #expect(second.claimed == 4 && second.sent == 4 && second.dead == 4)
    entries = Array(try store.notificationOutbox(states: nil, limit: 10).reversed())
    #expect(entries.allSatisfy { $0.state == .dead && $0.deliveredTo == ["pager"] })
    #expect(entries.map { $0.delivery(to: "pager")?.attempts } == [2, 1, 1, 1])
    // The pager got N-1 twice, then the others, in event order, each under its own key; the chat each once.
    let keys = entries.map(\.event.key)
    let pagerKeys = transport.requests.filter { $0.url.hasSuffix("/pager") }.map {
      $0.header("Idempotency-Key")
    }
    #expect(pagerKeys == [keys[0]] + keys)
    #expect(transport.requests.filter { $0.url.hasSuffix("/chat") }.count == 4)

    // `notifications retry N-1 --receiver chat`: only the chat is sent it.
    let retried = try store.retryNotification(id: 1, receiver: "chat", at: clock.now())
    #expect(retried.state == .pending && retried.delivery(to: "pager")?.state == .delivered)
    let before = transport.requests.count
    let third = await s.step()
    #expect(third.claimed == 1 && third.sent == 1 && third.delivered == 1)
    #expect(transport.requests.count == before + 1)
    #expect(transport.requests.last?.url.hasSuffix("/chat") == true)
    let n1 = try #require(try store.notificationOutbox(states: nil, limit: 10).last)
    #expect(n1.id == 1 && n1.state == .delivered && n1.deliveredTo == ["chat", "pager"])
  }

  /// The breaker's case with alerts: a firing alert's batch fails at the
  /// pager (500) and is refused by the chat (400). The pager's batch is
  /// retried 0.5 s later under the same key and taken; the event ends dead
  /// for the chat and delivered to the pager.
  @Test func anAlertsPageIsRetriedAfterTheChatRefusedIt() async throws {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(store, clock: clock)
    // The seed's four events first, taken by both.
    let receivers = Receivers(pagerFailures: 0, chatFailures: 0)
    let ok = RecordingNotificationTransport { r, _ in receivers.answer(r) }
    _ = await (try sender(store, ok)).step()
    #expect(try store.notificationOutbox(states: [.delivered], limit: 10).count == 4)

    clock.advance(milliseconds: 1_000)
    var i = AlertInstance(
      ruleName: "CanaryErrors", group: "g",
      labels: ["alertname": "CanaryErrors", "artefact": "support-bot", "severity": "page"])
    i.state = .firing
    i.firedAt = clock.now()
    _ = try store.perform(
      .recordAlertTransitions([AlertTransition(from: nil, instance: i, at: clock.now())]),
      as: .system(.alerting))
    let failing = Receivers(pagerFailures: 1, chatFailures: 1)
    let transport = RecordingNotificationTransport { r, _ in failing.answer(r) }
    let s = try sender(store, transport)
    let t1 = clock.now()
    let first = await s.step()
    #expect(first.claimed == 1 && first.failed == 2 && first.dead == 0)
    var alert = try #require(try store.notificationOutbox(states: nil, limit: 1).first)
    #expect(alert.event.kind == .alertFiring)
    #expect(alert.state == .failed && alert.nextAttemptAt == t1.adding(milliseconds: 500))
    #expect(alert.delivery(to: "chat")?.state == .dead && alert.delivery(to: "pager")?.state == .failed)
    clock.advance(milliseconds: 500)
    let second = await s.step()
    #expect(second.sent == 1 && second.dead == 1)
    alert = try #require(try store.notificationOutbox(states: nil, limit: 1).first)
    #expect(alert.state == .dead && alert.deliveredTo == ["pager"])
    let paged = transport.requests.filter { $0.url.hasSuffix("/pager") }
    #expect(paged.count == 2 && Set(paged.map { $0.header("Idempotency-Key") }).count == 1)
    #expect(transport.requests.filter { $0.url.hasSuffix("/chat") }.count == 1)
  }
}

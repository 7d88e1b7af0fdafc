import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Synchronization
import Testing

/// Receivers are sent to at once (breaker M2 of issue 14): one that hangs
/// holds back only its own messages, and each receiver still gets its
/// messages in event order.
@Suite struct NotificationParallelReceiversTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let slow = NotificationReceiver(name: "slow", kind: .webhook, url: "http://127.0.0.1:9/slow")
  let fast = NotificationReceiver(name: "fast", kind: .webhook, url: "http://127.0.0.1:9/fast")

  /// The first request to `/slow` hangs until ``open()`` and then fails
  /// with no answer (a timeout); every other request is answered 200.
  final class GatedTransport: NotificationTransport {
    private let log = Mutex<[NotificationRequest]>([])
    private let opened = Atomic<Bool>(false)

    var requests: [NotificationRequest] { log.withLock { $0 } }
    func to(_ suffix: String) -> [NotificationRequest] { requests.filter { $0.url.hasSuffix(suffix) } }
    func open() { opened.store(true, ordering: .relaxed) }

    func send(_ request: NotificationRequest, timeoutMs: Int64) async -> NotificationResponse {
      let slowCount = log.withLock { list in
        list.append(request)
        return list.filter { $0.url.hasSuffix("/slow") }.count
      }
      if request.url.hasSuffix("/slow") && slowCount == 1 {
        // Bounded: 20 s at most, then it fails all the same.
        for _ in 0..<2_000 where !opened.load(ordering: .relaxed) {
          try? await Task.sleep(for: .milliseconds(10))
        }
        return NotificationResponse(status: nil, error: "timed out")
      }
      return NotificationResponse(status: 200)
    }
  }

  /// Waits (bounded, 10 s) until `condition` holds.
  func eventually(_ condition: () -> Bool) async throws {
    for _ in 0..<1_000 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
  }

  /// The seed's four promotion events to both receivers. While the slow
  /// receiver hangs on the first, the fast one takes all four. The slow
  /// one's timeout is retried 0.5 s later (half the 1 s ceiling, r = 0) and
  /// its three later events are put off behind it (not sent, no attempt);
  /// 0.5 s later the slow receiver gets the four in event order.
  @Test func aHangingReceiverHoldsBackOnlyItsOwnMessages() async throws {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(store, clock: clock)
    let config = NotificationConfiguration(
      receivers: [slow, fast],
      route: NotificationRoute(
        receiver: "fast",
        routes: [
          NotificationRoute(receiver: "slow", continueMatching: true), NotificationRoute(receiver: "fast"),
        ]),
      retry: NotificationRetryPolicy(maxAttempts: 3, initialBackoffMs: 1_000, maxBackoffMs: 60_000))
    let transport = GatedTransport()
    let sender = try NotificationSender(
      store: store, configuration: config, secrets: NotificationSecrets(), transport: transport, clock: clock,
      jitter: { 0 })
    let t0 = clock.now()
    let step = Task { await sender.step() }
    try await eventually { transport.to("/fast").count == 4 }
    let fastWhileHanging = transport.to("/fast").count
    let slowWhileHanging = transport.to("/slow").count
    transport.open()
    let report = await step.value
    #expect(fastWhileHanging == 4 && slowWhileHanging == 1)
    #expect(report.sent == 4 && report.failed == 1 && report.putOff == 3 && report.delivered == 0)
    let entries = try store.notificationOutbox(states: nil, limit: 10).reversed()
    let keys = entries.map(\.event.key)
    #expect(entries.allSatisfy { $0.delivery(to: "fast")?.state == .delivered })
    #expect(entries.map { $0.delivery(to: "slow")?.state } == [.failed, .pending, .pending, .pending])
    #expect(entries.map { $0.delivery(to: "slow")?.attempts } == [1, 0, 0, 0])
    #expect(entries.allSatisfy { $0.state != .delivered && $0.nextAttemptAt == t0.adding(milliseconds: 500) })

    clock.advance(milliseconds: 500)
    let second = await sender.step()
    #expect(second.sent == 4 && second.delivered == 4 && second.putOff == 0)
    #expect(transport.to("/slow").map { $0.header("Idempotency-Key") } == [keys[0]] + keys)
    #expect(transport.to("/fast").count == 4)
  }
}

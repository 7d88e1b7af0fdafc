import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// The sender as controller work: a step starts when due and none runs,
/// `runIfDue` never waits for it, and finished steps are reported once.
@Suite struct NotificationControllerWorkTests {
  typealias F = RegistryFixture
  let clock = TestClock()
  let hook = NotificationReceiver(name: "hook", kind: .webhook, url: "http://127.0.0.1:9/hook")

  /// Waits (bounded) until `condition` holds; the step runs in a task.
  func eventually(_ condition: () -> Bool) async throws {
    for _ in 0..<500 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
  }

  @Test func stepsArePacedOnTheClockAndReportedOnce() async throws {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(store, clock: clock)
    let transport = RecordingNotificationTransport()
    let config = NotificationConfiguration(
      receivers: [hook], route: NotificationRoute(receiver: "hook"),
      retry: NotificationRetryPolicy(maxAttempts: 3, initialBackoffMs: 1_000, maxBackoffMs: 60_000))
    let sender = try NotificationSender(
      store: store, configuration: config, secrets: NotificationSecrets(), transport: transport, clock: clock,
      jitter: { 0 })
    let work = NotificationControllerWork(sender: sender, clock: clock, pollIntervalMs: 1_000)
    #expect(work.workName == "notifications")
    // The first call starts a step and reports nothing yet.
    #expect(work.runIfDue() == [])
    try await eventually { transport.requests.count == 4 }
    #expect(transport.requests.count == 4)  // the seed's four promotion events
    // The next call reports the finished step, once; no new step before 1 s.
    var lines: [String] = []
    try await eventually {
      lines += work.runIfDue()
      return !lines.isEmpty
    }
    #expect(lines == ["claimed 4, sent 4, failed 0, delivered 4, dead 0"])
    #expect(work.runIfDue() == [])
    // 1 s later a step is due again; with nothing to claim it reports nothing.
    clock.advance(milliseconds: 1_000)
    #expect(work.runIfDue() == [])
    try await Task.sleep(for: .milliseconds(50))
    #expect(work.runIfDue() == [])
    #expect(transport.requests.count == 4)
  }
}

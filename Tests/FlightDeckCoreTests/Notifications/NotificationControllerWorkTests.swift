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

  /// A graceful stop (breaker M1 of issue 14): two alerts wait in their
  /// group (group_wait 30 s) under the stopping holder's claim. Stopping
  /// gives the claims back, so the next holder claims them at once — not
  /// 5 min later at the claim's end — in id order; the claim was no attempt.
  /// A stopped work starts no step.
  @Test func aGracefulStopReleasesTheClaimsAtOnce() async throws {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    try F.seed(store, clock: clock)
    for artefact in ["support-bot", "other-bot"] {
      var i = AlertInstance(
        ruleName: "CanaryErrors", group: "g", labels: ["alertname": "CanaryErrors", "artefact": artefact])
      i.state = .firing
      i.firedAt = clock.now()
      _ = try store.perform(
        .recordAlertTransitions([AlertTransition(from: nil, instance: i, at: clock.now())]),
        as: .system(.alerting))
    }
    let config = NotificationConfiguration(
      receivers: [hook], route: NotificationRoute(receiver: "hook", groupWaitMs: 30_000))
    let transport = RecordingNotificationTransport()
    let first = try NotificationSender(
      store: store, configuration: config, secrets: NotificationSecrets(), transport: transport, clock: clock,
      jitter: { 0 })
    let work = NotificationControllerWork(sender: first, clock: clock, pollIntervalMs: 1_000)
    _ = work.runIfDue()
    var lines: [String] = []
    try await eventually {
      lines += work.runIfDue()
      return !lines.isEmpty
    }
    // The seed's four events went out; the two alerts wait for group_wait, claimed.
    #expect(lines == ["claimed 6, sent 4, failed 0, delivered 4, dead 0"])
    let held = try store.notificationOutbox(states: [.pending], limit: 10)
    #expect(held.map(\.id) == [6, 5] && held.allSatisfy { $0.claims == 1 && $0.attempts == 0 })
    #expect(await work.stopAndRelease() == 2)
    clock.advance(milliseconds: 10)
    #expect(work.runIfDue() == [])
    let next = try NotificationSender(
      store: store, configuration: config, secrets: NotificationSecrets(), transport: transport, clock: clock,
      jitter: { 0 })
    let report = await next.step()
    #expect(report.claimed == 2)
    #expect(try store.notificationOutbox(states: [.pending], limit: 10).allSatisfy { $0.claims == 2 })
    try await Task.sleep(for: .milliseconds(50))
    #expect(work.runIfDue() == [] && transport.requests.count == 4)
  }
}

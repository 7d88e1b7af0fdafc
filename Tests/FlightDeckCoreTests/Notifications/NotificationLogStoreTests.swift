import FlightDeckCore
import FlightDeckTestSupport
import Foundation
import Testing

/// The notification log on both backends
/// (``NotificationOutboxStore/notificationLog(at:)`` and
/// ``NotificationOutboxStore/recordNotificationLog(_:at:)``): entries come
/// back as written, a newer entry wins over an older one whatever the order
/// of the writes, and an entry is gone from its expiry on and deleted at the
/// next write.
@Suite struct NotificationLogStoreTests {
  let clock = TestClock()

  func record(_ receiver: String, artefact: String, firing: [String], at: Timestamp, keepForMs: Int64)
    -> NotificationLogRecord
  {
    let alerts = firing.map {
      NotifiedAlert(
        fingerprint: $0, labels: ["alertname": "CanaryErrors", "artefact": artefact],
        annotations: ["summary": "errors \"above\" 5 %"], startsAt: at.adding(milliseconds: -60_000))
    }
    return NotificationLogRecord(
      key: NotificationDispatcher.LogKey(
        group: NotificationGroupKey(routePath: [0, 2], groupLabels: ["artefact": artefact]),
        receiver: receiver),
      entry: NotificationDispatcher.LogEntry(firingAlerts: alerts, resolved: ["old"], at: at),
      expiresAt: at.adding(milliseconds: keepForMs))
  }

  @Test(arguments: StoreUnderTest.all) func entriesRoundTripNewerWinsAndExpire(_ backend: StoreUnderTest)
    throws
  {
    let store = try backend.make(clock: clock)
    let log = try #require(store as? any NotificationOutboxStore)
    let t0 = clock.now()
    #expect(try log.notificationLog(at: t0).isEmpty)
    let pager = record("pager", artefact: "support-bot", firing: ["f1", "f2"], at: t0, keepForMs: 10_000)
    let hook = record("hook", artefact: "support-bot", firing: ["f1"], at: t0, keepForMs: 20_000)
    #expect(try log.recordNotificationLog([pager, hook], at: t0) == 0)
    // By receiver: hook, then pager.
    #expect(try log.notificationLog(at: t0) == [hook, pager])

    // A newer entry replaces; an older one written after it does not.
    let newer = record(
      "pager", artefact: "support-bot", firing: ["f2"], at: t0.adding(milliseconds: 5_000),
      keepForMs: 10_000)
    try log.recordNotificationLog([newer], at: t0.adding(milliseconds: 5_000))
    try log.recordNotificationLog([pager], at: t0.adding(milliseconds: 6_000))
    #expect(try log.notificationLog(at: t0.adding(milliseconds: 6_000)) == [hook, newer])

    // newer expires at t0 + 15 s, hook at t0 + 20 s: each is there 1 ms before, gone at it;
    // a write deletes what expired by its time.
    #expect(try log.notificationLog(at: t0.adding(milliseconds: 14_999)) == [hook, newer])
    #expect(try log.notificationLog(at: t0.adding(milliseconds: 15_000)) == [hook])
    #expect(try log.notificationLog(at: t0.adding(milliseconds: 19_999)) == [hook])
    #expect(try log.notificationLog(at: t0.adding(milliseconds: 20_000)).isEmpty)
    #expect(try log.recordNotificationLog([], at: t0.adding(milliseconds: 14_999)) == 0)
    #expect(try log.recordNotificationLog([], at: t0.adding(milliseconds: 20_000)) == 2)
    #expect(try log.notificationLog(at: t0).isEmpty)
  }
}

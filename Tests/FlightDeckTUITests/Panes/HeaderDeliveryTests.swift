import FlightDeckCore
import FlightDeckTUI
import FlightDeckTestSupport
import Testing

/// Notification delivery trouble on screen (issue 14): dead letters and
/// failing notifications, read from a real store's outbox through the store
/// effect path (``AppEffect/loadNotificationDelivery`` carried out by
/// ``RegistryBridge``, as the run loop's worker does), shown in the header.
@Suite struct HeaderDeliveryTests {
  let clock = TestClock(start: Timestamp(millisecondsSinceEpoch: 1_748_736_000_000))

  /// An in-memory store whose outbox holds three alert events: N-1 and N-2
  /// dead (`hook: HTTP 404`), N-3 failed (`pager: HTTP 429`), or — with
  /// `trouble` false — all three delivered.
  func store(trouble: Bool = true) throws -> SQLiteRegistryStore {
    let store = try SQLiteRegistryStore.inMemory(clock: clock)
    for artefact in ["a", "b", "c"] {
      var i = AlertInstance(
        ruleName: "CanaryErrors", group: "g",
        labels: ["alertname": "CanaryErrors", "artefact": artefact, "severity": "page"])
      i.state = .firing
      i.firedAt = clock.now()
      _ = try store.perform(
        .recordAlertTransitions([AlertTransition(from: nil, instance: i, at: clock.now())]),
        as: .system(.alerting))
    }
    let now = clock.now()
    let claimed = try store.claimDueNotifications(at: now, claimForMs: 1_000, limit: 10)
    #expect(claimed.map(\.id) == [1, 2, 3])
    for e in claimed {
      let delivery =
        !trouble
        ? NotificationDelivery(receiver: "hook", state: .delivered, attempts: 1, deliveredAt: now)
        : e.id == 3
          ? NotificationDelivery(
            receiver: "pager", state: .failed, attempts: 1, nextAttemptAt: now.adding(milliseconds: 5_000),
            lastError: "pager: HTTP 429")
          : NotificationDelivery(receiver: "hook", state: .dead, attempts: 1, lastError: "hook: HTTP 404")
      try store.recordNotificationDeliveries(id: e.id, claim: 1, deliveries: [delivery], at: now)
    }
    return store
  }

  /// A driver on the incident fixture's screen, its desk on `store`, after
  /// one lease reading (which asks for the delivery reading).
  func driver(_ store: SQLiteRegistryStore, width: Int, height: Int) -> AppDriver {
    var state = AppState()
    state.focus = .alerts
    let d = AppDriver(width: width, height: height, state: state)
    d.apply(snapshot: IncidentFixture.snapshot())
    d.releaseDesk = ReleaseDesk(store: store, identity: OperatorIdentity(name: "dave"), clock: clock)
    let effects = d.apply(.controllerLease(nil, readAt: clock.now()))
    #expect(effects == [.loadNotificationDelivery, .loadRouting])
    return d
  }

  func check(_ d: AppDriver, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let canvas = d.backend.lastFrame else {
      Issue.record("no frame", sourceLocation: sourceLocation)
      return
    }
    CanvasSnapshot.assertMatches(canvas, named: name, includeStyles: true, sourceLocation: sourceLocation)
  }

  @Test func theReadingCountsDeadAndRetryingAndNamesTheNewest() throws {
    let trouble = try NotificationDeliveryTrouble.read(from: try store())
    #expect(trouble.dead == 2 && trouble.retrying == 1 && trouble.newest?.id == 3)
    #expect(
      HeaderPane.deliveryText(trouble, compact: false) == "notify: 2 dead, 1 retrying (N-3 pager: HTTP 429)")
    #expect(HeaderPane.deliveryText(trouble, compact: true) == "NOTIFY 2 dead 1 retry")
    #expect(
      HeaderPane.delivery(trouble, width: 200, used: 6)?.style
        == CellStyle(.critical, bold: true, reverse: true))
    // Retries alone are a warning; nothing in trouble shows nothing.
    let retrying = NotificationDeliveryTrouble(dead: 0, retrying: 1)
    #expect(HeaderPane.deliveryText(retrying, compact: true) == "NOTIFY 1 retry")
    #expect(
      HeaderPane.delivery(retrying, width: 200, used: 6)?.style == CellStyle(.warn, bold: true, reverse: true)
    )
    #expect(HeaderPane.deliveryText(NotificationDeliveryTrouble(dead: 0, retrying: 0), compact: false) == nil)
    #expect(HeaderPane.deliveryText(nil, compact: false) == nil)
  }

  @Test func aHostileErrorIsSanitisedAndCut() {
    let entry = NotificationOutboxEntry(
      id: 9,
      event: NotificationEvent(
        key: "k", auditSequence: 1, kind: .alertFiring, subject: "alert:x", at: clock.now(), actor: "a",
        summary: "s"),
      state: .dead, attempts: 8, nextAttemptAt: clock.now(),
      lastError: "hook\u{1B}[31m: " + String(repeating: "x", count: 100))
    let text = HeaderPane.deliveryText(
      NotificationDeliveryTrouble(dead: 1, retrying: 0, newest: entry), compact: false)
    #expect(text?.contains("\u{1B}") == false)
    #expect(text?.hasPrefix("notify: 1 dead (N-9 hook") == true)
    #expect(
      text.map { DisplayWidth.of($0) } == "notify: 1 dead (N-9 ".count + HeaderPane.deliveryErrorWidth + 1)
  }

  @Test func deadLettersShowInTheHeader80x24() throws {
    let d = driver(try store(), width: 80, height: 24)
    #expect(d.state.notificationDelivery?.dead == 2)
    #expect(d.frame[0].contains(" NOTIFY 2 dead 1 retry "))
    check(d, "delivery-trouble-80x24")
  }

  @Test func deadLettersShowInTheHeader200x50() throws {
    let d = driver(try store(), width: 200, height: 50)
    #expect(d.frame[0].contains(" notify: 2 dead, 1 retrying (N-3 pager: HTTP 429) "))
    check(d, "delivery-trouble-200x50")
  }

  @Test func deliveredNotificationsShowNothing() throws {
    let d = driver(try store(trouble: false), width: 200, height: 50)
    #expect(d.state.notificationDelivery == NotificationDeliveryTrouble(dead: 0, retrying: 0))
    #expect(!d.frame[0].contains("notify") && !d.frame[0].contains("NOTIFY"))
  }
}

import Testing

@testable import FlightDeckCore

/// The dispatcher's timing and dedup, worked out by hand from Alertmanager's
/// rules (dispatch.go's aggregation groups, notify.go's `needsUpdate`):
/// group_wait 10 s, group_interval 60 s, repeat_interval 180 s, alerts
/// grouped by `alertname`.
@Suite struct NotificationDispatcherTests {
  let t0 = Timestamp(millisecondsSinceEpoch: 1_800_000_000_000)

  func at(_ seconds: Int64) -> Timestamp { t0.adding(milliseconds: seconds * 1000) }

  func route(receiver: String = "team", routes: [NotificationRoute] = []) -> NotificationRoute {
    NotificationRoute(
      receiver: receiver, groupBy: .labels(["alertname"]), groupWaitMs: 10_000, groupIntervalMs: 60_000,
      repeatIntervalMs: 180_000, routes: routes)
  }

  func alert(_ id: String, _ name: String = "HighErrorRate", since: Int64 = 0, resolved: Int64? = nil)
    -> NotifiedAlert
  {
    NotifiedAlert(
      fingerprint: id, labels: ["alertname": name, "artefact": "support-bot", "severity": "page"],
      startsAt: at(since), resolvedAt: resolved.map(at))
  }

  func summary(_ batches: [NotificationBatch]) -> [String] {
    batches.map {
      "\($0.receiver) \($0.status) firing=\($0.firing.map(\.fingerprint)) resolved=\($0.resolved.map(\.fingerprint))"
    }
  }

  @Test func aNewGroupWaitsGroupWaitThenRepeatsOnlyAfterRepeatInterval() {
    var d = NotificationDispatcher(root: route())
    d.receive(alert("a"), at: at(0))
    #expect(d.nextFlushAt == at(10))
    #expect(d.flush(at: at(9)).isEmpty)
    #expect(summary(d.flush(at: at(10))) == ["team firing firing=[\"a\"] resolved=[]"])
    #expect(d.nextFlushAt == at(70))
    // Nothing changed: the ticks at 70, 130 and 190 s say nothing (190 − 10 = 180 is not
    // more than repeat_interval); 250 s is, so the group is told again.
    for t: Int64 in [70, 130, 190] { #expect(d.flush(at: at(t)).isEmpty, "\(t)") }
    #expect(summary(d.flush(at: at(250))) == ["team firing firing=[\"a\"] resolved=[]"])
  }

  @Test func aNewAlertInAGroupWaitsForTheNextIntervalNotGroupWait() {
    var d = NotificationDispatcher(root: route())
    d.receive(alert("a"), at: at(0))
    _ = d.flush(at: at(10))
    d.receive(alert("b", since: 15), at: at(15))
    #expect(d.flush(at: at(25)).isEmpty)  // not due: the group flushes at 70
    #expect(summary(d.flush(at: at(70))) == ["team firing firing=[\"a\", \"b\"] resolved=[]"])
  }

  @Test func resolvedAlertsAreToldOnceThenLeaveAndAnEmptyGroupGoes() {
    var d = NotificationDispatcher(root: route())
    d.receive(alert("a"), at: at(0))
    d.receive(alert("b"), at: at(1))
    _ = d.flush(at: at(10))
    d.receive(alert("b", resolved: 30), at: at(30))
    #expect(summary(d.flush(at: at(70))) == ["team firing firing=[\"a\"] resolved=[\"b\"]"])
    // b has left: the next tick has nothing new.
    #expect(d.flush(at: at(130)).isEmpty)
    d.receive(alert("a", resolved: 140), at: at(140))
    #expect(summary(d.flush(at: at(190))) == ["team resolved firing=[] resolved=[\"a\"]"])
    #expect(d.groupKeys.isEmpty)
    #expect(d.nextFlushAt == nil)
    // The log remembers: a returning alert is a change (it is not in the last firing set).
    d.receive(alert("a", since: 300), at: at(300))
    #expect(summary(d.flush(at: at(310))) == ["team firing firing=[\"a\"] resolved=[]"])
  }

  @Test func anAlertOlderThanGroupWaitFlushesAFreshGroupAtOnce() {
    var d = NotificationDispatcher(root: route())
    d.receive(alert("a", since: -60), at: at(0))
    #expect(d.nextFlushAt == at(0))
    #expect(summary(d.flush(at: at(0))) == ["team firing firing=[\"a\"] resolved=[]"])
  }

  @Test func aFiredAndResolvedAlertNobodyWasToldOfIsNotSent() {
    var d = NotificationDispatcher(root: route())
    d.receive(alert("a"), at: at(0))
    d.receive(alert("a", resolved: 5), at: at(5))
    #expect(d.flush(at: at(10)).isEmpty)
    #expect(d.groupKeys.isEmpty)
  }

  @Test func groupsFollowTheGroupingLabelsAndEveryMatchedRoute() {
    let root = route(
      receiver: "default",
      routes: [
        NotificationRoute(
          receiver: "pager", matchers: [AlertLabelMatcher(name: "severity", op: .equal, value: "page")],
          groupBy: .labels(["alertname"]), groupWaitMs: 10_000, continueMatching: true),
        NotificationRoute(
          receiver: "team", matchers: [AlertLabelMatcher(name: "artefact", op: .equal, value: "support-bot")],
          groupBy: .labels(["artefact"]), groupWaitMs: 10_000),
      ])
    var d = NotificationDispatcher(root: root)
    d.receive(alert("a", "HighErrorRate"), at: at(0))
    d.receive(alert("b", "HighLatency"), at: at(0))
    // pager groups by alertname (two groups), team by artefact (one group with both).
    #expect(
      d.groupKeys.map(\.description) == [
        "/0:{alertname=\"HighErrorRate\"}", "/0:{alertname=\"HighLatency\"}", "/1:{artefact=\"support-bot\"}",
      ])
    #expect(
      summary(d.flush(at: at(10))) == [
        "pager firing firing=[\"a\"] resolved=[]", "pager firing firing=[\"b\"] resolved=[]",
        "team firing firing=[\"a\", \"b\"] resolved=[]",
      ])
  }

  @Test func aReceiverWithoutResolvedIsNotSentTheAllClearButItIsLogged() {
    var d = NotificationDispatcher(root: route(), withoutResolved: ["team"])
    d.receive(alert("a"), at: at(0))
    _ = d.flush(at: at(10))
    d.receive(alert("a", resolved: 20), at: at(20))
    #expect(d.flush(at: at(70)).isEmpty)
    let key = NotificationDispatcher.LogKey(
      group: NotificationGroupKey(routePath: [], groupLabels: ["alertname": "HighErrorRate"]),
      receiver: "team")
    #expect(d.log[key]?.firing == [])
    #expect(d.log[key]?.at == at(70))
    // Firing again is news.
    d.receive(alert("a", since: 100), at: at(100))
    #expect(summary(d.flush(at: at(110))) == ["team firing firing=[\"a\"] resolved=[]"])
  }

  /// A log taken over from another dispatcher (a handover): the group of
  /// `a`, told at 10 s, is formed again and next flushed at 10 + 60 = 70 s,
  /// repeated at 250 s as the first dispatcher would have; an alert whose
  /// route changed (it now goes to "pager") is not put back into the old
  /// receiver's group; an older entry does not replace a newer one.
  @Test func aRestoredLogFormsTheGroupsAgainOnTheirSchedule() {
    var first = NotificationDispatcher(root: route())
    first.receive(alert("a"), at: at(0))
    first.receive(alert("b", "Latency"), at: at(0))
    _ = first.flush(at: at(10))
    #expect(first.log.count == 2)

    let pagerForLatency = route(routes: [
      NotificationRoute(
        receiver: "pager", matchers: [AlertLabelMatcher(name: "alertname", op: .equal, value: "Latency")],
        groupBy: .labels(["alertname"]), groupWaitMs: 10_000, groupIntervalMs: 60_000,
        repeatIntervalMs: 180_000)
    ])
    var second = NotificationDispatcher(root: pagerForLatency)
    second.restore(first.log, at: at(20))
    #expect(second.groupKeys.map(\.description) == ["/:{alertname=\"HighErrorRate\"}"])
    #expect(second.nextFlushAt == at(70))
    for t: Int64 in [70, 130, 190] { #expect(second.flush(at: at(t)).isEmpty, "\(t)") }
    #expect(summary(second.flush(at: at(250))) == ["team firing firing=[\"a\"] resolved=[]"])

    // The log now holds the 250 s entry: the 10 s one does not replace it.
    var third = second
    third.restore(first.log, at: at(260))
    #expect(third.log == second.log)
  }
}

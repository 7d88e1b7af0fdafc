import FlightDeckCore
import Foundation
import Testing

/// The payload formats against JSON written out by hand, and the webhook
/// signature against values computed with Python's `hmac` and `base64`
/// (`base64.b64encode(hmac.new(secret, f"{id}.{ts}.{body}".encode(), hashlib.sha256).digest())`).
@Suite struct NotificationPayloadsTests {
  static let t0 = Timestamp(millisecondsSinceEpoch: 1_748_736_000_000)  // 2025-06-01T00:00:00.000Z
  let hook = NotificationReceiver(name: "hook", kind: .webhook, url: "http://127.0.0.1:9/hook")
  let slack = NotificationReceiver(name: "chat", kind: .slack, url: "https://hooks.slack.test/x")
  let pager = NotificationReceiver(
    name: "pager", kind: .pagerduty, url: NotificationReceiver.pagerDutyEventsURL, routingKeyFile: "/k")

  let gate = NotificationEvent(
    key: "k1", auditSequence: 7, kind: .gateFailed, subject: "support-bot@v13", at: t0, actor: "bob",
    summary: "support-bot v13: gates failed 3/4", labels: ["artefact": "support-bot", "version": "v13"])

  var batch: NotificationBatch {
    NotificationBatch(
      receiver: "hook",
      groupKey: NotificationGroupKey(routePath: [], groupLabels: ["alertname": "CanaryErrors"]),
      at: Self.t0,
      firing: [
        NotifiedAlert(
          fingerprint: "fp1", labels: ["alertname": "CanaryErrors", "severity": "page"],
          annotations: ["summary": "errors <b>&"], startsAt: Self.t0)
      ], resolved: [])
  }

  func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  @Test func webhookEvent() {
    let body = NotificationPayloads.webhook(
      NotificationMessage(receiver: hook, key: "k1", content: .event(gate)))
    #expect(
      text(body)
        == #"{"event":{"actor":"bob","annotations":{},"at":"2025-06-01T00:00:00.000Z","audit_sequence":7,"kind":"gate.failed","labels":{"artefact":"support-bot","kind":"gate.failed","version":"v13"},"subject":"support-bot@v13","summary":"support-bot v13: gates failed 3/4"},"id":"k1","kind":"gate.failed","receiver":"hook","version":"1"}"#
    )
  }

  @Test func webhookAlerts() {
    let body = NotificationPayloads.webhook(
      NotificationMessage(receiver: hook, key: "bk", content: .alerts(batch)))
    #expect(
      text(body)
        == #"{"alerts":[{"annotations":{"summary":"errors <b>&"},"fingerprint":"fp1","labels":{"alertname":"CanaryErrors","severity":"page"},"starts_at":"2025-06-01T00:00:00.000Z","status":"firing"}],"group_key":"/:{alertname=\"CanaryErrors\"}","group_labels":{"alertname":"CanaryErrors"},"id":"bk","kind":"alerts","receiver":"hook","status":"firing","version":"1"}"#
    )
  }

  /// A control character in a label reaches JSON escaped, never raw.
  @Test func controlCharactersAreEscapedInJSON() {
    var e = gate
    e.summary = "bot\u{1B}]0;x\u{07}"
    let body = text(
      NotificationPayloads.webhook(NotificationMessage(receiver: hook, key: "k1", content: .event(e))))
    #expect(body.contains(#""summary":"bot\u001b]0;x\u0007""#))
    #expect(!body.unicodeScalars.contains { $0.value < 0x20 })
  }

  @Test func slackAlerts() {
    let body = NotificationPayloads.slack(
      NotificationMessage(receiver: slack, key: "bk", content: .alerts(batch)))
    #expect(
      text(body)
        == #"{"blocks":[{"text":{"text":"*[FIRING:1] CanaryErrors*\n• firing: alertname=CanaryErrors severity=page — errors &lt;b&gt;&amp;","type":"mrkdwn"},"type":"section"}],"text":"[FIRING:1] CanaryErrors"}"#
    )
  }

  @Test func slackEscapesLinksMentionsAndControls() {
    #expect(
      NotificationPayloads.slackEscaped("<!channel> & <https://x|y>")
        == "&lt;!channel&gt; &amp; &lt;https://x|y&gt;")
    #expect(NotificationPayloads.slackEscaped("bot\u{1B}]0;x\u{07}\nnext") == "bot\\x1B]0;x\\x07\nnext")
  }

  @Test func pagerDutyTriggerFromAnAlertBatch() throws {
    let secrets = NotificationSecrets(routingKeys: ["pager": "R123"])
    let requests = try NotificationPayloads.requests(
      for: NotificationMessage(receiver: pager, key: "bk", content: .alerts(batch)), secrets: secrets,
      at: Self.t0)
    #expect(requests.count == 1)
    #expect(requests[0].url == "https://events.pagerduty.com/v2/enqueue")
    #expect(requests[0].header("Idempotency-Key") == "bk/fp1")
    #expect(requests[0].header("content-type") == "application/json")
    #expect(
      text(requests[0].body)
        == #"{"client":"FlightDeck","dedup_key":"fp1","event_action":"trigger","payload":{"class":"alert","custom_details":{"alertname":"CanaryErrors","severity":"page","summary":"errors <b>&"},"group":"CanaryErrors","severity":"critical","source":"flightdeck","summary":"CanaryErrors errors <b>&","timestamp":"2025-06-01T00:00:00.000Z"},"routing_key":"R123"}"#
    )
  }

  /// The incident's acknowledge and resolve reach the page its alert raised
  /// (same `dedup_key`); an incident opened by hand is keyed by its id.
  @Test func pagerDutyFollowsTheIncident() throws {
    let secrets = NotificationSecrets(routingKeys: ["pager": "R123"])
    func body(_ kind: NotificationEventKind, fingerprint: String?) throws -> String {
      let e = NotificationEvent(
        key: "k\(kind.rawValue)", auditSequence: 9, kind: kind, subject: "INC-3", at: Self.t0, actor: "bob",
        summary: "INC-3", labels: ["severity": "SEV2"], fingerprint: fingerprint)
      let r = try NotificationPayloads.requests(
        for: NotificationMessage(receiver: pager, key: e.key, content: .event(e)), secrets: secrets,
        at: Self.t0)
      return text(try #require(r.first).body)
    }
    #expect(
      try body(.incidentAcknowledged, fingerprint: "fp1")
        == #"{"client":"FlightDeck","dedup_key":"fp1","event_action":"acknowledge","routing_key":"R123"}"#)
    #expect(
      try body(.incidentResolved, fingerprint: "fp1")
        == #"{"client":"FlightDeck","dedup_key":"fp1","event_action":"resolve","routing_key":"R123"}"#)
    #expect(
      try body(.incidentOpened, fingerprint: nil)
        == #"{"client":"FlightDeck","dedup_key":"flightdeck:INC-3","event_action":"trigger","payload":{"class":"incident.opened","custom_details":{"kind":"incident.opened","severity":"SEV2"},"severity":"critical","source":"flightdeck","summary":"INC-3","timestamp":"2025-06-01T00:00:00.000Z"},"routing_key":"R123"}"#
    )
    #expect(NotificationPayloads.pagerDutySeverity("SEV3") == "error")
    #expect(NotificationPayloads.pagerDutySeverity("ticket") == "warning")
    #expect(NotificationPayloads.pagerDutySeverity(nil) == "info")
  }

  @Test func aPagerDutyReceiverWithoutItsKeyIsAPermanentFailure() {
    #expect(throws: NotificationFailure.self) {
      try NotificationPayloads.requests(
        for: NotificationMessage(receiver: pager, key: "bk", content: .alerts(batch)),
        secrets: NotificationSecrets(),
        at: Self.t0)
    }
  }

  @Test func signatureMatchesPythonHMAC() {
    let sig = NotificationSignature.sign(
      body: Array(#"{"a":"b"}"#.utf8), secret: Array("test-secret".utf8), deliveryID: "abc123",
      timestamp: 1_700_000_000)
    #expect(sig == "v1,AiO5FuCmOYTH7B8be+UxQHZjcFwK/2GVLjmWadU7pmU=")
  }

  /// A signed webhook request: the delivery id is the idempotency key, the
  /// timestamp the attempt's second, the signature Python's over the body.
  @Test func signedWebhookRequest() throws {
    let secrets = NotificationSecrets(signing: ["hook": Array("test-secret".utf8)])
    let at = Timestamp(millisecondsSinceEpoch: 1_700_000_000_500)
    let r = try #require(
      try NotificationPayloads.requests(
        for: NotificationMessage(receiver: hook, key: "k1", content: .event(gate)), secrets: secrets, at: at
      ).first)
    #expect(r.header("Idempotency-Key") == "k1")
    #expect(r.header("X-FlightDeck-Delivery-Id") == "k1")
    #expect(r.header("X-FlightDeck-Timestamp") == "1700000000")
    #expect(r.header("X-FlightDeck-Signature") == "v1,w/LNnE+NXPDNEhYUqyw0qLsdVKdK3SVjylelJV84CcY=")
    // What a receiver checks: right now, and refused five minutes and a second later (a replay).
    let sig = try #require(r.header("X-FlightDeck-Signature"))
    let secret = Array("test-secret".utf8)
    #expect(
      NotificationSignature.verify(
        body: r.body, secret: secret, deliveryID: "k1", timestamp: 1_700_000_000, signature: sig,
        nowSeconds: 1_700_000_010))
    #expect(
      !NotificationSignature.verify(
        body: r.body, secret: secret, deliveryID: "k1", timestamp: 1_700_000_000, signature: sig,
        nowSeconds: 1_700_000_301))
    var tampered = r.body
    tampered[tampered.count - 3] = UInt8(ascii: "2")
    #expect(
      !NotificationSignature.verify(
        body: tampered, secret: secret, deliveryID: "k1", timestamp: 1_700_000_000, signature: sig,
        nowSeconds: 1_700_000_010))
  }
}

import Foundation

/// Turns a message into the HTTP requests its receiver's format needs.
/// Pure: the same message, secrets and time give the same bytes.
///
/// Every string from outside (names, labels, annotations, summaries typed by
/// people or taken from telemetry) is escaped for its format: JSON strings by
/// `JSONEncoder` (quotes, backslashes and control characters escaped); Slack
/// `mrkdwn` additionally by ``slackEscaped(_:)`` (`&`, `<`, `>` as entities,
/// so a label cannot inject a link or a mention, control characters as
/// visible `\xNN`); PagerDuty's `summary` cut to its 1,024-character limit.
///
/// Every request carries `Content-Type: application/json` and
/// `Idempotency-Key` (the message's key; for PagerDuty, one request per
/// alert, the key with `/` and the fingerprint).
public enum NotificationPayloads {
  /// The webhook payload's `version`.
  public static let webhookVersion = "1"
  /// PagerDuty's limit on `payload.summary`, characters.
  public static let pagerDutySummaryLimit = 1024

  /// The requests for `message` at `now` (the signature's timestamp).
  /// - Throws: ``NotificationFailure`` (permanent) when a PagerDuty receiver has no routing key loaded.
  public static func requests(
    for message: NotificationMessage, secrets: NotificationSecrets, at now: Timestamp
  )
    throws -> [NotificationRequest]
  {
    let r = message.receiver
    switch r.kind {
    case .webhook:
      let body = webhook(message)
      var headers = baseHeaders(key: message.key)
      if let secret = secrets.signing[r.name] {
        let seconds = now.millisecondsSinceEpoch / 1000
        headers.append((NotificationSignature.deliveryIDHeader, message.key))
        headers.append((NotificationSignature.timestampHeader, String(seconds)))
        headers.append(
          (
            NotificationSignature.signatureHeader,
            NotificationSignature.sign(
              body: body, secret: secret, deliveryID: message.key, timestamp: seconds)
          ))
      }
      return [NotificationRequest(url: r.url, headers: headers, body: body)]
    case .slack:
      return [NotificationRequest(url: r.url, headers: baseHeaders(key: message.key), body: slack(message))]
    case .pagerduty:
      guard let routingKey = secrets.routingKeys[r.name] else {
        throw NotificationFailure(status: 400, message: "no routing key loaded for \(r.name)")
      }
      return pagerDuty(message, routingKey: routingKey).map { item in
        NotificationRequest(
          url: r.url, headers: baseHeaders(key: item.key), body: item.body)
      }
    }
  }

  static func baseHeaders(key: String) -> [(name: String, value: String)] {
    [("Content-Type", "application/json"), ("Idempotency-Key", key)]
  }

  static func encode<T: Encodable>(_ value: T) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Every value here is strings, numbers and dictionaries of strings: it always encodes.
    return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
  }

  // MARK: Webhook

  /// One alert in a webhook payload (Alertmanager's webhook alert, in snake case).
  struct WebhookAlert: Encodable {
    var status: String
    var fingerprint: String
    var labels: [String: String]
    var annotations: [String: String]
    var startsAt: String
    var endsAt: String?

    enum CodingKeys: String, CodingKey {
      case status
      case fingerprint
      case labels
      case annotations
      case startsAt = "starts_at"
      case endsAt = "ends_at"
    }
  }

  /// The event of a non-alert webhook payload.
  struct WebhookEvent: Encodable {
    var kind: String
    var subject: String
    var summary: String
    var at: String
    var actor: String
    var labels: [String: String]
    var annotations: [String: String]
    var auditSequence: Int64

    enum CodingKeys: String, CodingKey {
      case kind
      case subject
      case summary
      case at
      case actor
      case labels
      case annotations
      case auditSequence = "audit_sequence"
    }
  }

  /// The whole webhook payload.
  struct Webhook: Encodable {
    var version: String
    var id: String
    var receiver: String
    var kind: String
    var status: String?
    var groupKey: String?
    var groupLabels: [String: String]?
    var alerts: [WebhookAlert]?
    var event: WebhookEvent?

    enum CodingKeys: String, CodingKey {
      case version
      case id
      case receiver
      case kind
      case status
      case groupKey = "group_key"
      case groupLabels = "group_labels"
      case alerts
      case event
    }
  }

  /// FlightDeck's webhook JSON, keys sorted:
  /// - alerts: `{"alerts":[…],"group_key":…,"group_labels":{…},"id":…,"kind":"alerts","receiver":…,"status":"firing"|"resolved","version":"1"}`,
  ///   each alert `{"annotations","ends_at"?,"fingerprint","labels","starts_at","status"}`
  ///   (Alertmanager's webhook shape, snake case);
  /// - another event: `{"event":{"actor","annotations","at","audit_sequence","kind","labels","subject","summary"},"id","kind",…}`.
  public static func webhook(_ message: NotificationMessage) -> [UInt8] {
    switch message.content {
    case .alerts(let batch):
      let alerts =
        batch.firing.map { alert($0, status: "firing") }
        + batch.resolved.map { alert($0, status: "resolved") }
      return encode(
        Webhook(
          version: webhookVersion, id: message.key, receiver: message.receiver.name, kind: "alerts",
          status: batch.status, groupKey: batch.groupKey.description,
          groupLabels: batch.groupKey.groupLabels,
          alerts: alerts, event: nil))
    case .event(let e):
      return encode(
        Webhook(
          version: webhookVersion, id: message.key, receiver: message.receiver.name, kind: e.kind.rawValue,
          status: nil, groupKey: nil, groupLabels: nil, alerts: nil,
          event: WebhookEvent(
            kind: e.kind.rawValue, subject: e.subject, summary: e.summary, at: e.at.rfc3339, actor: e.actor,
            labels: e.labels, annotations: e.annotations, auditSequence: e.auditSequence)))
    }
  }

  static func alert(_ a: NotifiedAlert, status: String) -> WebhookAlert {
    WebhookAlert(
      status: status, fingerprint: a.fingerprint, labels: a.labels, annotations: a.annotations,
      startsAt: a.startsAt.rfc3339, endsAt: a.resolvedAt?.rfc3339)
  }

  // MARK: Slack

  struct SlackText: Encodable {
    var type: String
    var text: String
  }

  struct SlackBlock: Encodable {
    var type: String
    var text: SlackText
  }

  struct Slack: Encodable {
    var text: String
    var blocks: [SlackBlock]
  }

  /// `text` for Slack's `mrkdwn`: `&`, `<`, `>` as `&amp;`, `&lt;`, `&gt;`
  /// (Slack's "Escaping text" rule: the three characters that start a link,
  /// a mention or an entity), and control characters other than newline as
  /// visible `\xNN`, so nothing from outside can ping a channel or hide text.
  public static func slackEscaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\n": out += "\n"
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
          || scalar.value == 0x2029
        {
          out += String(format: "\\x%02X", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// The lines of a Slack message: a headline, then one line per alert or the event's summary.
  static func slackLines(_ message: NotificationMessage) -> (headline: String, lines: [String]) {
    switch message.content {
    case .alerts(let batch):
      let name =
        batch.groupKey.groupLabels["alertname"] ?? (batch.firing + batch.resolved).first?.labels["alertname"]
      let headline =
        "[\(batch.status.uppercased()):\(batch.firing.count)] \(name ?? "alerts")"
        + batch.groupKey.groupLabels.filter { $0.key != "alertname" }.sorted { $0.key < $1.key }
        .map { " \($0.key)=\($0.value)" }.joined()
      let lines =
        batch.firing.map { "• firing: " + describe($0) }
        + batch.resolved.map { "• resolved: " + describe($0) }
      return (headline, lines)
    case .event(let e):
      return ("[\(e.kind.rawValue)] \(e.subject)", [e.summary])
    }
  }

  static func describe(_ a: NotifiedAlert) -> String {
    let labels = a.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    let summary = a.annotations["summary"].map { " — \($0)" } ?? ""
    return labels + summary
  }

  /// A Slack incoming-webhook payload: `text` (the notification's fallback,
  /// escaped) and one `section` block with `mrkdwn` text (the headline in
  /// bold, then the lines).
  public static func slack(_ message: NotificationMessage) -> [UInt8] {
    let (headline, lines) = slackLines(message)
    let head = slackEscaped(headline)
    let body = ([("*" + head + "*")] + lines.map(slackEscaped)).joined(separator: "\n")
    return encode(
      Slack(text: head, blocks: [SlackBlock(type: "section", text: SlackText(type: "mrkdwn", text: body))]))
  }

  // MARK: PagerDuty

  struct PagerDutyPayload: Encodable {
    var summary: String
    var source: String
    var severity: String
    var timestamp: String
    var component: String?
    var group: String?
    var `class`: String?
    var customDetails: [String: String]

    enum CodingKeys: String, CodingKey {
      case summary
      case source
      case severity
      case timestamp
      case component
      case group
      case `class` = "class"
      case customDetails = "custom_details"
    }
  }

  struct PagerDutyEvent: Encodable {
    var routingKey: String
    var eventAction: String
    var dedupKey: String
    var client: String?
    var payload: PagerDutyPayload?

    enum CodingKeys: String, CodingKey {
      case routingKey = "routing_key"
      case eventAction = "event_action"
      case dedupKey = "dedup_key"
      case client
      case payload
    }
  }

  /// PagerDuty's severity for FlightDeck's: `critical` for `page`,
  /// `critical` and SEV1/SEV2; `error` for `error` and SEV3; `warning` for
  /// `warning`, `ticket` and SEV4; `info` otherwise (the four values the
  /// Events API v2 accepts).
  public static func pagerDutySeverity(_ severity: String?) -> String {
    switch severity?.lowercased() {
    case "page", "critical", "sev1", "sev2": "critical"
    case "error", "sev3": "error"
    case "warning", "warn", "ticket", "sev4": "warning"
    default: "info"
    }
  }

  /// The Events API v2 actions for a message: per alert, `trigger` while it
  /// fires and `resolve` once resolved (`dedup_key` = its fingerprint); for
  /// an incident, `trigger` when opened, `acknowledge` when acknowledged,
  /// `resolve` when resolved (`dedup_key` = its first alert's fingerprint,
  /// so the page the alert raised follows the incident, or
  /// `flightdeck:INC-3` for one opened by hand); any other event `trigger`s
  /// an `info` event keyed by its own key.
  static func pagerDuty(_ message: NotificationMessage, routingKey: String) -> [(key: String, body: [UInt8])]
  {
    func payload(
      _ summary: String, severity: String?, at: Timestamp, labels: [String: String],
      details: [String: String], kind: String
    )
      -> PagerDutyPayload
    {
      var text = summary
      if text.count > pagerDutySummaryLimit { text = String(text.prefix(pagerDutySummaryLimit - 1)) + "…" }
      return PagerDutyPayload(
        summary: text, source: labels["artefact"] ?? "flightdeck", severity: pagerDutySeverity(severity),
        timestamp: at.rfc3339, component: labels["artefact"], group: labels["alertname"], class: kind,
        customDetails: details)
    }
    switch message.content {
    case .alerts(let batch):
      let all = batch.firing.map { ($0, true) } + batch.resolved.map { ($0, false) }
      return all.map { (a, firing) in
        let summary = "\(a.labels["alertname"] ?? "alert") " + (a.annotations["summary"] ?? describe(a))
        let event = PagerDutyEvent(
          routingKey: routingKey, eventAction: firing ? "trigger" : "resolve", dedupKey: a.fingerprint,
          client: "FlightDeck",
          payload: firing
            ? payload(
              summary, severity: a.labels["severity"], at: a.startsAt, labels: a.labels,
              details: a.labels.merging(a.annotations) { l, _ in l }, kind: "alert") : nil)
        return (key: message.key + "/" + a.fingerprint, body: encode(event))
      }
    case .event(let e):
      let action: String
      var dedup = e.key
      switch e.kind {
      case .alertFiring, .incidentOpened: action = "trigger"
      case .incidentAcknowledged: action = "acknowledge"
      case .alertResolved, .incidentResolved: action = "resolve"
      default: action = "trigger"
      }
      if e.kind.isAlert || e.kind.rawValue.hasPrefix("incident.") {
        dedup = e.fingerprint ?? "flightdeck:\(e.subject)"
      }
      let details = e.labels.merging(e.annotations) { l, _ in l }
      let event = PagerDutyEvent(
        routingKey: routingKey, eventAction: action, dedupKey: dedup, client: "FlightDeck",
        payload: action == "trigger"
          ? payload(
            e.summary,
            severity: e.kind.rawValue.hasPrefix("incident.") || e.kind.isAlert ? e.labels["severity"] : nil,
            at: e.at, labels: e.labels, details: details, kind: e.kind.rawValue) : nil)
      return [(key: message.key, body: encode(event))]
    }
  }
}

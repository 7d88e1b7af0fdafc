import Foundation
import TOMLKit

extension FlightDeckConfiguration {
  private static let notificationKeys: Set<String> = [
    "receivers", "route", "max_attempts", "initial_backoff", "max_backoff", "max_retry_after",
    "attempt_timeout",
  ]
  private static let notificationReceiverKeys: Set<String> = [
    "name", "type", "url", "secret_file", "routing_key_file", "send_resolved",
  ]
  private static let notificationRouteKeys: Set<String> = [
    "receiver", "matchers", "group_by", "group_wait", "group_interval", "repeat_interval", "continue",
    "routes",
  ]
  /// The deepest routing tree accepted (Alertmanager sets none; a guard against runaway nesting).
  static let maximumRouteDepth = 16
  /// The most receivers and routes accepted.
  static let maximumReceivers = 100

  /// Reads `[notifications]` (see ``NotificationConfiguration``):
  /// - `max_attempts` (1…100), `initial_backoff`, `max_backoff` (100 ms…1 d),
  ///   `max_retry_after` (0…1 d), `attempt_timeout` (100 ms…5 min): the
  ///   retry policy (``NotificationRetryPolicy``).
  /// - `[[notifications.receivers]]`: `name` (unique, `[A-Za-z0-9_.-]`, ≤ 64),
  ///   `type` (`webhook`, `slack`, `pagerduty`), `url` (`http`/`https` with a
  ///   host; PagerDuty's Events API by default), `secret_file` (webhook
  ///   only), `routing_key_file` (required for `pagerduty`), `send_resolved`.
  /// - `[notifications.route]` and nested `[[…routes]]`: `receiver`,
  ///   `matchers` (Alertmanager's `name="value"`, `!=`, `=~`, `!~`),
  ///   `group_by` (label names, or `["..."]`), `group_wait`, `group_interval`,
  ///   `repeat_interval` (durations), `continue`. A child inherits its
  ///   parent's receiver, grouping and intervals (Alertmanager's rule); the
  ///   root needs a receiver and takes no matchers.
  /// - Throws: the ``ConfigurationError`` that `fail` builds, naming the key.
  static func parseNotifications(
    _ root: TOMLTable, into config: inout FlightDeckConfiguration,
    fail: (String, String) -> ConfigurationError
  ) throws {
    guard let v = root["notifications"] else { return }
    guard let t = v.table else { throw fail("notifications", "expected a table") }
    for k in t.keys.sorted() where !notificationKeys.contains(k) {
      throw fail(
        "notifications.\(k)", "unknown key (allowed: \(notificationKeys.sorted().joined(separator: ", ")))")
    }
    func duration(_ table: TOMLTable, _ k: String, _ path: String, _ range: ClosedRange<Int64>) throws
      -> Int64?
    {
      try Self.duration(table[k], range: range, example: "\"30s\", \"5m\" or \"4h\"") { fail(path, $0) }
    }
    var n = NotificationConfiguration()
    var retry = NotificationRetryPolicy()
    if let v = t["max_attempts"] {
      guard let a = v.int, (1...100).contains(a) else {
        throw fail("notifications.max_attempts", "expected an integer between 1 and 100")
      }
      retry.maxAttempts = a
    }
    let day: Int64 = 86_400_000
    if let ms = try duration(t, "initial_backoff", "notifications.initial_backoff", 100...day) {
      retry.initialBackoffMs = ms
    }
    if let ms = try duration(t, "max_backoff", "notifications.max_backoff", 100...day) {
      retry.maxBackoffMs = ms
    }
    guard retry.maxBackoffMs >= retry.initialBackoffMs else {
      throw fail("notifications.max_backoff", "must be at least initial_backoff")
    }
    if let ms = try duration(t, "max_retry_after", "notifications.max_retry_after", 0...day) {
      retry.maxRetryAfterMs = ms
    }
    if let ms = try duration(t, "attempt_timeout", "notifications.attempt_timeout", 100...300_000) {
      retry.attemptTimeoutMs = ms
    }
    n.retry = retry

    if let v = t["receivers"] {
      guard let array = v.array else {
        throw fail("notifications.receivers", "expected an array of tables ([[notifications.receivers]])")
      }
      guard array.count <= maximumReceivers else {
        throw fail("notifications.receivers", "at most \(maximumReceivers) receivers")
      }
      for (i, item) in array.enumerated() {
        let p = "notifications.receivers[\(i)]"
        guard let r = item.table else { throw fail(p, "expected a table") }
        for k in r.keys.sorted() where !notificationReceiverKeys.contains(k) {
          throw fail(
            "\(p).\(k)",
            "unknown key (allowed: \(notificationReceiverKeys.sorted().joined(separator: ", ")))")
        }
        guard let name = r["name"]?.string, isReceiverName(name) else {
          throw fail("\(p).name", "expected a name of 1 to 64 characters from A-Z a-z 0-9 _ . -")
        }
        guard n.receiver(named: name) == nil else {
          throw fail("\(p).name", "the receiver \(name) is declared twice")
        }
        guard let typeText = r["type"]?.string, let kind = NotificationReceiverKind(rawValue: typeText) else {
          throw fail("\(p).type", "expected \"webhook\", \"slack\" or \"pagerduty\"")
        }
        func path(_ k: String) throws -> String? {
          guard let v = r[k] else { return nil }
          guard let s = v.string, !s.isEmpty, s.utf8.count <= 4096 else {
            throw fail("\(p).\(k)", "expected a file path")
          }
          return s
        }
        let url: String
        if let v = r["url"] {
          guard let s = v.string, isHTTPURL(s) else {
            throw fail(
              "\(p).url",
              "expected an http:// or https:// URL with a host (and a port 1-65535), at most 2048 bytes")
          }
          url = s
        } else if kind == .pagerduty {
          url = NotificationReceiver.pagerDutyEventsURL
        } else {
          throw fail("\(p).url", "a \(kind.rawValue) receiver needs a url")
        }
        let secret = try path("secret_file")
        if secret != nil, kind != .webhook {
          throw fail("\(p).secret_file", "only a webhook receiver signs its payloads")
        }
        let routingKey = try path("routing_key_file")
        if kind == .pagerduty, routingKey == nil {
          throw fail(
            "\(p).routing_key_file", "a pagerduty receiver needs a routing_key_file (the integration key)")
        }
        if kind != .pagerduty, routingKey != nil {
          throw fail("\(p).routing_key_file", "only a pagerduty receiver takes a routing key")
        }
        var sendResolved = true
        if let v = r["send_resolved"] {
          guard let b = v.bool else { throw fail("\(p).send_resolved", "expected true or false") }
          sendResolved = b
        }
        n.receivers.append(
          NotificationReceiver(
            name: name, kind: kind, url: url, secretFile: secret, routingKeyFile: routingKey,
            sendResolved: sendResolved))
      }
    }

    func route(_ table: TOMLTable, path p: String, parent: NotificationRoute?, depth: Int) throws
      -> NotificationRoute
    {
      guard depth <= maximumRouteDepth else { throw fail(p, "routes nest at most \(maximumRouteDepth) deep") }
      for k in table.keys.sorted() where !notificationRouteKeys.contains(k) {
        throw fail(
          "\(p).\(k)", "unknown key (allowed: \(notificationRouteKeys.sorted().joined(separator: ", ")))")
      }
      var node = parent.map {
        NotificationRoute(
          receiver: $0.receiver, groupBy: $0.groupBy, groupWaitMs: $0.groupWaitMs,
          groupIntervalMs: $0.groupIntervalMs, repeatIntervalMs: $0.repeatIntervalMs)
      }
      if let v = table["receiver"] {
        guard let s = v.string, n.receiver(named: s) != nil else {
          let known = n.receivers.map(\.name).joined(separator: ", ")
          throw fail(
            "\(p).receiver", "expected the name of a receiver (declared: \(known.isEmpty ? "none" : known))")
        }
        if node == nil { node = NotificationRoute(receiver: s) } else { node?.receiver = s }
      }
      guard var node else { throw fail("\(p).receiver", "the root route needs a receiver") }
      if let v = table["matchers"] {
        guard parent != nil else {
          throw fail("\(p).matchers", "the root route matches every event: no matchers")
        }
        guard let a = v.array, a.count <= 20 else {
          throw fail(
            "\(p).matchers", "expected an array of at most 20 matchers such as \"severity=\\\"page\\\"\"")
        }
        node.matchers = []
        for item in a {
          guard let s = item.string else { throw fail("\(p).matchers", "expected strings") }
          do throws(AlertSilence.MatcherError) {
            node.matchers.append(try AlertSilence.parseMatcherExplaining(s))
          } catch {
            throw fail("\(p).matchers", "bad matcher \(RegistryNames.quoted(s)): \(error.reason)")
          }
        }
      }
      if let v = table["group_by"] {
        guard let a = v.array else { throw fail("\(p).group_by", "expected an array of label names") }
        var names: [String] = []
        for item in a {
          guard let s = item.string, s == "..." || AlertRulesLoader.isLabelName(s) else {
            throw fail("\(p).group_by", "expected label names ([A-Za-z_][A-Za-z0-9_]*) or \"...\"")
          }
          names.append(s)
        }
        if names.contains("...") {
          guard names.count == 1 else { throw fail("\(p).group_by", "\"...\" stands alone") }
          node.groupBy = .all
        } else {
          node.groupBy = .labels(names)
        }
      }
      if let ms = try duration(table, "group_wait", "\(p).group_wait", 0...day) { node.groupWaitMs = ms }
      if let ms = try duration(table, "group_interval", "\(p).group_interval", 1_000...day) {
        node.groupIntervalMs = ms
      }
      if let ms = try duration(table, "repeat_interval", "\(p).repeat_interval", 1_000...(30 * day)) {
        node.repeatIntervalMs = ms
      }
      if let v = table["continue"] {
        guard let b = v.bool else { throw fail("\(p).continue", "expected true or false") }
        guard parent != nil else { throw fail("\(p).continue", "the root route cannot continue") }
        node.continueMatching = b
      }
      if let v = table["routes"] {
        guard let a = v.array, a.count <= maximumReceivers else {
          throw fail("\(p).routes", "expected an array of at most \(maximumReceivers) tables")
        }
        for (i, item) in a.enumerated() {
          guard let child = item.table else { throw fail("\(p).routes[\(i)]", "expected a table") }
          node.routes.append(try route(child, path: "\(p).routes[\(i)]", parent: node, depth: depth + 1))
        }
      }
      return node
    }
    if let v = t["route"] {
      guard let table = v.table else { throw fail("notifications.route", "expected a table") }
      n.route = try route(table, path: "notifications.route", parent: nil, depth: 0)
    } else if !n.receivers.isEmpty {
      throw fail(
        "notifications.route", "receivers are declared but no [notifications.route] sends anything to them")
    }
    config.notifications = n
  }

  /// Whether `name` is 1 to 64 characters of `A-Z a-z 0-9 _ . -`.
  static func isReceiverName(_ name: String) -> Bool {
    !name.isEmpty && name.utf8.count <= 64
      && name.utf8.allSatisfy { c in
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
          || c == 0x2E || c == 0x2D
      }
  }

  /// Whether `text` is an `http` or `https` URL with a host and, when it
  /// names one, a port in 1…65535 (a larger one trapped the HTTP client at
  /// the first delivery), at most 2048 bytes, no spaces or controls.
  static func isHTTPURL(_ text: String) -> Bool {
    guard text.utf8.count <= 2048,
      !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }),
      let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
      scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty,
      hasUsablePort(text)
    else { return false }
    return true
  }

  /// Whether the port written in `url`'s authority, if any, is in 1…65535
  /// (digits only; an empty port is the scheme's default). Read off the text:
  /// `URLComponents` reads a port past `Int`'s range as no port at all.
  public static func hasUsablePort(_ url: String) -> Bool {
    guard let start = url.range(of: "://")?.upperBound else { return false }
    var authority = url[start...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
    let port: Substring
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { return false }
      let rest = authority[authority.index(after: close)...]
      guard !rest.isEmpty else { return true }
      guard rest.hasPrefix(":") else { return false }
      port = rest.dropFirst()
    } else {
      guard let colon = authority.lastIndex(of: ":") else { return true }
      port = authority[authority.index(after: colon)...]
    }
    if port.isEmpty { return true }
    guard port.count <= 5, port.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(port) else {
      return false
    }
    return (1...65535).contains(n)
  }
}

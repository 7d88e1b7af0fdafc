/// Groups alerts and decides when each group is notified, as Alertmanager's
/// dispatcher and notification log do (`dispatch/dispatch.go`'s
/// aggregation groups and `notify/notify.go`'s `DedupStage`), as a pure
/// state machine on the caller's clock: alerts come in with ``receive(_:at:)``,
/// and ``flush(at:)`` returns the notifications due at that time.
///
/// For every routing node that handles an alert (``NotificationRoute/match(_:)``)
/// the alert joins the group named by the node and its grouping labels
/// (``NotificationGroupKey``). A new group is first flushed `group_wait`
/// after it was created — at once if an alert in it started firing more than
/// `group_wait` ago and the group was never flushed — and then every
/// `group_interval`. At a flush the group is notified when (Alertmanager's
/// `needsUpdate`):
/// - it was never notified and has a firing alert;
/// - an alert fires that the last notification did not list as firing;
/// - nothing fires any more but the last notification listed firing alerts
///   (the all-resolved notification);
/// - the receiver sends resolved alerts and one was resolved since;
/// - or nothing changed but the last notification is more than
///   `repeat_interval` old while alerts fire.
///
/// After a flush the resolved alerts leave the group, and an empty group is
/// removed; the delivery log (``log``) stays, so a group that comes back is
/// compared with what its receiver was last told, as Alertmanager's
/// notification log does.
public struct NotificationDispatcher: Sendable {
  /// What a receiver was last told about a group (an entry of
  /// Alertmanager's notification log, `nflog`, which keeps the hashes of
  /// the firing and resolved alerts and the time; this one also keeps the
  /// firing alerts themselves, so a controller that takes over can form
  /// the group again, see ``restore(_:at:)``).
  public struct LogEntry: Sendable, Hashable, Codable {
    /// The fingerprints notified as firing.
    public var firing: Set<String>
    /// The fingerprints notified as resolved.
    public var resolved: Set<String>
    /// When.
    public var at: Timestamp
    /// The alerts notified as firing, by start time then fingerprint
    /// (their fingerprints are ``firing``).
    public var firingAlerts: [NotifiedAlert]

    /// Creates an entry; ``firing`` is the fingerprints of `firingAlerts`.
    public init(firingAlerts: [NotifiedAlert], resolved: Set<String>, at: Timestamp) {
      self.firingAlerts = firingAlerts
      self.firing = Set(firingAlerts.map(\.fingerprint))
      self.resolved = resolved
      self.at = at
    }
  }

  /// A group's place in the delivery log: the group and the receiver told.
  public struct LogKey: Sendable, Hashable, Codable {
    /// The group.
    public var group: NotificationGroupKey
    /// The receiver.
    public var receiver: String

    /// Creates a key.
    public init(group: NotificationGroupKey, receiver: String) {
      self.group = group
      self.receiver = receiver
    }
  }

  struct Group: Sendable {
    var route: NotificationRoute
    var alerts: [String: NotifiedAlert]
    var nextFlushAt: Timestamp
    var hasFlushed: Bool
  }

  /// The routing tree.
  public let root: NotificationRoute
  /// Receivers that are not sent resolved alerts (Alertmanager's
  /// `send_resolved: false`); every other receiver is.
  public let withoutResolved: Set<String>
  private(set) var groups: [NotificationGroupKey: Group] = [:]
  /// What each receiver was last told about each group.
  public private(set) var log: [LogKey: LogEntry]
  /// The log entries the last ``flush(at:)`` wrote, in group-key order
  /// (with a notification or, for a receiver not sent resolved alerts,
  /// without one): what a sender persists.
  public private(set) var loggedAtLastFlush: [LogKey] = []

  /// Creates a dispatcher with no groups.
  /// - Parameters:
  ///   - root: The routing tree.
  ///   - withoutResolved: Receivers not sent resolved alerts.
  ///   - log: A delivery log kept from before (a restart), empty by default.
  public init(root: NotificationRoute, withoutResolved: Set<String> = [], log: [LogKey: LogEntry] = [:]) {
    self.root = root
    self.withoutResolved = withoutResolved
    self.log = log
  }

  /// The groups that hold alerts, in key order.
  public var groupKeys: [NotificationGroupKey] { groups.keys.sorted() }

  /// The earliest time a group is due to be flushed (`nil`: no group).
  public var nextFlushAt: Timestamp? {
    groups.values.map(\.nextFlushAt).min()
  }

  /// Adds or updates `alert` (by fingerprint) in every group whose node handles it.
  /// - Parameters:
  ///   - alert: The alert, firing or resolved.
  ///   - now: The time it arrived.
  public mutating func receive(_ alert: NotifiedAlert, at now: Timestamp) {
    for match in root.match(alert.labels) {
      let key = NotificationGroupKey(
        routePath: match.path, groupLabels: match.route.groupLabels(alert.labels))
      var group =
        groups[key]
        ?? Group(
          route: match.route, alerts: [:], nextFlushAt: now.adding(milliseconds: match.route.groupWaitMs),
          hasFlushed: false)
      group.alerts[alert.fingerprint] = alert
      // Alertmanager flushes at once when the alert's wait is already over.
      if !group.hasFlushed,
        alert.startsAt.millisecondsSinceEpoch + match.route.groupWaitMs < now.millisecondsSinceEpoch
      {
        group.nextFlushAt = now
      }
      groups[key] = group
    }
  }

  /// Flushes every group due at `now` (see the type's description).
  /// - Returns: The notifications to send, in group-key order; a group
  ///   whose receiver would get no alert (only resolved ones, and it is not
  ///   sent resolved alerts) updates the log without a notification.
  public mutating func flush(at now: Timestamp) -> [NotificationBatch] {
    var out: [NotificationBatch] = []
    loggedAtLastFlush = []
    for key in groups.keys.sorted() {
      guard var group = groups[key], group.nextFlushAt <= now else { continue }
      group.nextFlushAt = now.adding(milliseconds: group.route.groupIntervalMs)
      group.hasFlushed = true
      let alerts = group.alerts.values.sorted {
        ($0.startsAt, $0.fingerprint) < ($1.startsAt, $1.fingerprint)
      }
      let firing = alerts.filter(\.isFiring)
      let resolved = alerts.filter { !$0.isFiring }
      let receiver = group.route.receiver
      let logKey = LogKey(group: key, receiver: receiver)
      let sendsResolved = !withoutResolved.contains(receiver)
      if Self.needsUpdate(
        log[logKey], firing: Set(firing.map(\.fingerprint)), resolved: Set(resolved.map(\.fingerprint)),
        sendsResolved: sendsResolved, repeatIntervalMs: group.route.repeatIntervalMs, now: now)
      {
        let batch = NotificationBatch(
          receiver: receiver, groupKey: key, at: now, firing: firing, resolved: sendsResolved ? resolved : [])
        if !batch.firing.isEmpty || !batch.resolved.isEmpty { out.append(batch) }
        log[logKey] = LogEntry(firingAlerts: firing, resolved: Set(resolved.map(\.fingerprint)), at: now)
        loggedAtLastFlush.append(logKey)
      }
      // Resolved alerts were told (or needed no telling): they leave the group.
      for alert in resolved { group.alerts[alert.fingerprint] = nil }
      groups[key] = group.alerts.isEmpty ? nil : group
    }
    return out
  }

  /// Takes over a delivery log kept by an earlier controller (the store's
  /// notification log): each entry replaces this dispatcher's own unless
  /// this one is newer, and each firing alert it lists joins its group
  /// again — when the routing tree still puts the alert in that group for
  /// that receiver — as a group already notified, next flushed
  /// `group_interval` after the entry (at `now` when that is past). So a
  /// repeat comes `repeat_interval` after the earlier controller's
  /// notification, not at once, and a change to the group is told at its
  /// next flush, as it would have been without the handover.
  /// - Parameters:
  ///   - entries: The log entries, by group and receiver.
  ///   - now: The time of the takeover.
  public mutating func restore(_ entries: [LogKey: LogEntry], at now: Timestamp) {
    for (key, entry) in entries.sorted(by: { $0.key.group < $1.key.group }) {
      if let mine = log[key], mine.at > entry.at { continue }
      log[key] = entry
      for alert in entry.firingAlerts {
        for match in root.match(alert.labels) where match.route.receiver == key.receiver {
          let groupKey = NotificationGroupKey(
            routePath: match.path, groupLabels: match.route.groupLabels(alert.labels))
          guard groupKey == key.group else { continue }
          let flushAt = max(now, entry.at.adding(milliseconds: match.route.groupIntervalMs))
          var group =
            groups[groupKey]
            ?? Group(route: match.route, alerts: [:], nextFlushAt: flushAt, hasFlushed: true)
          // An alert this dispatcher already holds is newer than the log's copy.
          if group.alerts[alert.fingerprint] == nil { group.alerts[alert.fingerprint] = alert }
          groups[groupKey] = group
        }
      }
    }
  }

  /// Alertmanager's `DedupStage.needsUpdate` (notify/notify.go).
  static func needsUpdate(
    _ entry: LogEntry?, firing: Set<String>, resolved: Set<String>, sendsResolved: Bool,
    repeatIntervalMs: Int64,
    now: Timestamp
  ) -> Bool {
    guard let entry else { return !firing.isEmpty }
    if !firing.isSubset(of: entry.firing) { return true }
    if firing.isEmpty { return !entry.firing.isEmpty }
    if sendsResolved, !resolved.isSubset(of: entry.resolved) { return true }
    return entry.at.millisecondsSinceEpoch < now.millisecondsSinceEpoch - repeatIntervalMs
  }
}

/// One node of the notification routing tree, shaped as Alertmanager's
/// `route` (<https://prometheus.io/docs/alerting/latest/configuration/#route>):
/// the receiver that gets what this node handles, the label matchers an
/// alert must satisfy to enter it, how its alerts are grouped and paced, and
/// its child routes.
///
/// Settings here are already resolved: a child that did not set `group_by`
/// or an interval holds its parent's value (the configuration loader fills
/// them in, as Alertmanager does when it loads a route), so a matched node
/// carries everything its notifications need.
///
/// Matching (``match(_:)``) follows Alertmanager's `Route.Match`: a node
/// whose matchers fail matches nothing; otherwise its children are tried in
/// order, each contributing its own matches, and the search stops after the
/// first child that matched unless that child has ``continueMatching``; when
/// no child matched, the node itself is the match. The root has no matchers,
/// so every alert reaches at least one receiver.
public struct NotificationRoute: Sendable, Hashable {
  /// Which labels form a group: a list of names, or every label (`...`).
  public enum Grouping: Sendable, Hashable {
    /// Alerts with equal values of these labels share a group (`[]`: one group per route).
    case labels([String])
    /// Every distinct label set is its own group (Alertmanager's `group_by: ['...']`).
    case all
  }

  /// The receiver's name (one of the configuration's receivers).
  public var receiver: String
  /// What an alert's labels must satisfy to enter this node (all of them;
  /// a missing label reads as the empty string).
  public var matchers: [AlertLabelMatcher]
  /// How alerts of this node are grouped into notifications.
  public var groupBy: Grouping
  /// How long a new group waits for more alerts before its first notification, ms.
  public var groupWaitMs: Int64
  /// How long after a notification a group that changed is notified again, ms.
  public var groupIntervalMs: Int64
  /// How long after a notification a group that did not change is notified again while it fires, ms.
  public var repeatIntervalMs: Int64
  /// Whether matching goes on to the next sibling after this node matched (`continue`).
  public var continueMatching: Bool
  /// The child routes, tried in order.
  public var routes: [NotificationRoute]

  /// Alertmanager's defaults: `group_wait` 30 s, `group_interval` 5 min, `repeat_interval` 4 h.
  public static let defaultGroupWaitMs: Int64 = 30_000
  /// See ``defaultGroupWaitMs``.
  public static let defaultGroupIntervalMs: Int64 = 300_000
  /// See ``defaultGroupWaitMs``.
  public static let defaultRepeatIntervalMs: Int64 = 14_400_000

  /// Creates a node with resolved settings (Alertmanager's defaults where not given).
  public init(
    receiver: String, matchers: [AlertLabelMatcher] = [], groupBy: Grouping = .labels([]),
    groupWaitMs: Int64 = defaultGroupWaitMs, groupIntervalMs: Int64 = defaultGroupIntervalMs,
    repeatIntervalMs: Int64 = defaultRepeatIntervalMs, continueMatching: Bool = false,
    routes: [NotificationRoute] = []
  ) {
    self.receiver = receiver
    self.matchers = matchers
    self.groupBy = groupBy
    self.groupWaitMs = groupWaitMs
    self.groupIntervalMs = groupIntervalMs
    self.repeatIntervalMs = repeatIntervalMs
    self.continueMatching = continueMatching
    self.routes = routes
  }

  /// The nodes that handle an alert with `labels`, in the tree's order
  /// (Alertmanager's `Route.Match`; see the type's description).
  /// - Returns: Each handling node with its path from this node (child
  ///   indexes; `[]` is this node); empty when this node's matchers fail.
  public func match(_ labels: [String: String]) -> [NotificationRouteMatch] {
    match(labels, path: [])
  }

  private func match(_ labels: [String: String], path: [Int]) -> [NotificationRouteMatch] {
    guard matchers.allSatisfy({ $0.matches(labels) }) else { return [] }
    var all: [NotificationRouteMatch] = []
    for (index, child) in routes.enumerated() {
      let matches = child.match(labels, path: path + [index])
      all += matches
      if !matches.isEmpty, !child.continueMatching { break }
    }
    if all.isEmpty { all.append(NotificationRouteMatch(path: path, route: self)) }
    return all
  }

  /// The labels that name an alert's group under this node: the
  /// ``groupBy`` labels the alert has (an absent label is left out, as
  /// Alertmanager does), or all of them for ``Grouping/all``.
  public func groupLabels(_ labels: [String: String]) -> [String: String] {
    switch groupBy {
    case .all: return labels
    case .labels(let names):
      var out: [String: String] = [:]
      for name in names { if let value = labels[name] { out[name] = value } }
      return out
    }
  }
}

/// Names one aggregation group: the routing node that handles it and the
/// values of its grouping labels — Alertmanager's group key
/// (`{route path}:{group labels}`).
public struct NotificationGroupKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// The node's path in the routing tree (``NotificationRouteMatch/path``).
  public var routePath: [Int]
  /// The group's labels (``NotificationRoute/groupLabels(_:)``).
  public var groupLabels: [String: String]

  /// Creates a key.
  public init(routePath: [Int], groupLabels: [String: String]) {
    self.routePath = routePath
    self.groupLabels = groupLabels
  }

  /// `/0/2:{artefact="support-bot",severity="page"}`: the path, then the
  /// labels sorted by name with quoted values (the same text for the same
  /// group, so it can key a delivery log).
  public var description: String {
    let path = routePath.isEmpty ? "/" : routePath.map { "/\($0)" }.joined()
    let labels = groupLabels.sorted { $0.key < $1.key }
      .map { "\($0.key)=\(AlertLabelMatcher.quote($0.value))" }.joined(separator: ",")
    return "\(path):{\(labels)}"
  }

  /// Orders keys by their text, so batches come out in a stable order.
  public static func < (lhs: NotificationGroupKey, rhs: NotificationGroupKey) -> Bool {
    lhs.description < rhs.description
  }
}

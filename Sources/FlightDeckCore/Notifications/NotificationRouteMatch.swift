/// A node of the routing tree that handles an alert (``NotificationRoute/match(_:)``).
public struct NotificationRouteMatch: Sendable, Hashable {
  /// The node's place: the child indexes from the root (`[]`: the root),
  /// which tells two nodes with the same receiver apart in group keys.
  public var path: [Int]
  /// The node, with its resolved settings.
  public var route: NotificationRoute

  /// Creates a match.
  public init(path: [Int], route: NotificationRoute) {
    self.path = path
    self.route = route
  }
}

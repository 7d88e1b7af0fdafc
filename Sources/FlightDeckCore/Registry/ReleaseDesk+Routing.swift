extension ReleaseDesk {
  /// How every target of ``routing`` stands (``RoutingStatus/of(_:records:outbox:)``
  /// over the store's routing records and outbox): what the dashboard
  /// shows. `nil` when no target is configured or the store keeps no
  /// routing outbox.
  /// - Throws: ``RegistryError`` when the store cannot be read.
  public func routingStatus() throws -> [RoutingStatus]? {
    guard !routing.targets.isEmpty, let outbox = store as? any RoutingOutboxStore else { return nil }
    return RoutingStatus.of(routing, records: try outbox.routingTargets(), outbox: try outbox.routingOutbox())
  }
}

import FlightDeckCore

/// The routing outbox of an opened store, for the `routing` commands.
enum RoutingOutboxOf {
  /// `store` as a ``RoutingOutboxStore`` that also reads the registry.
  /// - Throws: ``CLIError`` when the store keeps no routing outbox.
  static func of(_ store: any RegistryStore) throws -> any RoutingOutboxStore & ArtefactStore {
    guard let outbox = store as? any RoutingOutboxStore & ArtefactStore else {
      throw CLIError("this store keeps no routing outbox")
    }
    return outbox
  }
}

import FlightDeckCore

/// The outbox of an opened store, for the `notifications` commands.
enum NotificationsOutbox {
  /// `store` as a ``NotificationOutboxStore``.
  /// - Throws: ``CLIError`` when the store keeps no outbox.
  static func of(_ store: any RegistryStore) throws -> any NotificationOutboxStore {
    guard let outbox = store as? any NotificationOutboxStore else {
      throw CLIError("this store keeps no notification outbox")
    }
    return outbox
  }
}

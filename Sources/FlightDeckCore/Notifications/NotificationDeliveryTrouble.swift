/// What an on-call must know about notification delivery, read from the
/// outbox (``NotificationOutboxStore``): how many events are dead letters
/// (given up: nobody was told), how many are failing and waiting for a
/// retry, and the newest of them (its id and error name the receiver,
/// `hook: HTTP 500`). The dashboard's header shows it
/// (`flightdeck notifications list` has every entry).
public struct NotificationDeliveryTrouble: Sendable, Hashable {
  /// Entries in the `dead` state.
  public var dead: Int
  /// Entries in the `failed` state (an attempt failed; another is due).
  public var retrying: Int
  /// The newest entry in either state (highest id), `nil` when there is none.
  public var newest: NotificationOutboxEntry?

  /// Creates a reading.
  public init(dead: Int, retrying: Int, newest: NotificationOutboxEntry? = nil) {
    self.dead = dead
    self.retrying = retrying
    self.newest = newest
  }

  /// Whether delivery is in trouble (any dead letter or failing entry).
  public var isTrouble: Bool { dead > 0 || retrying > 0 }

  /// Reads it from `store`: the counts per state and the newest failed or dead entry.
  /// - Throws: ``RegistryError`` when the store cannot be read.
  public static func read(from store: any NotificationOutboxStore) throws -> NotificationDeliveryTrouble {
    let counts = try store.notificationOutboxCounts()
    let dead = counts[.dead] ?? 0
    let retrying = counts[.failed] ?? 0
    let newest =
      dead + retrying > 0 ? try store.notificationOutbox(states: [.failed, .dead], limit: 1).first : nil
    return NotificationDeliveryTrouble(dead: dead, retrying: retrying, newest: newest)
  }
}

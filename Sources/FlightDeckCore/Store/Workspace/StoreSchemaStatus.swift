/// A store's schema beside what this FlightDeck knows
/// (``StoreBackend/schemaStatus(at:)``): which of this binary's migrations
/// the store has, and which it lacks (opening it for writing applies them).
public struct StoreSchemaStatus: Sendable, Hashable {
  /// The migrations the store has applied, by name (`v1`…, `1`…), in order.
  public var applied: [String]
  /// This binary's migrations the store lacks, in order; empty when current.
  public var pending: [String]

  /// Creates a status.
  public init(applied: [String], pending: [String]) {
    self.applied = applied
    self.pending = pending
  }

  /// Whether the store has every migration this binary knows.
  public var isCurrent: Bool { pending.isEmpty }
}

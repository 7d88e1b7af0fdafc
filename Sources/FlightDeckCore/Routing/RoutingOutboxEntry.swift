/// One artefact's row in the routing outbox: how many routing changes it
/// has had (``generation``), how many are published, and the state of the
/// publishing (<doc:Routing>).
///
/// A change of a pointer or of the canary weight raises ``generation`` in the
/// change's own transaction, so a decision recorded is a publish owed even
/// when the process dies before it is made; a publisher claims the row,
/// renders every target from the store's state at that moment, and records
/// the generation it published.
public struct RoutingOutboxEntry: Sendable, Hashable {
  /// The artefact.
  public var artefact: String
  /// Routing changes recorded (1 after the first).
  public var generation: Int64
  /// The highest generation every target carrying the artefact took.
  public var publishedGeneration: Int64
  /// The audit sequence of the last change.
  public var auditSequence: Int64
  /// When the last change was recorded.
  public var changedAt: Timestamp
  /// `pending`, `failed` or `published`.
  public var state: RoutingOutboxState
  /// Attempts since the last success (claims count).
  public var attempts: Int
  /// When the next attempt is due (or the current claim runs out).
  public var nextAttemptAt: Timestamp
  /// The last failure's text, if the last attempt failed.
  public var lastError: String?

  /// An entry from its columns.
  public init(
    artefact: String, generation: Int64, publishedGeneration: Int64, auditSequence: Int64,
    changedAt: Timestamp,
    state: RoutingOutboxState, attempts: Int, nextAttemptAt: Timestamp, lastError: String?
  ) {
    self.artefact = artefact
    self.generation = generation
    self.publishedGeneration = publishedGeneration
    self.auditSequence = auditSequence
    self.changedAt = changedAt
    self.state = state
    self.attempts = attempts
    self.nextAttemptAt = nextAttemptAt
    self.lastError = lastError
  }

  /// Whether a change is not yet published everywhere.
  public var isOutOfDate: Bool { publishedGeneration < generation }
}

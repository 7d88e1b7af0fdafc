/// One entry of the tamper-evident audit log.
///
/// `hash = SHA-256(previousHash ‖ canonical JSON of the entry)`, where the
/// canonical JSON holds every field except `hash` (see ``AuditChain``), so
/// editing, deleting, reordering or inserting an entry breaks the chain from
/// that entry on (the construction of Certificate Transparency's and Git's
/// hash chains; Crosby & Wallach, "Efficient Data Structures for
/// Tamper-Evident Logging", USENIX Security 2009).
public struct AuditEntry: Sendable, Hashable, Codable {
  /// Position in the log: 1, 2, 3… with no gaps.
  public var sequence: Int64
  /// When (ms since the Unix epoch, engine clock).
  public var at: Timestamp
  /// Who (an ``OperatorIdentity`` name, or one of FlightDeck's own actors, ``SystemActor``: `system:…`).
  public var actor: String
  /// What.
  public var action: AuditAction
  /// What it was done to: `artefact`, `artefact@version`, `artefact:pointer` or `REQ-<id>`.
  public var subject: String
  /// The state before, as canonical JSON (`nil`: nothing before).
  public var before: String?
  /// The state after, as canonical JSON (`nil`: nothing after).
  public var after: String?
  /// The reason or comment given (may be empty).
  public var reason: String
  /// How ``actor`` was identified: authenticated by the database
  /// (``ActorIdentification/databaseRole``), only claimed
  /// (`unauthenticated:…`), or FlightDeck itself; `nil` for entries written
  /// before FlightDeck recorded it (their hash covers no such field, so
  /// they verify as they were written). Hashed with the entry when present,
  /// so it cannot be changed, added or removed without breaking the chain.
  public var identity: ActorIdentification?
  /// The previous entry's hash (lower-case hex, 64 digits; 64 zeros for the first).
  public var previousHash: String
  /// This entry's hash (lower-case hex, 64 digits).
  public var hash: String

  /// Creates an entry (the hash is not checked here; see ``AuditChain``).
  public init(
    sequence: Int64, at: Timestamp, actor: String, action: AuditAction, subject: String, before: String?,
    after: String?, reason: String, previousHash: String, hash: String, identity: ActorIdentification? = nil
  ) {
    self.sequence = sequence
    self.at = at
    self.actor = actor
    self.action = action
    self.subject = subject
    self.before = before
    self.after = after
    self.reason = reason
    self.previousHash = previousHash
    self.hash = hash
    self.identity = identity
  }
}

/// What the store knows of one routing target: the outcome of the last
/// publish or read-back (``RoutingOutboxStore``).
public struct RoutingTargetRecord: Sendable, Hashable {
  /// The target's name (``RoutingTarget/name``).
  public var name: String
  /// The file it writes.
  public var path: String
  /// How it stands (``RoutingTargetCondition``; `outOfDate` is worked out
  /// from the outbox by ``RoutingStatus``, not stored).
  public var condition: RoutingTargetCondition
  /// The sha256 (hex) of the bytes last published, if any.
  public var digest: String?
  /// When it was last published.
  public var publishedAt: Timestamp?
  /// When it was last read back.
  public var checkedAt: Timestamp?
  /// The last failure or drift, in one line.
  public var detail: String?

  /// A record from its columns.
  public init(
    name: String, path: String, condition: RoutingTargetCondition, digest: String?, publishedAt: Timestamp?,
    checkedAt: Timestamp?, detail: String?
  ) {
    self.name = name
    self.path = path
    self.condition = condition
    self.digest = digest
    self.publishedAt = publishedAt
    self.checkedAt = checkedAt
    self.detail = detail
  }
}

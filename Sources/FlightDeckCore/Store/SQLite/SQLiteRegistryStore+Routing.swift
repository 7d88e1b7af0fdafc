import GRDB

extension SQLiteRegistryStore: RoutingOutboxStore {
  /// Every artefact's outbox row, in one read (see ``RoutingOutboxStore``).
  /// - Throws: ``RegistryError``: `.corrupt` for a damaged row, or a storage failure.
  public func routingOutbox() throws -> [RoutingOutboxEntry] {
    try readingRows { try SQLStoreRouting.entries($0) }
  }

  /// Every target's record, in one read (see ``RoutingOutboxStore``).
  /// - Throws: ``RegistryError``: `.corrupt` for a damaged row, or a storage failure.
  public func routingTargets() throws -> [RoutingTargetRecord] {
    try readingRows { try SQLStoreRouting.targets($0) }
  }

  /// Claims due artefacts in one `BEGIN IMMEDIATE` transaction (see ``RoutingOutboxStore``).
  /// - Throws: ``RegistryError`` on a storage failure.
  public func claimDueRouting(at now: Timestamp, claimForMs: Int64, limit: Int) throws -> [RoutingOutboxEntry]
  {
    try writingRows { try SQLStoreRouting.claim($0, now: now, claimForMs: claimForMs, limit: limit) }
  }

  /// Records a publish and its audit entry in one `BEGIN IMMEDIATE` transaction (see ``RoutingOutboxStore``).
  /// - Throws: ``RegistryError`` `.notFound`, or a storage failure.
  public func recordRoutingPublished(
    artefact: String, generation: Int64, publications: [RoutingPublication], at now: Timestamp
  ) throws {
    try writingRows {
      try SQLStoreRouting.published(
        $0, artefact: artefact, generation: generation, publications: publications, now: now)
    }
  }

  /// Records a failed attempt (see ``RoutingOutboxStore``).
  /// - Throws: ``RegistryError`` `.notFound`, or a storage failure.
  public func recordRoutingFailed(
    artefact: String, error: String, retryAt: Timestamp, publications: [RoutingPublication], at now: Timestamp
  ) throws {
    try writingRows {
      try SQLStoreRouting.failed(
        $0, artefact: artefact, error: error, retryAt: retryAt, publications: publications, now: now)
    }
  }

  /// Records a read-back (see ``RoutingOutboxStore``).
  /// - Throws: ``RegistryError`` on a storage failure.
  public func recordRoutingCheck(
    target: String, path: String, condition: RoutingTargetCondition, detail: String?, at now: Timestamp
  ) throws {
    try writingRows {
      try SQLStoreRouting.checked(
        $0, target: target, path: path, condition: condition, detail: detail, now: now)
    }
  }

  /// Makes `artefact` due now (see ``RoutingOutboxStore``).
  /// - Throws: ``RegistryError`` `.notFound`, or a storage failure.
  public func requestRoutingPublish(artefact: String, at now: Timestamp) throws {
    try writingRows { try SQLStoreRouting.request($0, artefact: artefact, now: now) }
  }
}

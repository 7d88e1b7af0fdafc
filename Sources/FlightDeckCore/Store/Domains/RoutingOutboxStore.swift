/// The routing outbox of a store: per artefact, the routing changes owed to
/// the targets, and per target, how it stands (<doc:Routing>).
///
/// A command that moves a pointer or changes the canary weight raises the
/// artefact's generation in its own transaction (nothing here: the store's
/// commands do it); publishers claim due artefacts, write the targets and
/// record the outcome, which appends a `routing.publish` audit entry with the
/// digest of every file written. A publisher that dies mid-publish leaves
/// the claim to run out; the next claim publishes the store's state again.
public protocol RoutingOutboxStore: Sendable {
  /// Every artefact's outbox row, by name.
  /// - Throws: ``RegistryError`` (`.corrupt` for a damaged row, or a storage failure).
  func routingOutbox() throws -> [RoutingOutboxEntry]

  /// Every target's record, by name.
  /// - Throws: ``RegistryError`` (`.corrupt` for a damaged row, or a storage failure).
  func routingTargets() throws -> [RoutingTargetRecord]

  /// Claims up to `limit` artefacts with an unpublished generation whose
  /// next attempt is due at `now`, oldest change first: each one's attempts
  /// go up by one and its next attempt becomes `now + claimForMs`, in one
  /// transaction.
  /// - Throws: ``RegistryError`` on a storage failure (nothing claimed).
  func claimDueRouting(at now: Timestamp, claimForMs: Int64, limit: Int) throws -> [RoutingOutboxEntry]

  /// Records that every target carrying `artefact` took `generation`: the
  /// published generation rises to it (never falls), the row is `published`
  /// when no newer change came in meanwhile (else due again at `now`), each
  /// target's record is `in sync` with its digest, and one `routing.publish`
  /// audit entry by `system:publisher` names the digests.
  /// - Throws: ``RegistryError`` `.notFound` for an artefact without a row; a storage failure.
  func recordRoutingPublished(
    artefact: String, generation: Int64, publications: [RoutingPublication], at now: Timestamp
  ) throws

  /// Records a failed attempt on `artefact`: the row is `failed`, due again
  /// at `retryAt`, with `error`; each failed target's record is `failing`
  /// and each successful one's `in sync`. The decision stays recorded.
  /// - Throws: ``RegistryError`` `.notFound`; a storage failure.
  func recordRoutingFailed(
    artefact: String, error: String, retryAt: Timestamp, publications: [RoutingPublication], at now: Timestamp
  ) throws

  /// Records a read-back of `target`: `in sync`, or `drifted` / `failing`
  /// with `detail`; a newly drifted target appends a `routing.drift` audit
  /// entry by `system:publisher` (a target that stays drifted adds none).
  /// - Throws: ``RegistryError`` on a storage failure.
  func recordRoutingCheck(
    target: String, path: String, condition: RoutingTargetCondition, detail: String?, at now: Timestamp
  ) throws

  /// Makes `artefact` due for publishing at `now` (`flightdeck routing
  /// publish`): its generation rises by one.
  /// - Throws: ``RegistryError`` `.notFound` for an unregistered artefact; a storage failure.
  func requestRoutingPublish(artefact: String, at now: Timestamp) throws
}

/// A store that performs every domain change the same way: as one
/// ``RegistryCommand`` in one transaction. Its five domain `perform(_:as:)`
/// methods come from this protocol, each wrapping its change in the command
/// case of its domain and calling ``performCommand(_:as:)``.
///
/// Both backends (SQLite, PostgreSQL) and the read-only replay store adopt it.
public protocol RegistryCommandStore: RegistryStore {
  /// Performs `command` as `actor` in one transaction, atomically with its
  /// audit entries.
  /// - Returns: what changed.
  /// - Throws: ``RegistryError``: the command's refusal (nothing of it is
  ///   written) or a storage failure; each backend documents its own.
  func performCommand(_ command: RegistryCommand, as actor: OperatorIdentity) throws -> RegistryOutcome
}

extension RegistryCommandStore {
  /// Performs a registry change (``performCommand(_:as:)`` with ``RegistryCommand/artefact(_:)``).
  /// - Throws: as ``performCommand(_:as:)``.
  public func perform(_ change: ArtefactChange, as actor: OperatorIdentity) throws -> RegistryOutcome {
    try performCommand(.artefact(change), as: actor)
  }

  /// Performs a request or decision (``performCommand(_:as:)`` with ``RegistryCommand/approval(_:)``).
  /// - Throws: as ``performCommand(_:as:)``.
  public func perform(_ change: ApprovalChange, as actor: OperatorIdentity) throws -> RegistryOutcome {
    try performCommand(.approval(change), as: actor)
  }

  /// Performs a weight or rollout change (``performCommand(_:as:)`` with ``RegistryCommand/rollout(_:)``).
  /// - Throws: as ``performCommand(_:as:)``.
  public func perform(_ change: RolloutChange, as actor: OperatorIdentity) throws -> RegistryOutcome {
    try performCommand(.rollout(change), as: actor)
  }

  /// Performs an alert change (``performCommand(_:as:)`` with ``RegistryCommand/alert(_:)``).
  /// - Throws: as ``performCommand(_:as:)``.
  public func perform(_ change: AlertChange, as actor: OperatorIdentity) throws -> RegistryOutcome {
    try performCommand(.alert(change), as: actor)
  }

  /// Performs an incident change (``performCommand(_:as:)`` with ``RegistryCommand/incident(_:)``).
  /// - Throws: as ``performCommand(_:as:)``.
  public func perform(_ change: IncidentChange, as actor: OperatorIdentity) throws -> RegistryOutcome {
    try performCommand(.incident(change), as: actor)
  }
}

/// The rollouts domain of a store: canary traffic weights and rollouts.
public protocol RolloutStore: Sendable {
  /// Performs one weight or rollout change as `actor`, atomically with its
  /// audit entries and the pointer and weight moves it causes.
  /// - Returns: what changed, with the effects a rollout driver takes.
  /// - Throws: ``RegistryError``: a refusal (not found, not applicable, …)
  ///   or a storage failure; the store is unchanged.
  func perform(_ change: RolloutChange, as actor: OperatorIdentity) throws -> RegistryOutcome

  /// The rollouts of `artefact` (all artefacts when `nil`), newest first.
  /// - Throws: ``RegistryError`` (`.invalidInput` for a bad name, `.corrupt`
  ///   for a damaged row, or a storage failure).
  func rollouts(artefact: String?) throws -> [RolloutRecord]
}

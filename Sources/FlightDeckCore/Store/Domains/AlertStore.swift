/// The alerts domain of a store: alert instances (pending, firing), their
/// acknowledgements, and silences.
public protocol AlertStore: Sendable {
  /// Performs one alert change as `actor`, atomically with its audit entries.
  /// - Returns: what changed.
  /// - Throws: ``RegistryError``: a refusal (not found, not firing, already
  ///   acknowledged, a bad silence) or a storage failure; the store is unchanged.
  func perform(_ change: AlertChange, as actor: OperatorIdentity) throws -> RegistryOutcome

  /// Every stored alert instance (with its acknowledgement), firing first.
  /// - Throws: ``RegistryError`` (`.corrupt` for a damaged row, or a storage failure).
  func alertInstances() throws -> [AlertInstance]

  /// Silences, newest first: those not yet ended (or all when `includeExpired`).
  /// - Throws: ``RegistryError`` (`.corrupt` for a damaged row, or a storage failure).
  func silences(includeExpired: Bool) throws -> [AlertSilence]
}

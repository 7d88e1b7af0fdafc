/// Where a ``PostgresRegistryStore`` takes the actor of a human action from.
public enum PostgresActorSource: Sendable, Hashable {
  /// The role the database authenticated (`session_user`), with its
  /// FlightDeck roles from its PostgreSQL role memberships
  /// (``PostgresTeamRoles/flightDeckRoles(of:)``): the name the caller
  /// passes is ignored. What ``PostgresStoreBackend`` always opens.
  case sessionUser
  /// The identity the caller passes, roles from the workspace's `[roles]`
  /// table, as on SQLite: only for the contract tests, which play several
  /// people on one connection. Never chosen from a store location.
  case asGiven
}

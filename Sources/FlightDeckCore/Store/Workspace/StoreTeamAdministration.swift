/// A backend whose database vouches for identities: it can print, and
/// apply, what sets up a team's roles and grants (`flightdeck admin roles`).
///
/// The PostgreSQL backend implements it; SQLite has no accounts (the actor
/// there is the operating-system user or `$FLIGHTDECK_USER`, unauthenticated).
public protocol StoreTeamAdministration: StoreBackend {
  /// The script that creates the team roles and grants on the store at
  /// `location` (for a database administrator to read and run).
  /// - Throws: ``RegistryError`` `.invalidInput(field: "store")` for a bad location.
  func teamSetupScript(at location: StoreLocation) throws -> String

  /// Runs ``teamSetupScript(at:)`` on the store at `location` in one
  /// transaction, as the role the location logs in as (it must own the
  /// schema); running it again changes nothing.
  /// - Returns: how many statements ran.
  /// - Throws: ``RegistryError``: a bad location, a connection failure, or
  ///   the database's refusal (the role named) — nothing is then changed.
  func applyTeamSetup(at location: StoreLocation) throws -> Int
}

/// How the actor of an action was identified: recorded with every audit
/// entry (``AuditEntry/identity``) and shown beside the operator's name in
/// the dashboard's header.
///
/// Only ``databaseRole`` is authenticated: the database checked the
/// credentials of the role that logged in (PostgreSQL's `session_user`).
/// Every `unauthenticated:` value is a name someone *claimed* — anyone who
/// can set an environment variable or run a process as another OS user can
/// claim any name — so the audit log records what that name did, not who
/// typed it. The raw values are what the audit chain hashes; never change
/// one.
public enum ActorIdentification: String, Sendable, Hashable, Codable, CaseIterable {
  /// The role the database authenticated (PostgreSQL's `session_user`).
  case databaseRole = "database-role"
  /// `$FLIGHTDECK_USER`, unauthenticated (a SQLite store).
  case flightdeckUser = "unauthenticated:FLIGHTDECK_USER"
  /// The operating-system user running the process (its passwd name,
  /// `$USER`/`$LOGNAME`, or `uid-<n>`), unauthenticated (a SQLite store).
  case osUser = "unauthenticated:os-user"
  /// A name the calling program passed without saying where it came from
  /// (the demo's seeded operators, a library caller, a test),
  /// unauthenticated.
  case asserted = "unauthenticated:asserted"
  /// FlightDeck's own actors (``SystemActor``: `system:…`).
  case system = "system"

  /// Whether a database vouched for the name (``databaseRole`` only).
  public var isAuthenticated: Bool { self == .databaseRole }

  /// Whether the name was only claimed (every `unauthenticated:` value).
  public var isUnauthenticated: Bool { rawValue.hasPrefix("unauthenticated:") }

  /// The wording for people: `database role`, `unauthenticated: FLIGHTDECK_USER`,
  /// `unauthenticated: OS user`, `unauthenticated: asserted`, `FlightDeck itself`.
  public var label: String {
    switch self {
    case .databaseRole: "database role"
    case .flightdeckUser: "unauthenticated: FLIGHTDECK_USER"
    case .osUser: "unauthenticated: OS user"
    case .asserted: "unauthenticated: asserted"
    case .system: "FlightDeck itself"
    }
  }

  /// What a store records for an actor that claims `self`: a claim of
  /// ``databaseRole`` or ``system`` that the store did not establish itself
  /// is recorded as ``asserted`` (only the backend that authenticated the
  /// role, and only ``OperatorIdentity/system(_:)``, may record those).
  public var claimed: ActorIdentification {
    isUnauthenticated ? self : .asserted
  }
}

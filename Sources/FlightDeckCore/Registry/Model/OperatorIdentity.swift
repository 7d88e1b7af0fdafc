import Foundation

/// Who is acting: a name and the roles the configuration gives it.
///
/// This is attribution, not authentication: the name comes from
/// `$FLIGHTDECK_USER`, else the operating-system user, and anyone who can
/// set an environment variable can claim any name. The audit log records
/// what each name did; it cannot prove who typed it, and says so: every
/// entry records how its actor was identified (``identification``,
/// ``AuditEntry/identity``). Names starting with `system:` are FlightDeck's
/// own (``SystemActor``) and refused for humans. A store that authenticates
/// (PostgreSQL) replaces the name with the role that logged in.
public struct OperatorIdentity: Sendable, Hashable, Codable {
  /// The operator's name (1–128 printable characters).
  public var name: String
  /// Roles from the configuration's `[roles]` table (e.g. `release-manager`), sorted.
  public var roles: [String]
  /// The FlightDeck actor this identity is, when made by ``system(_:)``
  /// (never decoded: an identity read from outside is a human's).
  public private(set) var systemActor: SystemActor?
  /// Where the name came from (``current(environment:roles:)``: `$FLIGHTDECK_USER`
  /// or the OS user; ``system(_:)``: FlightDeck itself). A claim, not a
  /// proof: a store records ``ActorIdentification/databaseRole`` only for a
  /// role it authenticated, and ``ActorIdentification/system`` only for
  /// ``system(_:)`` identities, whatever this says (``ActorIdentification/claimed``).
  /// Never decoded: an identity read from outside is ``ActorIdentification/asserted``.
  public var identification: ActorIdentification = .asserted

  private enum CodingKeys: String, CodingKey {
    case name, roles
  }

  /// Creates an identity whose name came from `identification`
  /// (``ActorIdentification/asserted`` when the caller does not say).
  public init(name: String, roles: [String] = [], identification: ActorIdentification = .asserted) {
    self.name = name
    self.roles = roles.sorted()
    self.identification = identification
  }

  /// FlightDeck's own actor `actor` (name `system:…`, no roles).
  public static func system(_ actor: SystemActor) -> OperatorIdentity {
    var identity = OperatorIdentity(name: actor.rawValue, identification: .system)
    identity.systemActor = actor
    return identity
  }

  /// Whether the operator has `role`.
  public func has(role: String) -> Bool { roles.contains(role) }

  /// The operator of this process: `$FLIGHTDECK_USER` if set and non-empty,
  /// else the passwd name of the real user id, else `$USER`/`$LOGNAME`, else
  /// `uid-<n>`; roles are those `roles` (role → names) gives the name.
  /// ``identification`` says which: ``ActorIdentification/flightdeckUser``
  /// or ``ActorIdentification/osUser``.
  public static func current(
    environment: [String: String] = ProcessInfo.processInfo.environment, roles: [String: [String]] = [:]
  ) -> OperatorIdentity {
    func env(_ key: String) -> String? {
      guard let v = environment[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
      return v
    }
    var name = env("FLIGHTDECK_USER") ?? ""
    let source: ActorIdentification = name.isEmpty ? .osUser : .flightdeckUser
    if name.isEmpty, let pw = getpwuid(getuid()), let n = pw.pointee.pw_name {
      name = String(cString: n)
    }
    if name.isEmpty { name = env("USER") ?? env("LOGNAME") ?? "" }
    if name.isEmpty { name = "uid-\(getuid())" }
    let mine = roles.compactMap { role, names in names.contains(name) ? role : nil }
    return OperatorIdentity(name: name, roles: mine, identification: source)
  }
}

/// What a member of a team store (one whose database vouches for identities:
/// PostgreSQL, `flightdeck admin roles`) is told when an action needs a role
/// they do not hold: which role, and what to do. One wording for the
/// dashboard (a key pressed without the role) and the command line (a command
/// the database refused), so both say the same thing.
///
/// The roles are FlightDeck's (`viewer`, `operator`, `approver`,
/// `release-manager`); each is the membership of a PostgreSQL group role
/// (``groupRole(_:)``), a member of the ones below it (see
/// <doc:PostgreSQLStore>, "Team roles").
public enum TeamRoleRefusal {
  /// The PostgreSQL group role whose membership gives FlightDeck role `role`:
  /// `approver` → `flightdeck_approver`, `release-manager` →
  /// `flightdeck_release_manager`.
  public static func groupRole(_ role: String) -> String {
    "flightdeck_" + role.replacingOccurrences(of: "-", with: "_")
  }

  /// The sentence for `who`, holding `held`, pressing or running an action
  /// (`noun`, e.g. "approval") that needs `role`: "vic cannot do this:
  /// approval needs the approver role (flightdeck_approver membership); vic
  /// holds viewer — ask someone who holds it, or an administrator to `GRANT
  /// flightdeck_approver TO vic`". `who` is sanitised for a terminal.
  public static func sentence(who: String, noun: String, role: String, held: Set<String>) -> String {
    let name = TerminalText.sanitize(who)
    let group = groupRole(role)
    let roles = held.isEmpty ? "no FlightDeck role" : held.sorted().joined(separator: ", ")
    return
      "\(name) cannot do this: \(noun) needs the \(role) role (\(group) membership); \(name) holds \(roles) — "
      + "ask someone who holds it, or an administrator to `GRANT \(group) TO \(name)`"
  }

  /// The team role `command` needs on a team store, as the grants give it
  /// (the table in <doc:PostgreSQLStore>): registering, importing and applying
  /// the configuration `release-manager`; approving, rejecting and rolling
  /// back `approver`; everything else that writes `operator`.
  public static func requiredRole(for command: RegistryCommand) -> String {
    switch command {
    case .artefact(.registerArtefact), .artefact(.registerVersion), .artefact(.importArtefact),
      .artefact(.applyConfiguration):
      return "release-manager"
    case .artefact(.rollback), .approval(.approve), .approval(.reject):
      return "approver"
    default:
      return "operator"
    }
  }

  /// What `command` is, for ``sentence(who:noun:role:held:)``: "approval",
  /// "rollback", "registration", "rollout control", … (the dashboard's nouns
  /// for the same actions).
  public static func noun(for command: RegistryCommand) -> String {
    switch command {
    case .artefact(.registerArtefact), .artefact(.registerVersion): return "registration"
    case .artefact(.importArtefact): return "import"
    case .artefact(.applyConfiguration): return "applying the configuration"
    case .artefact(.rollback): return "rollback"
    case .artefact(.recordGateResults): return "recording gate results"
    case .approval(.requestPromotion): return "promotion"
    case .approval(.approve): return "approval"
    case .approval(.reject): return "rejection"
    case .approval(.cancel): return "cancelling a request"
    case .rollout(.setCanaryWeight): return "canary weight change"
    case .rollout: return "rollout control"
    case .alert(.acknowledgeAlert): return "alert acknowledgement"
    case .alert(.createSilence), .alert(.expireSilence): return "silencing"
    case .alert: return "alert evaluation"
    case .incident(.openIncident): return "opening incidents"
    case .incident: return "incident control"
    }
  }

  /// The refusal of `command` by a team store, in the words above: when
  /// `actor` (the identity the store vouched for) lacks the role the command
  /// needs, ``sentence(who:noun:role:held:)`` (the database's own wording,
  /// such as "permission denied for table request_decision", is left out);
  /// when the actor holds it and the database's audit guards refused the
  /// change ("the database refused: role bob may not UPDATE on
  /// promotion_request: why"), "bob cannot do this: why (refused by the
  /// database)". Any other error, and an actor in no team role (an
  /// administrator, whom no grant limits), is returned unchanged.
  public static func explain(_ error: RegistryError, command: RegistryCommand, actor: OperatorIdentity)
    -> RegistryError
  {
    guard case .missingRole(let what) = error.code, !actor.roles.isEmpty else { return error }
    let role = requiredRole(for: command)
    if !actor.roles.contains(role) {
      return RegistryError(
        error.code,
        sentence(who: actor.name, noun: noun(for: command), role: role, held: Set(actor.roles)))
    }
    let guardPrefix = "the database refused: role \(actor.name) may not \(what): "
    guard error.message.hasPrefix(guardPrefix) else { return error }
    let why = error.message.dropFirst(guardPrefix.count)
    return RegistryError(
      error.code, "\(TerminalText.sanitize(actor.name)) cannot do this: \(why) (refused by the database)")
  }
}

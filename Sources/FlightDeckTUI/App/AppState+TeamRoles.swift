import FlightDeckCore

/// What the operator's team roles let this dashboard offer, on a store that
/// vouches for identities (a PostgreSQL store's role memberships).
extension AppState {
  /// Makes `roles` the operator's ``operatorTeamRoles`` and hides every
  /// binding whose ``Action/requiredTeamRole`` is not among them from the key
  /// map (so from the footer hints and the help overlay), keeping them in
  /// ``roleDisabledBindings`` so that their keys say which role they need
  /// instead of opening a dialog the database would refuse.
  public mutating func restrict(toTeamRoles roles: Set<String>) {
    operatorTeamRoles = roles
    let allowed = { (b: KeyBinding) in b.action.requiredTeamRole.map(roles.contains) ?? true }
    roleDisabledBindings += keyMap.bindings.filter { !allowed($0) }
    keyMap = KeyMap(bindings: keyMap.bindings.filter(allowed))
  }

  /// The status line for `action` when the operator's team roles lack the
  /// role it needs, in the command line's words
  /// (``FlightDeckCore/TeamRoleRefusal/sentence(who:noun:role:held:)``), e.g.
  /// `vic cannot do this: approval needs the approver role
  /// (flightdeck_approver membership); vic holds operator, viewer — ask
  /// someone who holds it, or an administrator to `GRANT flightdeck_approver
  /// TO vic``; `nil` when it is allowed or the store vouches for no roles.
  func teamRoleRefusal(_ action: Action) -> String? {
    guard let role = action.requiredTeamRole, let held = operatorTeamRoles, !held.contains(role) else {
      return nil
    }
    return TeamRoleRefusal.sentence(
      who: operatorName.map(Sanitizer.sanitize) ?? "this role", noun: AppUpdate.noun(action), role: role,
      held: held)
  }
}

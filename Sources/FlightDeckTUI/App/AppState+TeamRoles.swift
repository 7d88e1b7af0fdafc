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
  /// role it needs, e.g. `vic cannot do this: approval needs the approver
  /// role (flightdeck_approver membership); vic holds operator, viewer`;
  /// `nil` when it is allowed or the store vouches for no roles.
  func teamRoleRefusal(_ action: Action) -> String? {
    guard let role = action.requiredTeamRole, let held = operatorTeamRoles, !held.contains(role) else {
      return nil
    }
    let who = operatorName.map(Sanitizer.sanitize) ?? "this role"
    let roles = held.isEmpty ? "no FlightDeck role" : held.sorted().joined(separator: ", ")
    let group = "flightdeck_" + role.replacingOccurrences(of: "-", with: "_")
    return
      "\(who) cannot do this: \(AppUpdate.noun(action)) needs the \(role) role (\(group) membership); \(who) holds \(roles)"
  }
}

import FlightDeckCore

extension RegistryCLI {
  /// The canary as `registry list` and `registry show` write it, as the
  /// dashboard's Canary pane and the published routing say it:
  /// `v13 (10%)` while it takes a share, `v13` at weight 0, and
  /// `v13 (promoted: serves 100%)` when the canary pointer names the
  /// production version (a finished rollout leaves it there, at the weight
  /// its last step set; ``FlightDeckCore/RoutingState`` then routes
  /// everything to that version). `nil` without a canary pointer.
  static func canaryText(_ entry: RegisteredArtefact) -> String? {
    guard let version = entry.pointers[.canary] else { return nil }
    if version == entry.pointers[.production] { return "\(version) (promoted: serves 100%)" }
    let weight = RoutingState(entry).canaryWeight
    return weight > 0 ? "\(version) (\(weight)%)" : version
  }

  /// Who serves users, as published routing splits it
  /// (``FlightDeckCore/RoutingState/servingSplit``, the resolve API's
  /// `split`): `[{"version","weight"}]`, stable first, weights summing to 100.
  static func servingJSON(_ entry: RegisteredArtefact) -> CanonicalJSON.Value {
    .array(
      RoutingState(entry).servingSplit.map {
        .object(["version": .string($0.version), "weight": .integer(Int64($0.weight))])
      })
  }
}

/// The desk a replay (`flightdeck dashboard --replay INC-n`) shows.
extension ReleaseDesk {
  /// A read-only desk over `store` as it stood at `clock`'s now (an
  /// ``AsOfRegistryStore``): every pane fed through it (registry, requests,
  /// rollouts, alerts, silences, incidents and timelines, KPIs) shows the
  /// past and only the past while `clock` (a ``ReplayClock``) runs.
  /// - Throws: ``RegistryError`` when `store`'s history cannot be read.
  public static func replaying(
    _ store: any RegistryStore, identity: OperatorIdentity, clock: any FlightDeckClock
  ) throws -> ReleaseDesk {
    ReleaseDesk(store: try AsOfRegistryStore(base: store, clock: clock), identity: identity, clock: clock)
  }
}

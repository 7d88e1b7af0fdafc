import FlightDeckCore
import FlightDeckTUI
import Foundation

/// The registry a dashboard shows and acts on: which workspace, under which
/// policy and roles, and whether it may write.
struct DashboardRegistry {
  /// The workspace folder.
  var workspace: RegistryWorkspace
  /// The configuration: risk policy and roles.
  var configuration: FlightDeckConfiguration
  /// Whether the dashboard is read-only (the database is then opened read-only too).
  var readOnly: Bool
  /// Whether this is a replay: the desk then reads through an
  /// ``AsOfRegistryStore``, every answer as the registry stood at the
  /// (replay) clock's now. Implies read-only.
  var replay = false

  /// Opens the workspace and makes the desk the dashboard acts through.
  ///
  /// When the workspace is writable and the configuration file has `[policy]`
  /// or `[roles]`, makes them the workspace's configuration in force
  /// (`config.apply`, a no-op when unchanged); a refusal (only a release
  /// manager may change it) is reported and the workspace's own is used.
  /// - Returns: the desk, or `nil` and the reason the registry cannot be used
  ///   (a corrupt or newer database…), which the dashboard shows instead of
  ///   failing: telemetry is still worth watching. A workspace that does not
  ///   exist is no problem to announce (the registry keys explain it when
  ///   pressed), so it gives `(nil, nil)`.
  func open(clock: any FlightDeckClock) -> (ReleaseDesk?, String?) {
    do {
      let store = try workspace.open(
        clock: clock, policy: configuration.riskPolicy, gatePolicy: configuration.gatePolicy,
        readOnly: readOnly || replay, backends: .cli)
      // A store that vouches for identities names the operator itself (a
      // PostgreSQL store: the role that logged in, with its memberships).
      let vouched = try store.authenticatedActor()
      let identity = vouched ?? OperatorIdentity.current(roles: configuration.roles)
      var problem: String?
      if !readOnly && !replay && configuration.declaresRegistryPolicy {
        do {
          _ = try store.run(
            .applyConfiguration(
              policy: configuration.riskPolicy, roles: configuration.roles, gates: configuration.gatePolicy),
            as: identity)
        } catch let e as RegistryError where e.code == .missingRole("release-manager") {
          problem = "configuration not applied: " + e.message
        }
      }
      if replay {
        return (try ReleaseDesk.replaying(store, identity: identity, clock: clock), problem)
      }
      let desk = ReleaseDesk(
        store: store, identity: identity, clock: clock, identityIsAuthenticated: vouched != nil)
      desk.routing = configuration.routing
      return (desk, problem)
    } catch let e as RegistryError {
      if e.code == .noWorkspace { return (nil, nil) }
      return (nil, e.message)
    } catch {
      return (nil, "\(error)")
    }
  }
}

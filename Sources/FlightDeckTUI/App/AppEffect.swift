import FlightDeckCore

/// Something the update function asks the outside world to do (bubbletea's `Cmd`).
///
/// The run loop executes effects; the update function itself stays pure.
public enum AppEffect: Sendable, Hashable {
  /// Leave the dashboard and restore the terminal.
  case quit
  /// Repaint every cell (after Ctrl-R or a resize).
  case redraw
  /// Tell the engine to stop (`true`) or resume (`false`) publishing snapshots.
  case setPaused(Bool)
  /// Tell the engine which artefact is selected (`nil`: none), so it can
  /// prepare its chart data.
  case selectArtefact(String?)
  /// Switch to the theme named here (the next one in the theme list).
  case nextTheme(String)
  /// The artefact filter changed to this substring (empty: no filter).
  case setFilter(String)
  /// Perform a registry command through the release desk; the run loop
  /// answers with ``AppMessage/registryOutcome(_:)`` and a fresh snapshot.
  case registry(RegistryCommand)
  /// Load the pointer history of an artefact; answered with ``AppMessage/history(artefact:_:)``.
  case loadHistory(String)
  /// Load and verify the audit log; answered with ``AppMessage/audit(_:)``.
  case loadAudit
  /// Read the incident queue; answered with ``AppMessage/incidents(_:)``.
  case loadIncidents
  /// Read incident `id` and its timeline; answered with ``AppMessage/incidentDetail(id:_:)``.
  case loadIncident(Int64)
  /// Read the notification outbox's dead letters and failing entries;
  /// answered with ``AppMessage/notificationDelivery(_:)`` (nothing when the
  /// store keeps no outbox or the read fails: the header keeps the last reading).
  case loadNotificationDelivery
  /// Read how every routing target stands; answered with
  /// ``AppMessage/routingStatus(_:)`` (nothing when no target is configured,
  /// the store keeps no routing outbox or the read fails).
  case loadRouting
  /// Compute the KPIs over [`from`, `to`] from the store; answered with ``AppMessage/kpi(_:)``.
  case loadKPI(from: Timestamp, to: Timestamp)
}

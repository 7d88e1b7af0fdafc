import FlightDeckCore

/// Everything that can happen to the dashboard (bubbletea's `Msg`).
public enum AppMessage: Sendable {
  /// A key press from the terminal.
  case key(Key)
  /// A mouse click or wheel turn (``MouseUpdate``).
  case mouse(MouseEvent)
  /// The terminal is now `width` × `height` cells.
  case resize(width: Int, height: Int)
  /// The run loop's periodic tick, with the clock's time (expires status messages).
  case tick(Timestamp)
  /// The engine produced a new snapshot.
  case newSnapshot(DashboardSnapshot)
  /// The themes available (names, in cycle order) and the one in use.
  case themeList([String], current: String)
  /// Show `text` in the status line until `until` (or until replaced when `nil`).
  case status(String, until: Timestamp?)
  /// The release desk read a new registry snapshot.
  case registrySnapshot(RegistrySnapshot)
  /// The registry cannot be read (no workspace, storage failure): the
  /// sentence to show when a registry key is pressed.
  case registryUnavailable(String)
  /// The result of a ``AppEffect/registry(_:)`` command.
  case registryOutcome(Result<RegistryOutcome, RegistryError>)
  /// The pointer moves of `artefact`, oldest first, or why they could not be read.
  case history(artefact: String, Result<[PointerMove], RegistryError>)
  /// The audit entries and their chain verification, or why they could not be read.
  case audit(Result<([AuditEntry], AuditVerification), RegistryError>)
  /// The incident queue read through the desk, or why it could not be read.
  case incidents(Result<[Incident], RegistryError>)
  /// Incident `id` and its timeline (oldest first), or why they could not be read.
  case incidentDetail(id: Int64, Result<(Incident, [IncidentTimelineEntry]), RegistryError>)
  /// The KPI report of the KPI view, or why it could not be computed.
  case kpi(Result<KPIReport, RegistryError>)
  /// The store's controller lease as read at `readAt` (`nil`: none ever held).
  case controllerLease(ControllerLease?, readAt: Timestamp)
  /// The notification outbox's delivery trouble as read (answers
  /// ``AppEffect/loadNotificationDelivery``).
  case notificationDelivery(NotificationDeliveryTrouble)
  /// Every routing target's state as read (answers ``AppEffect/loadRouting``).
  case routingStatus([RoutingStatus])
  /// The run loop handed store work to its worker: the status line says
  /// "saving…" or "loading…" until the answer (or ``storeFinished(_:)``) arrives.
  case storeStarted(StoreActivity)
  /// The store work of the oldest ``storeStarted(_:)`` ended (its answers
  /// were applied just before).
  case storeFinished(StoreActivity)
}

/// Store work the screen is waiting for, as the status line names it.
///
/// The run loop hands registry commands and loads to a worker off the UI
/// thread (``DashboardLoop``); while one is outstanding the status line says
/// so, and keys keep working.
public enum StoreActivity: Sendable, Hashable {
  /// A registry command (a promotion, an approval, a rollback, an incident
  /// change…) is being written.
  case saving
  /// A view a key opened (history, audit log, incident, KPIs) is being read.
  case loading

  /// The status-line text: `saving…` or `loading…`.
  public var statusText: String {
    switch self {
    case .saving: return "saving…"
    case .loading: return "loading…"
    }
  }
}

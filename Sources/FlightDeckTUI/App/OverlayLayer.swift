import FlightDeckCore

/// One layer of the ``OverlayStack``: an open overlay with its own state
/// (ratatui's stateful widgets: the widget draws from this state, the
/// update function changes it).
public enum OverlayLayer: Sendable, Hashable {
  /// The key-binding help (`?`), scrolled to its first shown row.
  case help(offset: Int)
  /// A registry, rollout or incident dialog being filled in.
  case dialog(RegistryDialog)
  /// The pointer history of one artefact (`h`).
  case history(HistoryOverlayState)
  /// The audit log and the verification of its hash chain (`A`).
  case audit(AuditOverlayState)
  /// A canary's verdict, metric by metric (Enter in the Canary pane).
  case verdict(VerdictOverlayState)
  /// A what-if weight proposal being projected (`+`/`-` in the Canary pane).
  case whatIf(WhatIfProposal)
  /// One incident: header and timeline (Enter on an incident).
  case incident(IncidentViewState)
  /// The lifecycle KPIs (`K`).
  case kpi(KPIOverlayState)
  /// One alert in full (Enter in the Alerts pane).
  case alert(AlertViewState)
  /// One ingest error in full (Enter in the Ingest errors pane).
  case ingestError(IngestErrorViewState)
  /// Every recent status-line message (`M`).
  case messages(MessagesOverlayState)
  /// One piece of text read whole: a timeline entry or a status message.
  case text(TextViewState)

  /// Which overlay this layer is, as key scopes name it.
  public var kind: Overlay {
    switch self {
    case .help: return .help
    case .dialog: return .dialog
    case .history: return .history
    case .audit: return .audit
    case .verdict: return .verdict
    case .whatIf: return .whatIf
    case .incident: return .incident
    case .kpi: return .kpi
    case .alert: return .alert
    case .ingestError: return .ingestError
    case .messages: return .messages
    case .text: return .text
    }
  }
}

/// A modal layer drawn over the panes that captures some keys.
public enum Overlay: String, Sendable, Hashable, CaseIterable {
  /// The key-binding help box (`?`).
  case help
  /// The artefact filter prompt (`/`), which takes typed text.
  case filter
  /// A registry dialog (promote, approve, reject, rollback), which takes typed text.
  case dialog
  /// The pointer-history overlay (`h`).
  case history
  /// The audit pane (`A`).
  case audit
  /// The verdict drill-down of a canary (Enter in the Canary pane): the
  /// rollout's last analysis, metric by metric.
  case verdict
  /// A what-if weight proposal (`+`/`-` in the Canary pane), projected before
  /// it is confirmed.
  case whatIf
  /// The incident view (Enter on an incident): header and timeline.
  case incident
  /// The lifecycle KPI view (`K`).
  case kpi
  /// One alert in full (Enter in the Alerts pane): labels, value, since
  /// when, annotations, acknowledgement, silences and its incident.
  case alert
  /// One ingest error in full (Enter in the Ingest errors pane): the whole
  /// path, the line, the field and the message, word-wrapped.
  case ingestError
  /// The messages view (`M`): every recent status-line message, newest
  /// first, word-wrapped, so a long or replaced message can be read whole.
  case messages
  /// One piece of text read whole (Enter on a timeline row of the incident
  /// view, on a message of the messages view), word-wrapped and scrollable.
  case text

  /// Whether printable keys type text instead of triggering bindings.
  public var takesText: Bool { self == .filter || self == .dialog }
}

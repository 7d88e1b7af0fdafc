/// The focusable panes of the dashboard, in Tab order.
///
/// The header and footer are not focusable. The order is the focus cycle of
/// Tab / Shift-Tab (k9s and btop cycle panes the same way).
public enum PaneID: String, Sendable, Hashable, CaseIterable {
  /// Artefacts and versions seen in telemetry.
  case registry
  /// Stable / canary / shadow splits and comparisons.
  case canary
  /// p95 latency and cost-rate charts of the selected artefact.
  case charts
  /// Alert instances and SLO burn rates.
  case alerts
  /// The incident queue.
  case incidents
  /// Recent malformed-line errors from ingestion.
  case errors

  /// The pane's title as drawn on its border, e.g. `Registry`.
  public var title: String {
    switch self {
    case .registry: return "Registry"
    case .canary: return "Canary"
    case .charts: return "Charts"
    case .alerts: return "Alerts"
    case .errors: return "Ingest errors"
    case .incidents: return "Incidents"
    }
  }

  /// The pane after this one in the focus cycle (wraps around).
  public var next: PaneID {
    let all = PaneID.allCases
    let i = all.firstIndex(of: self) ?? 0
    return all[(i + 1) % all.count]
  }

  /// The pane before this one in the focus cycle (wraps around).
  public var previous: PaneID {
    let all = PaneID.allCases
    let i = all.firstIndex(of: self) ?? 0
    return all[(i + all.count - 1) % all.count]
  }
}

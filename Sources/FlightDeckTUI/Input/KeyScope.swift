/// Where a key binding is active.
///
/// Follows k9s: global keys work everywhere, pane keys only when that pane
/// has focus and no overlay is open, overlay keys only while that overlay is
/// open.
public enum KeyScope: Sendable, Hashable {
  /// Active everywhere (but printable keys yield to text overlays).
  case global
  /// Active when one of these panes has focus and no overlay is open.
  case panes([PaneID])
  /// Active only while this overlay is open.
  case overlay(Overlay)

  /// Whether a binding with this scope is active in `context`.
  public func isActive(in context: KeyContext) -> Bool {
    switch self {
    case .global: return true
    case .panes(let panes): return context.overlay == nil && panes.contains(context.focus)
    case .overlay(let overlay): return context.overlay == overlay
    }
  }

  /// Human-readable scope for help and docs, e.g. `global`, `Registry, Canary`,
  /// `filter prompt`.
  public var label: String {
    switch self {
    case .global: return "global"
    case .panes(let panes): return panes.map(\.title).joined(separator: ", ")
    case .overlay(.help): return "help overlay"
    case .overlay(.filter): return "filter prompt"
    case .overlay(.dialog): return "registry dialog"
    case .overlay(.history): return "history overlay"
    case .overlay(.audit): return "audit pane"
    case .overlay(.verdict): return "verdict overlay"
    case .overlay(.whatIf): return "what-if proposal"
    case .overlay(.incident): return "incident view"
    case .overlay(.kpi): return "KPI view"
    case .overlay(.ingestError): return "ingest error view"
    case .overlay(.alert): return "alert view"
    case .overlay(.messages): return "messages view"
    case .overlay(.text): return "text view"
    }
  }
}

/// The open overlays, bottom first: the one place that decides which
/// overlay gets a key (the top one, ``top``), which draws over which (in
/// stack order, ``layers``) and what Esc closes (the top one, ``pop()``).
///
/// An overlay opened while another is open goes on top of it and returns to
/// it when closed (a dialog opened from the incident view, a message opened
/// from the messages view), as bubbletea's nested models hand a key to the
/// innermost model. At most one layer of each ``Overlay`` kind is open:
/// opening a kind already open replaces its state where it stands.
public struct OverlayStack: Sendable, Hashable {
  /// The open layers, bottom (opened first) to top.
  public private(set) var layers: [OverlayLayer] = []

  /// An empty stack.
  public init() {}

  /// Rule 1, the screen underneath is out of reach: while any layer is
  /// open, a key goes to the top layer, and the global actions that act on
  /// the panes under the stack (moving the focus, opening the filter
  /// prompt) are refused (``refusal(of:key:)``) rather than changing what the
  /// operator cannot see.
  public static let paneActions: Set<Action> = [.focusNext, .focusPrevious, .beginFilter]

  /// Rule 2, a view opens on top of what is open: the actions that open a
  /// view (audit log, KPIs, messages, last message), by key or by `:`
  /// command, go on top of the stack, the help included, so Esc returns to
  /// what was open (the help is a layer, not a flag cleared when a command runs).
  public static let viewActions: Set<Action> = [.showAudit, .showKPIs, .showMessages, .showLastMessage]

  /// The status-line refusal of `action` pressed as `key` while this stack
  /// is open (rule 1, ``paneActions``), e.g. `/ works on the panes: Esc first`;
  /// `nil` when the action may run.
  public func refusal(of action: Action, key: Key) -> String? {
    guard let top, Self.paneActions.contains(action) else { return nil }
    return "\(key) works on the panes: Esc first (the \(KeyScope.overlay(top.kind).label) is open)"
  }

  /// The top layer (it gets the keys), or `nil` when none is open.
  public var top: OverlayLayer? { layers.last }

  /// Whether no overlay is open.
  public var isEmpty: Bool { layers.isEmpty }

  /// The open layer of `kind`, if any.
  public func layer(_ kind: Overlay) -> OverlayLayer? { layers.last { $0.kind == kind } }

  /// Whether a layer of `kind` is open.
  public func contains(_ kind: Overlay) -> Bool { layers.contains { $0.kind == kind } }

  /// Opens `layer` on top, or, when a layer of its kind is already open,
  /// replaces that one's state where it stands.
  public mutating func open(_ layer: OverlayLayer) {
    if let i = layers.lastIndex(where: { $0.kind == layer.kind }) {
      layers[i] = layer
    } else {
      layers.append(layer)
    }
  }

  /// Closes the layer of `kind` wherever it stands (nothing when none is open).
  public mutating func close(_ kind: Overlay) { layers.removeAll { $0.kind == kind } }

  /// Sets the layer of `kind`: `nil` closes it, a layer opens or replaces it.
  public mutating func set(_ kind: Overlay, _ layer: OverlayLayer?) {
    if let layer { open(layer) } else { close(kind) }
  }

  /// Closes the top layer and returns it (`nil`: none was open).
  @discardableResult
  public mutating func pop() -> OverlayLayer? { layers.popLast() }

  /// Replaces the top layer's state (same kind), e.g. after scrolling it.
  public mutating func replaceTop(_ layer: OverlayLayer) {
    guard let last = layers.indices.last else { return }
    layers[last] = layer
  }
}

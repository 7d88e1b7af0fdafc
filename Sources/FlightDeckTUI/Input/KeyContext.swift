/// What decides which bindings are active: the focused pane and the open overlay.
public struct KeyContext: Sendable, Hashable {
  /// The focused pane.
  public var focus: PaneID
  /// The open overlay, if any.
  public var overlay: Overlay?

  /// Creates a context.
  public init(focus: PaneID, overlay: Overlay? = nil) {
    self.focus = focus
    self.overlay = overlay
  }
}

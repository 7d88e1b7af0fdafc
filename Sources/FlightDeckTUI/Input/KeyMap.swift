/// The dashboard's key bindings as data.
///
/// The help overlay, the footer hints and the `KeyBindings` DocC article are
/// all generated from a key map, so they cannot drift from what the keys do.
/// Conventions follow k9s (`?` help, `/` filter, Esc back, `j`/`k` select,
/// Ctrl-C quit) and bubbletea's key-binding-as-data pattern (`bubbles/key`).
public struct KeyMap: Sendable, Hashable {
  /// The bindings, in help order.
  public var bindings: [KeyBinding]

  /// Creates a key map from `bindings` (help order).
  public init(bindings: [KeyBinding]) { self.bindings = bindings }

  /// The key map with every dangerous binding removed (read-only mode).
  public func withoutDangerous() -> KeyMap {
    KeyMap(bindings: bindings.filter { !$0.isDangerous })
  }

  /// The default map, or the default without dangerous bindings when `readOnly`.
  public static func standard(readOnly: Bool) -> KeyMap {
    readOnly ? KeyMap.default.withoutDangerous() : KeyMap.default
  }

  /// What `key` means in `context`.
  ///
  /// Order: bindings of the open overlay; then, in a text overlay, printable
  /// keys type text; then bindings of the focused pane (only with no overlay);
  /// then global bindings.
  public func resolve(_ key: Key, in context: KeyContext) -> KeyResolution {
    if let overlay = context.overlay {
      if let b = bindings.first(where: { $0.scope == .overlay(overlay) && $0.keys.contains(key) }) {
        return .action(b.action)
      }
      if overlay.takesText, case .char(let c) = key { return .text(c) }
    } else if let b = bindings.first(where: {
      if case .panes = $0.scope { return $0.scope.isActive(in: context) && $0.keys.contains(key) }
      return false
    }) {
      return .action(b.action)
    }
    if let b = bindings.first(where: { $0.scope == .global && $0.keys.contains(key) }) {
      return .action(b.action)
    }
    return .unbound
  }

  /// The bindings active in `context` that have a footer hint, most important
  /// first: the open overlay's own bindings, then by
  /// ``KeyBinding/hintPriority``, then help order.
  ///
  /// Keys that do something else in `context` are left out of the returned
  /// copies: printable keys while a text overlay is open (`q` types a `q`),
  /// and keys the overlay binds itself (Esc closes the overlay). A binding
  /// left with no key is dropped, and under an open view so are the actions
  /// that act on the panes (Tab, `/`: ``OverlayStack/paneActions``).
  public func hints(in context: KeyContext) -> [KeyBinding] {
    let overlayScope = context.overlay.map(KeyScope.overlay)
    let overlayKeys = Set(bindings.filter { overlayScope != nil && $0.scope == overlayScope }.flatMap(\.keys))
    // Keys the focused pane binds itself (a keymap may put approval on `p`):
    // the global meaning of such a key is not what it does here.
    let paneKeys = Set(
      bindings.filter {
        if case .panes = $0.scope { return $0.scope.isActive(in: context) } else { return false }
      }
      .flatMap(\.keys))
    var active: [(offset: Int, binding: KeyBinding)] = []
    for (offset, binding) in bindings.enumerated() {
      guard binding.hintPriority != nil, binding.scope.isActive(in: context) else { continue }
      // Under an open view the keys that act on the panes are refused
      // (``OverlayStack/paneActions``): not offered either.
      if let overlay = context.overlay, overlay != .filter, OverlayStack.paneActions.contains(binding.action)
      {
        continue
      }
      var b = binding
      if binding.scope == .global, !paneKeys.isEmpty { b.keys = b.keys.filter { !paneKeys.contains($0) } }
      if let overlay = context.overlay, binding.scope == .global {
        b.keys = b.keys.filter { key in
          if overlayKeys.contains(key) { return false }
          if overlay.takesText, case .char = key { return false }
          return true
        }
      }
      if !b.keys.isEmpty { active.append((offset, b)) }
    }
    func rank(_ e: (offset: Int, binding: KeyBinding)) -> (Int, Int, Int) {
      let own = context.overlay.map { e.binding.scope == .overlay($0) } ?? false
      return (own ? 0 : 1, e.binding.hintPriority ?? Int.max, e.offset)
    }
    return active.sorted { rank($0) < rank($1) }.map(\.binding)
  }

  /// The hints of ``hints(in:)`` that fit in `width` columns when drawn as
  /// `keys label` items separated by two spaces; most important kept first.
  public func fittedHints(in context: KeyContext, width: Int) -> [KeyBinding] {
    var used = 0
    var result: [KeyBinding] = []
    for hint in hints(in: context) {
      let itemWidth =
        DisplayWidth.of(hint.keyLabel) + 1 + DisplayWidth.of(hint.hint) + (result.isEmpty ? 0 : 2)
      if used + itemWidth > width { break }
      used += itemWidth
      result.append(hint)
    }
    return result
  }
}

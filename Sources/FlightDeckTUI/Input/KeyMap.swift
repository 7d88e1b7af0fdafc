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
  /// first (by ``KeyBinding/hintPriority``, then help order).
  public func hints(in context: KeyContext) -> [KeyBinding] {
    let active = bindings.enumerated().filter { entry in
      guard entry.element.hintPriority != nil, entry.element.scope.isActive(in: context) else {
        return false
      }
      // Printable global keys do nothing while a text overlay is open.
      if let overlay = context.overlay, overlay.takesText, entry.element.scope == .global {
        return entry.element.keys.contains { if case .char = $0 { return false } else { return true } }
      }
      return true
    }
    return active.sorted {
      let a = $0.element.hintPriority ?? Int.max
      let b = $1.element.hintPriority ?? Int.max
      return a != b ? a < b : $0.offset < $1.offset
    }.map(\.element)
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

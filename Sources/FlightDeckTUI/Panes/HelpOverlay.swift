/// The help overlay (`?`): a box listing every binding of the key map,
/// grouped under its scope (`global`, `Registry`, `history overlay`, …).
///
/// Generated from the ``KeyMap`` (keys, help text, scope), so it always
/// matches what the keys do. Dangerous bindings (they change the registry)
/// carry a `!` in the marker column, and the last row says what the marker
/// means (or, in read-only mode, that those keys are removed); below it,
/// when the operator is known, who the dashboard acts as and how the name
/// is vouched for (``HeaderPane/identityDescription(state:)``). The box
/// leaves the header and the two footer rows visible; when it is too short
/// for every line it scrolls (`j`/`k`/PgUp/PgDn, offset
/// ``AppState/helpOffset``) and its borders say how many lines are above
/// and below.
public enum HelpOverlay {
  /// One line of the help: a scope heading or a binding.
  public enum Line: Sendable, Hashable {
    /// A scope heading, e.g. `Registry`.
    case heading(String)
    /// A binding.
    case binding(KeyBinding)
  }

  /// The marker of a dangerous binding.
  public static let dangerMarker = "!"

  /// The legend row: what the marker means, or that read-only mode removed
  /// the dangerous keys.
  public static func legend(readOnly: Bool) -> String {
    readOnly
      ? "read-only: promote, approve, reject, rollback, rollout keys removed"
      : "\(dangerMarker) dangerous: changes the registry (removed by --read-only)"
  }

  /// The rows (keys, help, scope) for `keyMap`, in key-map order.
  public static func rows(_ keyMap: KeyMap) -> [(keys: String, help: String, scope: String)] {
    keyMap.bindings.map { ($0.keyLabel, $0.help, $0.scope.label) }
  }

  /// The lines for `keyMap`: bindings grouped by scope, scopes in order of
  /// first appearance in the key map, bindings in key-map order within one.
  public static func lines(_ keyMap: KeyMap) -> [Line] {
    var order: [String] = []
    var groups: [String: [KeyBinding]] = [:]
    for b in keyMap.bindings {
      let label = b.scope.label
      if groups[label] == nil { order.append(label) }
      groups[label, default: []].append(b)
    }
    return order.flatMap { label in [Line.heading(label)] + (groups[label] ?? []).map(Line.binding) }
  }

  /// Width of the keys column for `keyMap`.
  static func keysWidth(_ keyMap: KeyMap) -> Int {
    max(4, keyMap.bindings.map { DisplayWidth.of($0.keyLabel) }.max() ?? 0)
  }

  /// The box rectangle for `keyMap` on a `width` × `height` screen: as wide
  /// as the longest line, as tall as every line plus the legend and borders
  /// (at most the rows between header and footer), centred with a clear
  /// border, or flush where only a sliver of the panes would show
  /// (``OverlayFrame/centred(width:height:in:)``).
  /// The identity row (``HeaderPane/identityDescription(state:)``) adds a
  /// row below the legend and may widen the box.
  public static func boxRect(
    for keyMap: KeyMap, width: Int, height: Int, readOnly: Bool = false, identity: String? = nil
  ) -> Rect {
    let area = OverlayFrame.large(width: width, height: height)
    let helpW = keyMap.bindings.map { DisplayWidth.of($0.help) }.max() ?? 0
    let headingW = keyMap.bindings.map { DisplayWidth.of($0.scope.label) }.max() ?? 0
    let inner = max(
      1 + 1 + keysWidth(keyMap) + 1 + helpW, headingW + 1, DisplayWidth.of(legend(readOnly: readOnly)) + 1,
      identity.map { DisplayWidth.of($0) + 1 } ?? 0)
    return OverlayFrame.centred(
      width: inner + 4, height: lines(keyMap).count + 3 + (identity == nil ? 0 : 1), in: area)
  }

  /// Lines that fit in the box on a `width` × `height` screen (the legend
  /// and identity rows excluded).
  public static func visibleRows(_ keyMap: KeyMap, width: Int, height: Int, identity: String? = nil) -> Int {
    max(
      1,
      boxRect(for: keyMap, width: width, height: height, identity: identity).height - 3
        - (identity == nil ? 0 : 1))
  }

  /// Draws the overlay over whatever is on `canvas`, scrolled to `offset`.
  /// `identity`: the identity row's text, already sanitised (``HeaderPane/identityDescription(state:)``).
  public static func draw(
    into canvas: inout Canvas, keyMap: KeyMap, readOnly: Bool = false, offset: Int = 0, symbols: Symbols,
    identity: String? = nil
  ) {
    let box = boxRect(
      for: keyMap, width: canvas.width, height: canvas.height, readOnly: readOnly, identity: identity)
    guard box.width >= 4, box.height >= 3 else { return }
    canvas.fill(
      OverlayFrame.clearing(box, in: OverlayFrame.large(width: canvas.width, height: canvas.height)),
      style: CellStyle(.text))
    let inner = canvas.drawBox(box, title: "Help: keys (Esc or ? closes)", focused: true, symbols: symbols)
    guard !inner.isEmpty else { return }
    let lines = lines(keyMap)
    let footRows = identity != nil && inner.height >= 3 ? 2 : 1
    let visible = max(0, inner.height - footRows)
    let start = min(max(0, offset), max(0, lines.count - visible))
    let keysW = keysWidth(keyMap)
    for (n, line) in lines.enumerated().dropFirst(start).prefix(visible) {
      let y = inner.y + n - start
      switch line {
      case .heading(let label):
        canvas.put(
          label, x: inner.x + 1, y: y, maxWidth: inner.width - 1, style: CellStyle(.title, bold: true))
      case .binding(let b):
        if b.isDangerous {
          canvas.put(dangerMarker, x: inner.x + 1, y: y, maxWidth: 1, style: CellStyle(.warn, bold: true))
        }
        let keysX = inner.x + 3
        canvas.put(
          b.keyLabel, x: keysX, y: y, maxWidth: min(keysW, inner.maxX - keysX),
          style: CellStyle(.footerKey, bold: true))
        let helpX = keysX + keysW + 1
        canvas.put(b.help, x: helpX, y: y, maxWidth: max(0, inner.maxX - helpX), style: CellStyle(.text))
      }
    }
    if inner.height >= 2 {
      canvas.put(
        legend(readOnly: readOnly), x: inner.x + 1, y: inner.maxY - footRows, maxWidth: inner.width - 1,
        style: CellStyle(.dim))
    }
    if let identity, footRows == 2 {
      canvas.put(
        sanitized: identity, x: inner.x + 1, y: inner.maxY - 1, maxWidth: inner.width - 1,
        style: CellStyle(.dim))
    }
    PaneTable.drawMoreIndicator(lines.count - start - visible, box: box, in: &canvas)
    PaneTable.drawAboveIndicator(start, box: box, in: &canvas)
  }
}

/// The two-row footer: key hints from the key map, then the status line.
///
/// Hints are ``KeyMap/fittedHints(in:width:)`` for the current context, so
/// they follow the focused pane and the open overlay and never overflow.
/// The status line shows, by priority: the filter prompt while typing
/// (`/text▏`), the status message (styled by its ``StatusLevel``: registry
/// outcomes in ok, refusals in warn, failures in critical), the applied
/// filter, the paused notice.
public enum FooterPane {
  /// The status line text for `state` in `width` columns, already
  /// sanitised (the filter, a drill-down name and messages may hold
  /// untrusted text; drawn through `put(sanitized:)`).
  ///
  /// While the filter is edited the end being typed stays visible: when
  /// `filter: /text▏  (Enter apply, Esc clear)` is too wide the hint goes,
  /// and when `filter: /text▏` still is, the start of the text is cut
  /// instead (`filter: /…end of text▏`), as a shell line scrolls left.
  public static func statusText(_ state: AppState, width: Int = .max) -> String {
    if state.isEditingFilter && state.overlay == .filter {
      return filterPrompt(Sanitizer.sanitize(state.filter), width: width)
    }
    if let message = state.statusMessage {
      return endingWithReadAll(Sanitizer.sanitize(message), width: width)
    }
    if let drill = state.drillDown { return "detail: " + Sanitizer.sanitize(drill) + "  (Esc back)" }
    if !state.filter.isEmpty { return "filter: " + Sanitizer.sanitize(state.filter) + "  (Esc clears)" }
    if state.isPaused { return "PAUSED: new data is held until you resume (p)" }
    return ""
  }

  /// The filter prompt for (already sanitised) `text` in `width` columns.
  static func filterPrompt(_ text: String, width: Int) -> String {
    let prefix = "filter: /"
    let full = prefix + text + "▏  (Enter apply, Esc clear)"
    if DisplayWidth.of(full) <= width { return full }
    let bare = prefix + text + "▏"
    if DisplayWidth.of(bare) <= width { return bare }
    // Keep the tail: the columns left after the prefix, the ellipsis and the cursor.
    let room = width - DisplayWidth.of(prefix) - 2
    guard room > 0 else { return String(("…" + text + "▏").suffix(max(0, width))) }
    var tail = ""
    var used = 0
    for c in text.reversed() {
      let w = DisplayWidth.of(c)
      if used + w > room { break }
      tail.insert(c, at: tail.startIndex)
      used += w
    }
    return prefix + "…" + tail + "▏"
  }

  /// What marks a status message cut short: the messages view has it whole.
  static let readAll = "… (M: read all)"

  /// `text` (sanitised) as it fits in `width` columns: whole when it fits,
  /// else cut at a character boundary and ended with ``readAll`` (or plainly
  /// clipped when even that does not fit).
  static func endingWithReadAll(_ text: String, width: Int) -> String {
    guard DisplayWidth.of(text) > width else { return text }
    let room = width - DisplayWidth.of(readAll)
    guard room > 0 else { return text }
    var head = TextClip.prefix(text, maxWidth: room)
    while head.last == " " { head.removeLast() }
    return head + readAll
  }

  /// What the footer's two rows say when a refusal or failure (a warn or
  /// critical status) does not fit in one row: the message word-wrapped
  /// over both rows (the key hints give way while it is shown), its second
  /// row ending `… (M: read all)` when even two rows are too few. `nil`
  /// when the message fits one row, is neutral or an outcome (those keep
  /// one row, cut with `… (M: read all)`), or while the filter is edited.
  /// Texts are sanitised.
  public static func wrappedStatus(_ state: AppState, width: Int) -> (String, String)? {
    guard width > 0, !(state.isEditingFilter && state.overlay == .filter), let message = state.statusMessage,
      state.statusLevel == .warn || state.statusLevel == .critical
    else { return nil }
    let text = Sanitizer.sanitize(message)
    guard DisplayWidth.of(text) > width else { return nil }
    let lines = WordWrap.lines(text, width: width, breakingLongWords: true)
    guard lines.count > 1 else { return nil }
    if lines.count == 2 { return (lines[0], lines[1]) }
    return (lines[0], endingWithReadAll(lines.dropFirst().joined(separator: " "), width: width))
  }

  /// Draws the hints into row `rect.y` and the status into `rect.y + 1`;
  /// a status message too long for one row takes both rows
  /// (``wrappedStatus(_:width:)``).
  public static func draw(into canvas: inout Canvas, rect: Rect, state: AppState) {
    guard !rect.isEmpty else { return }
    if rect.height >= 2, let (first, second) = wrappedStatus(state, width: rect.width) {
      let style =
        state.statusLevel != .info ? CellStyle(state.statusLevel.role, bold: true) : CellStyle(.text)
      canvas.put(sanitized: first, x: rect.x, y: rect.y, maxWidth: rect.width, style: style)
      canvas.put(sanitized: second, x: rect.x, y: rect.y + 1, maxWidth: rect.width, style: style)
      return
    }
    var x = rect.x
    for (i, hint) in state.keyMap.fittedHints(in: state.keyContext, width: rect.width).enumerated() {
      if i > 0 { x += 2 }
      x += canvas.put(
        hint.keyLabel, x: x, y: rect.y, maxWidth: rect.maxX - x, style: CellStyle(.footerKey, bold: true))
      x += 1
      x += canvas.put(hint.hint, x: x, y: rect.y, maxWidth: rect.maxX - x, style: CellStyle(.dim))
    }
    guard rect.height >= 2 else { return }
    let status = statusText(state, width: rect.width)
    let style: CellStyle
    if state.isEditingFilter {
      style = CellStyle(.title, bold: true)
    } else if state.statusMessage != nil, state.statusLevel != .info {
      style = CellStyle(state.statusLevel.role, bold: true)
    } else {
      style = CellStyle(.text)
    }
    canvas.put(sanitized: status, x: rect.x, y: rect.y + 1, maxWidth: rect.width, style: style)
  }
}

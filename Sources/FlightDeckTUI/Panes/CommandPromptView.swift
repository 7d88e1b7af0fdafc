/// The `:` command prompt, drawn over the footer while it is open (k9s
/// draws its prompt in the same place): the first row lists what Tab would
/// complete to (or the prompt's keys when nothing matches), the second is
/// `:` and the line being typed, its end kept in view as a shell line
/// scrolls left.
public enum CommandPromptView {
  /// The keys of the prompt, shown when no command matches.
  static let keysHint = "Enter run  Esc cancel  Tab complete  ↑/↓ history"

  /// The first row's text for `state` (sanitised): what Tab would
  /// complete to, or the candidates Tab is cycling through.
  public static func candidatesText(_ state: AppState, width: Int) -> String {
    // While Tab cycles, the whole cycle stays listed (the text is one of them).
    let candidates =
      state.commandMode.cycle?.candidates
      ?? CommandModeUpdate.completions(for: state.commandMode.text, state: state).candidates
    guard !candidates.isEmpty else { return keysHint }
    var line = "Tab:"
    for c in candidates {
      let item = " " + Sanitizer.sanitize(c)
      if DisplayWidth.of(line + item) > width - 2 {
        line += " …"
        break
      }
      line += item
    }
    return line
  }

  /// The prompt row's text in `width` columns (sanitised).
  public static func promptText(_ state: AppState, width: Int) -> String {
    let text = Sanitizer.sanitize(state.commandMode.text)
    let full = ":" + text + "▏"
    if DisplayWidth.of(full) <= width { return full }
    let room = max(0, width - 3)
    var tail = ""
    var used = 0
    for c in text.reversed() {
      let w = DisplayWidth.of(c)
      if used + w > room { break }
      tail.insert(c, at: tail.startIndex)
      used += w
    }
    return ":…" + tail + "▏"
  }

  /// Draws the prompt over the footer `rect` (two rows).
  public static func draw(into canvas: inout Canvas, rect: Rect, state: AppState) {
    guard rect.height >= 2, rect.width > 0 else { return }
    canvas.fill(rect, style: CellStyle(.text))
    canvas.put(
      sanitized: candidatesText(state, width: rect.width), x: rect.x, y: rect.y, maxWidth: rect.width,
      style: CellStyle(.dim))
    canvas.put(
      sanitized: promptText(state, width: rect.width), x: rect.x, y: rect.y + 1, maxWidth: rect.width,
      style: CellStyle(.title, bold: true))
  }
}

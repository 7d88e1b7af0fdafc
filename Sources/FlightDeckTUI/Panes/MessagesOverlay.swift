import FlightDeckCore

/// The messages view (`M`): every status-line message of this session
/// (``AppState/statusLog``), newest first, each with the time it was given
/// and its level, word-wrapped to the box so a long refusal — a database's
/// permission error, a four-eyes explanation with the next approver's
/// command — is read whole rather than as the 80 columns the status line has.
/// ↑/↓ move a cursor from message to message (its header in reverse
/// video), PgUp/PgDn scroll by page; Enter opens the message under the
/// cursor on its own (``TextView``).
public enum MessagesOverlay {
  /// The view's lines for `log` in a box whose inside is `width` columns:
  /// per message (newest first) a header line `HH:MM:SS  refused` (`at
  /// start  info` for one given before the dashboard knew the time) and the
  /// text wrapped below it (long words cut, nothing lost), then a blank
  /// line. Texts are sanitised here (drawn with `put(sanitized:)`).
  public static func lines(_ log: [StatusLogEntry], width: Int) -> [(String, CellStyle)] {
    guard width > 2 else { return [] }
    if log.isEmpty { return [("no messages yet", CellStyle(.dim))] }
    var out: [(String, CellStyle)] = []
    for entry in log.reversed() {
      let when = entry.at.map { PaneFormat.clock($0) } ?? "at start"
      out.append(("\(when)  \(label(entry.level))", CellStyle(.dim)))
      let style = entry.level == .info ? CellStyle(.text) : CellStyle(entry.level.role, bold: true)
      for line in WordWrap.lines(Sanitizer.sanitize(entry.text), width: width - 2, breakingLongWords: true) {
        out.append(("  " + line, style))
      }
      out.append(("", CellStyle(.text)))
    }
    out.removeLast()
    return out
  }

  /// Which lines of ``lines(_:width:)`` each message takes (header and
  /// text, not the blank line after it), newest first.
  public static func spans(_ log: [StatusLogEntry], width: Int) -> [Range<Int>] {
    guard width > 2 else { return [] }
    var out: [Range<Int>] = []
    var start = 0
    for entry in log.reversed() {
      let count =
        1 + WordWrap.lines(Sanitizer.sanitize(entry.text), width: width - 2, breakingLongWords: true).count
      out.append(start..<(start + count))
      start += count + 1
    }
    return out
  }

  /// Which message (0: the newest) line `line` of ``lines(_:width:)``
  /// belongs to (a blank line between two: the one above it); `nil` when
  /// `log` is empty.
  public static func message(atLine line: Int, log: [StatusLogEntry], width: Int) -> Int? {
    let spans = spans(log, width: width)
    guard !spans.isEmpty else { return nil }
    return spans.lastIndex { $0.lowerBound <= line } ?? 0
  }

  /// The word a level is shown as (the text says which without colour).
  static func label(_ level: StatusLevel) -> String {
    switch level {
    case .info: return "info"
    case .ok: return "done"
    case .warn: return "refused"
    case .critical: return "failed"
    }
  }

  /// The inside width of the view's box on a `width` × `height` screen.
  public static func innerWidth(width: Int, height: Int) -> Int {
    max(0, OverlayFrame.large(width: width, height: height).width - 3)
  }

  /// Message lines that fit in a `width` × `height` screen.
  public static func visibleRows(width: Int, height: Int) -> Int {
    max(1, OverlayFrame.large(width: width, height: height).height - 2)
  }

  /// The message (0: the newest) drawn at screen row `y` on a `width` ×
  /// `height` screen, following ``draw(into:log:view:symbols:)``; `nil` on
  /// the border or below the last line. For a click (``MouseUpdate``).
  public static func message(
    atY y: Int, log: [StatusLogEntry], view: MessagesOverlayState, width: Int, height: Int
  ) -> Int? {
    let box = OverlayFrame.large(width: width, height: height)
    guard box.width >= 10, box.height >= 4 else { return nil }
    let inner = box.inset(by: 1)
    guard y >= inner.y, y < inner.maxY else { return nil }
    let count = lines(log, width: inner.width - 1).count
    let line = min(view.offset, max(0, count - inner.height)) + (y - inner.y)
    guard line < count else { return nil }
    return message(atLine: line, log: log, width: inner.width - 1)
  }

  /// Draws the view over the screen.
  public static func draw(
    into canvas: inout Canvas, log: [StatusLogEntry], view: MessagesOverlayState, symbols: Symbols
  ) {
    let box = OverlayFrame.large(width: canvas.width, height: canvas.height)
    guard box.width >= 10, box.height >= 4 else { return }
    canvas.fill(box, style: CellStyle(.text))
    let inner = canvas.drawBox(
      box, title: "Messages, newest first (Esc closes)", focused: true, symbols: symbols)
    guard !inner.isEmpty else { return }
    let all = lines(log, width: inner.width - 1)
    let offset = min(view.offset, max(0, all.count - inner.height))
    // The message under the cursor (Enter opens it) has its header in reverse.
    let spans = spans(log, width: inner.width - 1)
    let headerLine = spans.indices.contains(view.cursor) ? spans[view.cursor].lowerBound : nil
    for (n, (text, style)) in all.enumerated().dropFirst(offset).prefix(inner.height) {
      var look = style
      if n == headerLine { look.reverse = true }
      canvas.put(
        sanitized: text, x: inner.x + 1, y: inner.y + n - offset, maxWidth: inner.width - 1, style: look)
    }
    PaneTable.drawMoreIndicator(all.count - offset - inner.height, box: box, in: &canvas)
    PaneTable.drawAboveIndicator(offset, box: box, in: &canvas)
  }
}

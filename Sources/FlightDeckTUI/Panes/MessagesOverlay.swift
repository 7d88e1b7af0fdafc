import FlightDeckCore

/// The messages view (`M`): every status-line message of this session
/// (``AppState/statusLog``), newest first, each with the time it was given
/// and its level, word-wrapped to the box so a long refusal — a database's
/// permission error, a four-eyes explanation with the next approver's
/// command — is read whole rather than as the 80 columns the status line has.
/// Enter opens the message at the top of the view (its header in reverse
/// video) on its own (``TextView``).
public enum MessagesOverlay {
  /// The view's lines for `log` in a box whose inside is `width` columns:
  /// per message (newest first) a header line `HH:MM:SS  refused` and the
  /// text wrapped below it (long words cut, nothing lost), then a blank
  /// line. Texts are sanitised here (drawn with `put(sanitized:)`).
  public static func lines(_ log: [StatusLogEntry], width: Int) -> [(String, CellStyle)] {
    guard width > 2 else { return [] }
    if log.isEmpty { return [("no messages yet", CellStyle(.dim))] }
    var out: [(String, CellStyle)] = []
    for entry in log.reversed() {
      let when = entry.at.map { PaneFormat.clock($0) } ?? "--:--:--"
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

  /// Which message (0: the newest) line `line` of ``lines(_:width:)``
  /// belongs to (a blank line between two: the one above it); `nil` when
  /// `log` is empty. Enter opens it whole; its header is drawn in reverse.
  public static func message(atLine line: Int, log: [StatusLogEntry], width: Int) -> Int? {
    guard width > 2, !log.isEmpty else { return nil }
    var start = 0
    for (n, entry) in log.reversed().enumerated() {
      let count =
        1 + WordWrap.lines(Sanitizer.sanitize(entry.text), width: width - 2, breakingLongWords: true).count
      if line < start + count + 1 || n == log.count - 1 { return n }
      start += count + 1
    }
    return nil
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
    // The message Enter opens (the one at the top) has its header in reverse.
    let current = message(atLine: offset, log: log, width: inner.width - 1)
    var header = -1
    var headerLine: Int?
    for (n, (text, style)) in all.enumerated() {
      if n > 0 && all[n - 1].0.isEmpty || n == 0, !text.isEmpty { header += 1 }
      if header == current, headerLine == nil { headerLine = n }
      guard n >= offset, n < offset + inner.height else { continue }
      var look = style
      if n == headerLine { look.reverse = true }
      canvas.put(
        sanitized: text, x: inner.x + 1, y: inner.y + n - offset, maxWidth: inner.width - 1, style: look)
    }
    PaneTable.drawMoreIndicator(all.count - offset - inner.height, box: box, in: &canvas)
    PaneTable.drawAboveIndicator(offset, box: box, in: &canvas)
  }
}

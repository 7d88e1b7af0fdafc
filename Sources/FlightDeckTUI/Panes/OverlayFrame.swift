/// Placement shared by the overlays, drawn flush so that no pane shows
/// through a sliver around them:
///
/// - The views (history, audit, KPIs, incident, verdict, messages, alert,
///   ingest error, a text read whole) take the whole body, every column and
///   every row between the header and the two footer rows, as k9s's views
///   replace the table (``large(width:height:)``).
/// - Dialogs and the help are centred boxes (lazygit's popups) with a clear
///   border: a blank ring of ``clearance`` cells around the box, and when
///   less than ``minimumMargin`` columns (``minimumRowMargin`` rows) of the
///   panes would show beside it, the box takes that whole dimension instead
///   (``centred(width:height:in:)``). They are centred in the body, so the
///   header, their key hints and the status line stay visible.
public enum OverlayFrame {
  /// Blank cells kept around a centred box, so the panes never touch its border.
  public static let clearance = 1
  /// Fewest columns of panes worth showing beside a centred box: a
  /// narrower strip is half a pane, so the box takes the whole width instead.
  public static let minimumMargin = 6
  /// Fewest rows of panes worth showing above and below a centred box (a
  /// row of panes is whole across the screen, so one is enough).
  public static let minimumRowMargin = 1

  /// A `width` × `height` box centred in `area`; flush with `area`'s edges in a
  /// dimension where fewer than ``minimumMargin`` columns (``minimumRowMargin``
  /// rows) would show on each side beyond the clear ring (never negative).
  public static func centred(width: Int, height: Int, in area: Rect) -> Rect {
    func fit(_ wanted: Int, _ room: Int, margin: Int) -> Int {
      let size = max(0, min(wanted, room))
      return (room - size) / 2 < margin + clearance ? room : size
    }
    let w = fit(width, area.width, margin: minimumMargin)
    let h = fit(height, area.height, margin: minimumRowMargin)
    return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
  }

  /// `box` grown by ``clearance`` on each side within `area`: what a centred
  /// overlay blanks before it draws, so its border stands clear of the panes.
  public static func clearing(_ box: Rect, in area: Rect) -> Rect {
    let x = max(area.x, box.x - clearance)
    let y = max(area.y, box.y - clearance)
    let maxX = min(area.maxX, box.maxX + clearance)
    let maxY = min(area.maxY, box.maxY + clearance)
    return Rect(x: x, y: y, width: max(0, maxX - x), height: max(0, maxY - y))
  }

  /// The box of the views on a `width` × `height` screen: every column,
  /// and every row between the header row and the two footer rows, so the
  /// header, the view's key hints and the status line stay visible.
  public static func large(width: Int, height: Int) -> Rect {
    Rect(x: 0, y: 1, width: max(0, width), height: max(0, height - 3))
  }

  /// The end of `text` that fits `width` columns, with `…` in front when cut
  /// (a field being typed scrolls left as a shell line does).
  public static func tail(_ text: String, width: Int) -> String {
    guard width > 0 else { return "" }
    if DisplayWidth.of(text) <= width { return text }
    var out = ""
    var used = 1
    for c in text.reversed() {
      let w = DisplayWidth.of(c)
      if used + w > width { break }
      out.insert(c, at: out.startIndex)
      used += w
    }
    return "…" + out
  }
}

/// Placement shared by the centred overlays (dialogs, history, audit).
public enum OverlayFrame {
  /// A `width` × `height` box centred in `area`, shrunk to leave a one-cell
  /// margin (never negative).
  public static func centred(width: Int, height: Int, in area: Rect) -> Rect {
    let w = max(0, min(width, area.width - 2))
    let h = max(0, min(height, area.height - 2))
    return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
  }

  /// The box of the large overlays (history, audit) on a `width` × `height`
  /// screen: at most 160 columns wide (two columns of margin each side), and
  /// every row between the header row and the two footer rows, so the
  /// header, the overlay's key hints and the status line stay visible.
  public static func large(width: Int, height: Int) -> Rect {
    let w = max(0, min(160, width - 4))
    return Rect(x: max(0, (width - w) / 2), y: 1, width: w, height: max(0, height - 3))
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

/// Clipping and padding of text by display width (never by `count`).
///
/// Widths come from ``DisplayWidth``. A wide glyph is never split: when only
/// one column is left for a two-column glyph, a space takes its place so the
/// result still fills the width it was given.
public enum TextClip {
  /// Horizontal alignment of text inside a fixed width.
  public enum Alignment: Sendable, Hashable {
    /// Text starts at the left edge; padding goes to the right.
    case left
    /// Text ends at the right edge; padding goes to the left.
    case right
  }

  /// Clips `text` to at most `maxWidth` columns, ending with `ellipsis` when
  /// anything was cut.
  ///
  /// `text` is measured as is; sanitise untrusted text first
  /// (``Sanitizer/sanitize(_:)``) or use ``Canvas/put(_:x:y:maxWidth:style:ellipsis:)``.
  /// - Parameters:
  ///   - text: the text to clip.
  ///   - maxWidth: the room in columns; ≤ 0 gives `""`.
  ///   - ellipsis: the marker for cut text (`…`, or `~` in ASCII mode); must
  ///     be one column wide.
  /// - Returns: `text` unchanged when it fits; otherwise a prefix, a space
  ///   where a wide glyph would straddle the cut, and `ellipsis`, exactly
  ///   `maxWidth` columns wide.
  public static func clip(_ text: String, maxWidth: Int, ellipsis: Character = "…") -> String {
    guard maxWidth > 0 else { return "" }
    if DisplayWidth.of(text) <= maxWidth { return text }
    let room = maxWidth - 1
    var out = prefix(text, maxWidth: room)
    let used = DisplayWidth.of(out)
    if used < room { out += String(repeating: " ", count: room - used) }
    out.append(ellipsis)
    return out
  }

  /// The longest prefix of `text` that fits in `maxWidth` columns, whole
  /// grapheme clusters only (a wide glyph that would straddle the edge is
  /// left out, never split).
  /// - Returns: `""` when `maxWidth` ≤ 0 or the first cluster is wider.
  public static func prefix(_ text: String, maxWidth: Int) -> String {
    var out = ""
    var used = 0
    for c in text {
      let w = DisplayWidth.of(c)
      if used + w > maxWidth { break }
      out.append(c)
      used += w
    }
    return out
  }

  /// Clips `text` to `width` columns (see ``clip(_:maxWidth:ellipsis:)``)
  /// and pads it with spaces to exactly `width` columns.
  ///
  /// - Returns: a string of display width `max(0, width)`.
  public static func fit(
    _ text: String, width: Int, alignment: Alignment = .left, ellipsis: Character = "…"
  ) -> String {
    guard width > 0 else { return "" }
    let clipped = clip(text, maxWidth: width, ellipsis: ellipsis)
    let pad = String(repeating: " ", count: max(0, width - DisplayWidth.of(clipped)))
    return alignment == .left ? clipped + pad : pad + clipped
  }
}

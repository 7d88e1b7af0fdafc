/// The wide characters to put in one `cchar_t`, decided from a cell's
/// grapheme and width. Pure; the width function is injected (the backend
/// passes the C library's `wcwidth`, which is what ncurses itself uses).
///
/// ncurses takes a cell's width from the *first* wide character of a
/// `cchar_t` and stores at most `CCHARW_MAX` (5) of them. glibc disagrees
/// with terminals on emoji sequences (❤️ = U+2764 U+FE0F counts 1, terminals
/// draw 2), so when the canvas width and the first scalar's width disagree
/// the plan picks something both agree on:
/// - first scalar as wide as the cell → the first scalar plus the
///   zero-width scalars that follow it (combining marks, variation
///   selectors), at most `maxScalars`; everything from the first ZWJ or the
///   first non-zero-width follower (skin-tone modifier, second flag letter)
///   on is dropped. Terminals disagree on ZWJ sequences (tmux drew 👩‍💻 as
///   4 columns where ncurses counted 2, shifting the rest of the row), so
///   👩‍💻 is drawn as 👩 and 👍🏽 as 👍: less exact, but the row stays aligned;
/// - cell 2 wide, first scalar 1 wide (VS16 emoji, flags) → the first
///   scalar alone plus one blank column (`padColumns == 1`);
/// - cell 1 wide, first scalar 2 wide → `?`;
/// - first scalar unprintable or combining (`width < 1`, e.g. any non-ASCII
///   in a non-UTF-8 locale) → `?`, padded to the cell width;
/// - any control scalar (C0, DEL, C1) → `?`, padded: cells are sanitised
///   upstream, this is a last defence against escape injection;
/// - empty grapheme → a space.
public struct GlyphPlan: Sendable, Hashable {
  /// Unicode scalar values for `setcchar` (1…`maxScalars` of them).
  public var scalars: [UInt32]
  /// Blank columns to write after the glyph so the cell width is kept.
  public var padColumns: Int

  /// Creates a plan.
  public init(scalars: [UInt32], padColumns: Int = 0) {
    self.scalars = scalars
    self.padColumns = padColumns
  }

  /// The plan for `grapheme` drawn in a cell `cellWidth` (1 or 2) columns wide.
  /// - Parameters:
  ///   - maxScalars: `CCHARW_MAX` of the linked ncurses (5).
  ///   - width: display width of one scalar as ncurses will compute it.
  public static func make(
    grapheme: String, cellWidth: Int, maxScalars: Int = 5, width: (UInt32) -> Int
  ) -> GlyphPlan {
    let question: UInt32 = 0x3F
    let pad = max(0, cellWidth - 1)
    let all = grapheme.unicodeScalars.map(\.value)
    guard let first = all.first else { return GlyphPlan(scalars: [0x20], padColumns: pad) }
    if all.contains(where: isControl) { return GlyphPlan(scalars: [question], padColumns: pad) }
    let firstWidth = width(first)
    if firstWidth < 1 { return GlyphPlan(scalars: [question], padColumns: pad) }
    if firstWidth == cellWidth {
      var kept = [first]
      for scalar in all.dropFirst() {
        guard kept.count < max(1, maxScalars), scalar != 0x200D, width(scalar) == 0 else { break }
        kept.append(scalar)
      }
      return GlyphPlan(scalars: kept)
    }
    if cellWidth == 2 && firstWidth == 1 { return GlyphPlan(scalars: [first], padColumns: 1) }
    return GlyphPlan(scalars: [question], padColumns: pad)
  }

  private static func isControl(_ v: UInt32) -> Bool {
    v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
  }
}

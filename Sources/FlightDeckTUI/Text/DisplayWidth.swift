/// Terminal display width of grapheme clusters and strings, in columns.
///
/// Independent of the C locale (libc `wcwidth` returns -1 for all non-ASCII
/// under `LC_ALL=C` and miscounts emoji sequences). Rules per grapheme
/// cluster, in order (after UAX #11 East Asian Width and UTS #51 emoji
/// presentation, as terminals such as kitty, WezTerm and iTerm2 draw them):
///
/// 1. A cluster made only of zero-width scalars (general categories Mn, Me,
///    Cf such as ZWJ/ZWNJ, Hangul medial/final jamo U+1160–U+11FF,
///    variation selectors) is 0 columns; a control scalar alone is 0.
/// 2. A cluster containing VS16 (U+FE0F), or a ZWJ (U+200D) together with
///    an emoji, or a regional-indicator pair (a flag) is 2; a lone regional
///    indicator is 1 (East Asian Width N, as `wcwidth` and most terminals).
/// 3. Otherwise the first non-zero-width scalar decides: East Asian Wide or
///    Fullwidth (``DisplayWidth/wideRanges``, from Unicode's
///    `EastAsianWidth.txt`) or `Emoji_Presentation` = 2, else 1. A VS15
///    (U+FE0E) forces text presentation, i.e. width 1 for emoji that are
///    not East Asian Wide by themselves.
public enum DisplayWidth {
  /// Display width of one grapheme cluster: 0, 1 or 2 columns.
  public static func of(_ c: Character) -> Int {
    let scalars = c.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if scalars.count == 1 { return width(of: first) }
    var hasVS16 = false
    var hasVS15 = false
    var hasZWJ = false
    var hasEmoji = false
    var regionalIndicators = 0
    var base: Unicode.Scalar?
    for s in scalars {
      switch s.value {
      case 0xFE0F: hasVS16 = true
      case 0xFE0E: hasVS15 = true
      case 0x200D: hasZWJ = true
      case 0x1F1E6...0x1F1FF: regionalIndicators += 1
      default: break
      }
      if s.properties.isEmoji && s.value > 0xFF { hasEmoji = true }
      if base == nil, !isZeroWidth(s) { base = s }
    }
    guard let base else { return 0 }
    if regionalIndicators >= 2 { return 2 }
    if hasVS16 || (hasZWJ && hasEmoji) { return 2 }
    if hasVS15 { return isWide(base) ? 2 : 1 }
    return width(of: base)
  }

  /// Display width of a string: the sum over its grapheme clusters.
  public static func of(_ s: String) -> Int {
    // Printable ASCII (most names): one column per byte, no grapheme walk.
    if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s.utf8.count }
    var total = 0
    for c in s { total += of(c) }
    return total
  }

  /// Display width of a lone scalar: 0 (zero-width or control), 1 or 2.
  public static func width(of scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }
    if v < 0x7F { return 1 }
    if isZeroWidth(scalar) { return 0 }
    if (0x1F1E6...0x1F1FF).contains(v) { return 1 }  // lone regional indicator: EAW N
    if isWide(scalar) { return 2 }
    if scalar.properties.isEmojiPresentation { return 2 }
    return 1
  }

  /// Whether `scalar` takes no column of its own: general category Mn, Me or
  /// Cf (ZWJ, ZWNJ, bidi marks, soft hyphen excluded — U+00AD shows as 1 in
  /// most terminals), Hangul medial/final jamo, or a variation selector.
  public static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v == 0x00AD { return false }
    if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }
    if (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) { return true }
    if v == 0x200B { return true }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return true
    default: return false
    }
  }

  /// Whether `scalar` is East Asian Wide (W) or Fullwidth (F).
  public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x1100 { return false }
    var lo = 0
    var hi = wideRanges.count - 1
    while lo <= hi {
      let mid = (lo + hi) / 2
      let r = wideRanges[mid]
      if v < r.lowerBound {
        hi = mid - 1
      } else if v > r.upperBound {
        lo = mid + 1
      } else {
        return true
      }
    }
    return false
  }
}

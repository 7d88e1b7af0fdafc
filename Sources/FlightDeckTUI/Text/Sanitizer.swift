/// Makes untrusted text (model names, prompts, error messages from
/// telemetry) safe to show on a terminal.
///
/// Every scalar that could move the cursor, change modes, set the window
/// title, write the clipboard or reorder text is replaced by a visible escape:
///
/// - C0 controls U+0000–U+001F (including `\n`, `\t`, `\r`, ESC), DEL U+007F
///   and C1 controls U+0080–U+009F become `\xHH` with two upper-case hex
///   digits: ESC → `\x1B`, newline → `\x0A`, DEL → `\x7F`, CSI (U+009B) → `\x9B`.
/// - Bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
///   U+2066–U+2069) and the line/paragraph separators U+2028/U+2029 become
///   `\u{HHHH}`, e.g. RLO → `\u{202E}` ("Trojan Source", CVE-2021-42574).
///
/// Everything else, including U+FFFD and combining marks (even at the start
/// of the string), is kept as is. The convention follows Python's
/// `ascii()`/`repr()` escapes; the set of dangerous scalars follows ECMA-48
/// (C0/C1) and Unicode UAX #9 (bidi controls).
public enum Sanitizer {
  /// Returns `s` with every control, C1 and bidi scalar escaped visibly.
  ///
  /// - Parameter s: untrusted text.
  /// - Returns: text containing no C0, DEL, C1 or bidi control scalars.
  ///   Clean input is returned unchanged.
  public static func sanitize(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: needsEscape) else { return s }
    var out = String.UnicodeScalarView()
    for scalar in s.unicodeScalars {
      if needsEscape(scalar) {
        out.append(contentsOf: escape(scalar).unicodeScalars)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// Whether `scalar` must be escaped before it reaches a terminal.
  ///
  /// - Returns: `true` for C0 (U+0000–U+001F), DEL, C1 (U+0080–U+009F),
  ///   bidi controls, U+2028/U+2029, and the invisible characters that let
  ///   two different names look identical: zero width space U+200B, word
  ///   joiner U+2060, invisible operators U+2061–U+2064, zero width no-break
  ///   space U+FEFF, soft hyphen U+00AD (inside C1's neighbourhood, escaped
  ///   as `\xAD`) and Mongolian vowel separator U+180E. ZWJ and ZWNJ
  ///   (U+200C/U+200D) are kept: emoji sequences and several scripts need
  ///   them.
  public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0xAD: return true
    case 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: return true
    case 0x200B, 0x2060...0x2064, 0xFEFF, 0x180E: return true
    default: return false
    }
  }

  /// The visible escape for one scalar: `\xHH` for U+0000–U+00FF,
  /// `\u{HHHH}` above.
  public static func escape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    if scalar.value <= 0xFF {
      return "\\x" + (hex.count < 2 ? "0" + hex : hex)
    }
    return "\\u{" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "}"
  }
}

/// Makes untrusted text (model names, prompts, alert labels, error messages
/// from telemetry, arguments) safe to show on a terminal: the one
/// implementation behind the dashboard's ``sanitize(_:)``, the command
/// line's tables and messages, and the CSV, TSV and JSON exports.
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
/// - Invisible look-alike makers (``needsEscape(_:)``) likewise.
///
/// Everything else, including U+FFFD and combining marks (even at the start
/// of the string), is kept as is. The convention follows Python's
/// `ascii()`/`repr()` escapes; the set of dangerous scalars follows ECMA-48
/// (C0/C1) and Unicode UAX #9 (bidi controls).
///
/// ``sanitize(_:)`` is for display: it doubles a backslash only where the
/// backslash could be read as an escape, so ordinary text with a backslash
/// reads as typed while no two inputs show alike. ``escapeReversibly(_:)``
/// doubles every backslash, so ``unescape(_:)`` gives the input back byte
/// for byte (the CSV and TSV exports).
public enum TerminalText {
  /// Returns `s` with every control, C1, bidi and invisible scalar escaped
  /// visibly, and with backslashes doubled where they could be read as the
  /// start of an escape, so that the display can be told apart from what it
  /// escapes.
  ///
  /// A run of backslashes is doubled when the scalar after it is `x` or `u`
  /// or is itself escaped; any other run (`C:\Users`, `\d+`, `(a)\\1`) is
  /// shown as is. So a real ESC shows as `\x1B` while the typed text `\x1B`
  /// (backslash, x, 1, B) shows as `\\x1B`, and the display is still
  /// decodable: a run of backslashes before `x` or `u` stands for half as
  /// many when even, and for half of one fewer followed by an escape when
  /// odd; any other run stands for itself (issue 11, finding F11: two
  /// different names must never look the same; checked exhaustively in the
  /// tests).
  ///
  /// - Parameter s: untrusted text.
  /// - Returns: text containing no scalar that ``escapedInDisplay(_:after:)``
  ///   escapes. Input without such a scalar and without a backslash is
  ///   returned unchanged.
  public static func sanitize(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { $0 == "\\" || needsEscape($0) }) else { return s }
    let scalars = Array(s.unicodeScalars)
    var out = String.UnicodeScalarView()
    var previous: Unicode.Scalar?
    var i = 0
    while i < scalars.count {
      let scalar = scalars[i]
      if scalar == "\\" {
        var end = i
        while end < scalars.count && scalars[end] == "\\" { end += 1 }
        let next = end < scalars.count ? scalars[end] : nil
        let ambiguous = next.map { $0 == "x" || $0 == "u" || escapedInDisplay($0, after: "\\") } ?? false
        let run = (end - i) * (ambiguous ? 2 : 1)
        out.append(contentsOf: String(repeating: "\\", count: run).unicodeScalars)
        previous = "\\"
        i = end
        continue
      }
      if escapedInDisplay(scalar, after: previous) {
        out.append(contentsOf: escape(scalar).unicodeScalars)
      } else {
        out.append(scalar)
      }
      previous = scalar
      i += 1
    }
    return String(out)
  }

  /// Whether ``sanitize(_:)`` escapes `scalar` when it follows `previous`:
  /// ``needsEscape(_:)``, except inside an emoji sequence, where a zero
  /// width joiner or a variation selector after a pictograph (or after a
  /// skin-tone modifier or another such selector) is kept (a pictograph: an
  /// Emoji scalar above U+00FF, so digits, `#`, `©` and `®` are not), so 👩‍💻 and ❤️
  /// show as emoji; after a letter or digit they are escaped (`z\u{200D}j`
  /// would read as `zj`).
  public static func escapedInDisplay(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?) -> Bool {
    guard needsEscape(scalar) else { return false }
    guard scalar == "\u{200D}" || scalar == "\u{FE0F}" || scalar == "\u{FE0E}", let p = previous else {
      return true
    }
    return !((p.properties.isEmoji && p.value > 0xFF) || p.properties.isEmojiModifier || p == "\u{FE0F}")
  }

  /// Whether `s` is already safe to draw: it holds no scalar that
  /// ``sanitize(_:)`` would escape (``escapedInDisplay(_:after:)``).
  /// Backslashes are not judged: only ``sanitize(_:)`` knows whether one
  /// was typed.
  public static func isDisplaySafe(_ s: String) -> Bool {
    var previous: Unicode.Scalar?
    for scalar in s.unicodeScalars {
      if escapedInDisplay(scalar, after: previous) { return false }
      previous = scalar
    }
    return true
  }

  /// ``sanitize(_:)`` line by line: the line feeds of a multi-line message
  /// (an argument parser's error with its usage) are kept, everything else
  /// a terminal would act on is escaped, CR included (`\r\n` → `\x0D` + LF).
  ///
  /// - Parameter s: untrusted multi-line text.
  /// - Returns: lines joined by `\n`, each through ``sanitize(_:)``.
  public static func sanitizeLines(_ s: String) -> String {
    // By scalar: "\r\n" is one Character, and its LF must still end the line.
    s.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
      .map { sanitize(String(String.UnicodeScalarView($0))) }
      .joined(separator: "\n")
  }

  /// ``sanitize(_:)`` that can be undone: a backslash becomes `\\` as well,
  /// so every `\` in the result starts an escape (`\\`, `\xHH` or
  /// `\u{HHHH}`) and ``unescape(_:)`` restores `s` exactly.
  ///
  /// - Parameter s: untrusted text.
  /// - Returns: terminal-safe text; clean input without a backslash is returned unchanged.
  public static func escapeReversibly(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { $0 == "\\" || needsEscape($0) }) else { return s }
    var out = String.UnicodeScalarView()
    for scalar in s.unicodeScalars {
      if scalar == "\\" {
        out.append(contentsOf: #"\\"#.unicodeScalars)
      } else if needsEscape(scalar) {
        out.append(contentsOf: escape(scalar).unicodeScalars)
      } else {
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// The inverse of ``escapeReversibly(_:)``: `\\` → `\`, `\xHH` and
  /// `\u{H…}` (1–6 hex digits, a valid scalar) → that scalar.
  ///
  /// - Parameter s: text written by ``escapeReversibly(_:)``.
  /// - Returns: the original text, or `nil` when `s` holds a backslash that
  ///   starts none of these escapes (it was not written by ``escapeReversibly(_:)``).
  public static func unescape(_ s: String) -> String? {
    let scalars = Array(s.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    func hexValue(_ from: Int, _ to: Int) -> UInt32? {
      guard from < to, to <= scalars.count, to - from <= 6 else { return nil }
      var v: UInt32 = 0
      for k in from..<to {
        guard let d = Character(scalars[k]).hexDigitValue else { return nil }
        v = v * 16 + UInt32(d)
      }
      return v
    }
    while i < scalars.count {
      let c = scalars[i]
      guard c == "\\" else {
        out.append(c)
        i += 1
        continue
      }
      guard i + 1 < scalars.count else { return nil }
      switch scalars[i + 1] {
      case "\\":
        out.append("\\")
        i += 2
      case "x":
        guard let v = hexValue(i + 2, i + 4), let scalar = Unicode.Scalar(v) else { return nil }
        out.append(scalar)
        i += 4
      case "u":
        guard i + 2 < scalars.count, scalars[i + 2] == "{",
          let close = scalars[(i + 3)...].firstIndex(of: "}"),
          let v = hexValue(i + 3, close), let scalar = Unicode.Scalar(v)
        else { return nil }
        out.append(scalar)
        i = close + 1
      default:
        return nil
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
  ///   as `\xAD`) and Mongolian vowel separator U+180E; every space
  ///   separator (Unicode category Zs) other than U+0020 — no-break space
  ///   U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000 — which shows
  ///   as a plain space; the blank-looking Hangul fillers (U+115F, U+1160,
  ///   U+3164, U+FFA0) and braille blank U+2800; and every other format
  ///   character (category Cf: ZWJ, ZWNJ, tag characters, U+FFF9–U+FFFB)
  ///   and default-ignorable code point (variation selectors, U+034F).
  ///   On the screen an emoji sequence keeps its joiners and selectors
  ///   (``escapedInDisplay(_:after:)``).
  public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    // Printable ASCII first: most text is, and the property lookups below
    // cost a table search each.
    case 0x20...0x7E: return false
    case 0x00...0x1F, 0x7F...0x9F, 0xAD: return true
    case 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: return true
    case 0x200B, 0x2060...0x2064, 0xFEFF, 0x180E: return true
    case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
    // Blank-looking letters: Hangul fillers and the braille blank.
    case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800: return true
    default:
      // Every other invisible: format characters (Cf: ZWJ, ZWNJ, tags,
      // interlinear annotation marks…) and default-ignorable code points
      // (variation selectors, the combining grapheme joiner, U+17B4…).
      return scalar.properties.generalCategory == .format || scalar.properties.isDefaultIgnorableCodePoint
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

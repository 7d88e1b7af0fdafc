/// Escapes one line of untrusted text (an incident title, a note, a user
/// name, an artefact or alert name from telemetry) for Markdown, so a
/// document rendered by a wiki or a Git forge (CommonMark, GitHub Flavored
/// Markdown) shows the text, never markup, HTML or a link.
///
/// Rules (CommonMark 0.31 §2.4 "Backslash escapes": any ASCII punctuation
/// may be escaped with `\`; §6.6 raw HTML and §6.5 autolinks need `<`):
/// - `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;`: no raw HTML (`<script>`,
///   `<img onerror=…>`, `<!-- … -->`), no autolink (`<javascript:…>`), no
///   entity written by the input (`&#106;avascript`), no block quote.
/// - `\`, `` ` ``, `*`, `_`, `[`, `]`, `|`, `~`, `$`, `#` get a backslash: no
///   code span, emphasis, link or image (`[x](javascript:…)` needs `[`),
///   table cell break, strikethrough (GFM), math (GitHub's `$…$`) or heading
///   (a closing `#` sequence too).
/// - At the start of the text (where it could begin a block): a leading `-`,
///   `+` or `=` gets a backslash (list item, setext underline), the `.` or
///   `)` after leading digits gets a backslash (ordered list), and leading
///   spaces become `&#32;` (four would make an indented code block).
///
/// The text must already be one line (no CR or LF): callers join lines
/// first. `-`, `.`, `(` and `@` inside the text are left alone, so
/// `gpt-4o-mini` and `support-bot@v1.2` read as they are.
public enum MarkdownText {
  /// ASCII punctuation escaped with a backslash wherever it occurs.
  public static let backslashed: Set<Character> = [
    "\\", "`", "*", "_", "[", "]", "|", "~", "$", "#",
  ]

  /// `text` (one line) escaped by the rules above.
  /// - Parameter text: untrusted text without line breaks.
  /// - Returns: Markdown that renders as `text`.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    var atStart = true
    var leadingDigits = false
    for c in text {
      if atStart {
        if c == " " {
          out += "&#32;"
          continue
        }
        atStart = false
        if c == "-" || c == "+" || c == "=" {
          out += "\\" + String(c)
          continue
        }
        leadingDigits = c.isASCII && c.isNumber
      } else if leadingDigits {
        if c == "." || c == ")" {
          out += "\\" + String(c)
          leadingDigits = false
          continue
        }
        leadingDigits = c.isASCII && c.isNumber
      }
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      default:
        if backslashed.contains(c) { out += "\\" }
        out.append(c)
      }
    }
    return out
  }
}

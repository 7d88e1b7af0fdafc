import TOMLKit

/// The one door through which FlightDeck hands TOML text to TOMLKit.
///
/// TOMLKit bundles toml++ (3.x), whose parser *asserts* rather than reports
/// on one family of inputs: in `parse_table_header()`, after the opening `[`
/// (or `[[`) and any spaces or tabs, anything other than `]`, a bare-key
/// character (`A-Z a-z 0-9 _ -`) or a quote goes straight to `parse_key()`,
/// which begins with `TOML_ASSERT_ASSUME(is_bare_key_character(*cp) ||
/// is_string_delimiter(*cp))`. A two-byte file such as `[{`, `[!`, `[=`,
/// `[}`, `[[{` or `[[[` therefore aborts the process (SIGABRT) instead of
/// throwing. Key–value pairs and inline tables check the same condition
/// before calling `parse_key()`. The second such path is `parse_array()`:
/// after `[` or `,` (and spaces, line breaks, comments) anything but `,` or
/// `]` goes to `parse_value()`, which asserts `!is_value_terminator(*cp)`,
/// so `x = [}`, `x = [1,}` and a U+0085, U+2028 or U+2029 there abort too.
/// (Found by reading toml++ 3.x, and checked by running 3,076 short
/// documents, every 1- and 2-character one over a 24-character alphabet of
/// brackets, quotes, punctuation and Unicode spaces and line separators, every
/// `[` or `x=[` followed by two of them and 1,500 random ones, through
/// `flightdeck replay --config`: 592 aborted without the screen, none with it,
/// and every answer that changed was already a TOML error.)
///
/// ``hazard(in:)`` finds both with a small lexer (comments, the four string
/// forms and the brackets of values, so that a `[` opening a line inside a
/// multi-line array or string is not mistaken for a header), and
/// ``parse(_:)`` refuses them with the line before calling toml++.
public enum TOMLScreen {
  /// Parses `text` as TOML, refusing first what would abort toml++.
  /// - Returns: the root table.
  /// - Throws: ``TOMLSyntaxError`` with the line, column and message, both for
  ///   a header the screen refuses and for toml++'s own parse errors, and
  ///   for a NUL character: toml++ reads the text as a C string, so
  ///   everything after a NUL would be dropped without a word (TOML allows
  ///   no U+0000 anywhere, not even in a comment or a string).
  public static func parse(_ text: String) throws -> TOMLTable {
    if let error = nulCharacter(in: text) { throw error }
    if let error = hazard(in: text) { throw error }
    do {
      return try TOMLTable(string: text)
    } catch let e as TOMLParseError {
      throw TOMLSyntaxError(line: e.source.begin.line, column: e.source.begin.column, message: e.description)
    }
  }

  /// The first NUL (U+0000) in `text`, as an error at its line and column
  /// (columns in Unicode scalars, lines split at `\n`), or `nil`.
  public static func nulCharacter(in text: String) -> TOMLSyntaxError? {
    var line = 1
    var column = 1
    for c in text.unicodeScalars {
      if c == "\0" {
        return TOMLSyntaxError(
          line: line, column: column,
          message: "a NUL character (U+0000) is not allowed in TOML; nothing after it would be read")
      }
      if c == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return nil
  }

  /// The first table header in `text` that toml++ would abort on, if any.
  ///
  /// A header is a `[` that opens a line (after spaces or tabs) outside any
  /// string, comment or value. After `[`, spaces or tabs, and a second
  /// contiguous `[` with its spaces or tabs, the next character must be the end
  /// of the text, `]`, a bare-key character or a quote. In an array, after `[`
  /// or `,` and any spaces, line breaks or comments, the next character must
  /// not be `}`, U+0085, U+2028 or U+2029. Anything else is returned as an
  /// error at that character.
  /// - Returns: `nil` when toml++ can be given the text safely (it may still
  ///   report an ordinary parse error).
  public static func hazard(in text: String) -> TOMLSyntaxError? {
    let s = Array(text.unicodeScalars)
    var i = 0
    var line = 1
    var lineStartIndex = 0
    // The brackets of the value being read: "[" an array, "{" an inline table.
    var open: [Unicode.Scalar] = []
    var atLineStart = true
    var onHeaderLine = false
    // Inside an array, after "[" or ",": toml++ calls parse_value() on what comes next.
    var awaitingArrayValue = false
    if s.first == "\u{FEFF}" {
      i = 1
      lineStartIndex = 1
    }
    func newline(at k: Int) {
      line += 1
      lineStartIndex = k + 1
    }
    func refuse(_ k: Int, _ what: String) -> TOMLSyntaxError {
      TOMLSyntaxError(line: line, column: k - lineStartIndex + 1, message: "\(what), saw \(shown(s[k]))")
    }
    while i < s.count {
      let c = s[i]
      if awaitingArrayValue && (c == "}" || c == "\u{85}" || c == "\u{2028}" || c == "\u{2029}") {
        return refuse(i, "expected a value or ']' in the array")
      }
      switch c {
      case "\n":
        newline(at: i)
        atLineStart = true
        onHeaderLine = false
        i += 1
        continue
      case " ", "\t", "\r":
        i += 1
        continue
      case "#":
        while i < s.count && s[i] != "\n" { i += 1 }
        continue
      case "\"", "'":
        i = skipString(s, from: i, newline: newline)
      case "[" where open.isEmpty && atLineStart:
        var k = i + 1
        var spaced = false
        while k < s.count && (s[k] == " " || s[k] == "\t") {
          k += 1
          spaced = true
        }
        if k < s.count && s[k] == "[" && !spaced {
          k += 1
          while k < s.count && (s[k] == " " || s[k] == "\t") { k += 1 }
        } else if k < s.count && s[k] == "[" {
          k = s.count  // "[ [": toml++ reports it ("brackets must be contiguous").
        }
        if k < s.count && !startsKey(s[k]) && s[k] != "]" {
          return refuse(
            k, "a table header must start with a bare key (letters, digits, '_', '-') or a quoted key")
        }
        onHeaderLine = true
        i += 1
      case "[", "{":
        if !onHeaderLine { open.append(c) }
        i += 1
      case "]", "}":
        if !onHeaderLine && !open.isEmpty { open.removeLast() }
        i += 1
      default:
        i += 1
      }
      atLineStart = false
      awaitingArrayValue = !onHeaderLine && open.last == "[" && (c == "[" || c == ",")
    }
    return nil
  }

  /// Whether toml++ lets `c` begin a key (`is_bare_key_character` or
  /// `is_string_delimiter`, TOML 1.0: ASCII bare keys only).
  private static func startsKey(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "\"", "'": return true
    default: return false
    }
  }

  /// `c` as the error shows it: printable ASCII quoted, anything else as U+XXXX.
  private static func shown(_ c: Unicode.Scalar) -> String {
    if c.value >= 0x21 && c.value < 0x7F { return "'\(Character(c))'" }
    return "U+" + String(c.value, radix: 16, uppercase: true).leftPadded(to: 4)
  }

  /// The index just past the string that opens at `start` (basic, literal or
  /// their multi-line forms); a single-line string also ends at a line break
  /// (toml++ refuses it there). Line breaks inside are reported to `newline`.
  private static func skipString(
    _ s: [Unicode.Scalar], from start: Int, newline: (Int) -> Void
  ) -> Int {
    let quote = s[start]
    let escapes = quote == "\""
    let multiLine = start + 2 < s.count && s[start + 1] == quote && s[start + 2] == quote
    var i = start + (multiLine ? 3 : 1)
    while i < s.count {
      let c = s[i]
      if escapes && c == "\\" {
        if i + 1 < s.count && s[i + 1] == "\n" { newline(i + 1) }
        i += 2
        continue
      }
      if c == "\n" {
        if !multiLine { return i }
        newline(i)
      }
      if c == quote {
        if !multiLine { return i + 1 }
        if i + 2 < s.count && s[i + 1] == quote && s[i + 2] == quote {
          // Up to two more quotes may close the string (`""""` ends with a quote in it).
          var end = i + 3
          while end < s.count && end < i + 5 && s[end] == quote { end += 1 }
          return end
        }
      }
      i += 1
    }
    return i
  }
}

extension String {
  /// The string padded on the left with zeros to `width` characters.
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}

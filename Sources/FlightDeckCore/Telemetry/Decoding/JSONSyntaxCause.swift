/// Why a text is not JSON (RFC 8259), in the words of the grammar, as
/// ``StrictJSONReader`` finds it. Each case is reported at one byte of the
/// text (``JSONSyntaxError/offset``); the case's documentation says which.
///
/// Characters from the text are shown by ``JSONSyntaxCause/show(_:)``:
/// graphic ASCII quoted (`'x'`), anything else (control bytes, escape,
/// non-ASCII) as `U+XXXX`, so a message never carries a raw byte of
/// the line to a terminal, CSV or Markdown.
enum JSONSyntaxCause: Equatable, Sendable {
  /// What the text ended inside, for ``truncated(inside:)``.
  enum Container: String, Equatable, Sendable {
    case object = "an object"
    case array = "an array"
    case number = "a number"
    case literal = "a literal"
  }

  /// Nothing but whitespace (or nothing): at the end of the text.
  case empty
  /// The text ends inside an object, array, number (`-`, `1.`, `1e`) or
  /// literal (`tru`): at the end of the text for an object or array, at the
  /// start of the number or literal (where Python's `json` reports it).
  case truncated(inside: Container)
  /// The text ends inside a string (or one of its escapes): at the opening
  /// quote, as Python's `json` reports it.
  case unterminatedString
  /// A value was expected: at the unexpected character (`found`, shown).
  case expectedValue(found: String)
  /// `t`, `f` or `n` not starting `true`, `false` or `null`: at its first
  /// byte. `expected` is the literal it started.
  case invalidLiteral(expected: String)
  /// `NaN`, `Infinity` or `-Infinity`: at its first byte.
  case notJSONConstant(String)
  /// A single-quoted string: at the `'`.
  case singleQuote
  /// `//` or `/*`: at the `/`.
  case comment
  /// A member name was expected after `{`: at the unexpected character.
  case expectedName(found: String)
  /// `,` followed by `}` or `]`: at the closing bracket (`closer`).
  case trailingComma(closer: Character)
  /// `:` was expected after a member name: at the unexpected character.
  case expectedColon(found: String)
  /// `,` or the closing bracket was expected after a member or element: at
  /// the unexpected character.
  case expectedCommaOrClose(inObject: Bool, found: String)
  /// More than whitespace after the top-level value: at its first byte.
  case trailingText(found: String)
  /// A raw control character (U+0000–U+001F) in a string: at it.
  case controlCharacter(UInt8)
  /// A backslash followed by a character that starts no escape: at the
  /// backslash. `found` is that character, shown.
  case invalidEscape(found: String)
  /// `\u` not followed by four hex digits: at the `u`, as Python's `json`.
  case invalidUnicodeEscape
  /// A `\u` escape of a surrogate that is not half of a pair (I-JSON,
  /// RFC 7493 §2.1): at its `u`.
  case loneSurrogate(UInt32)
  /// An open bracket beyond the reader's depth bound: at the bracket.
  case tooDeep(limit: Int)
  /// A digit after a leading `0` (`01`, `-00`): at that digit.
  case leadingZero
  /// `-`, `.` or an exponent without its digits: at the `-`, `.` or `e`.
  case expectedDigit(after: String)
  /// A number whose value is beyond the range of a Double (`1e999`), where
  /// values are built: at its first byte.
  case numberOutOfRange

  /// The cause in words; `unit` is `line` for a one-line text, `document`
  /// for a text of several lines.
  func describe(unit: String) -> String {
    switch self {
    case .empty: return "no value (the \(unit) is empty or blank)"
    case .truncated(let container): return "truncated: the \(unit) ends inside \(container.rawValue)"
    case .unterminatedString:
      return "unterminated string (the \(unit) ends inside the string that opens here)"
    case .expectedValue(let found): return "expected a value, found \(found)"
    case .invalidLiteral(let expected): return "invalid literal (expected \(expected))"
    case .notJSONConstant(let name): return "\(name) is not JSON"
    case .singleQuote: return "single quotes are not JSON (strings take double quotes)"
    case .comment: return "comments are not JSON"
    case .expectedName(let found): return "expected a member name in double quotes, found \(found)"
    case .trailingComma(let closer): return "trailing comma before '\(closer)'"
    case .expectedColon(let found): return "expected ':' after a member name, found \(found)"
    case .expectedCommaOrClose(let inObject, let found):
      return inObject
        ? "expected ',' or '}' after a member, found \(found)"
        : "expected ',' or ']' after an element, found \(found)"
    case .trailingText(let found): return "trailing text after the value, found \(found)"
    case .controlCharacter(let b): return "control character \(Self.codePoint(UInt32(b))) in a string"
    case .invalidEscape(let found): return "invalid escape \\ followed by \(found)"
    case .invalidUnicodeEscape: return "invalid \\u escape (expected four hex digits)"
    case .loneSurrogate(let v):
      return "lone surrogate \\u\(Self.hex4(v)) (I-JSON, RFC 7493 §2.1: surrogates come in pairs)"
    case .tooDeep(let limit): return "nesting deeper than \(limit)"
    case .leadingZero: return "leading zero"
    case .expectedDigit(let after): return "expected a digit after \(after)"
    case .numberOutOfRange: return "number out of range (beyond ±1.8e308)"
    }
  }

  /// A character of the text, safe to print anywhere: graphic ASCII other
  /// than `'`, `` ` `` and `|` in single quotes (`'x'`, `'"'`), anything else
  /// (space, control bytes, ESC, those three, non-ASCII) as `U+XXXX` (at
  /// least four hex digits), so it can break no terminal, CSV cell, Markdown
  /// code span or table.
  static func show(_ scalar: UInt32) -> String {
    if scalar >= 0x21 && scalar <= 0x7E && scalar != 0x27 && scalar != 0x60 && scalar != 0x7C {
      return "'\(Character(Unicode.Scalar(UInt8(scalar))))'"
    }
    return codePoint(scalar)
  }

  /// The character starting at `p[i]` (valid UTF-8 assumed; a byte that
  /// starts no sequence is shown as its value), shown by ``show(_:)``.
  static func show(_ p: UnsafePointer<UInt8>, at i: Int, end n: Int) -> String {
    let b0 = p[i]
    let need: Int
    var v: UInt32
    switch b0 {
    case 0..<0x80: return show(UInt32(b0))
    case 0xC2...0xDF: (need, v) = (1, UInt32(b0 & 0x1F))
    case 0xE0...0xEF: (need, v) = (2, UInt32(b0 & 0x0F))
    case 0xF0...0xF4: (need, v) = (3, UInt32(b0 & 0x07))
    default: return codePoint(UInt32(b0))
    }
    guard i + need < n else { return codePoint(UInt32(b0)) }
    for k in 1...need { v = v << 6 | UInt32(p[i + k] & 0x3F) }
    return show(v)
  }

  /// `U+XXXX`: the code point in upper-case hex, at least four digits.
  static func codePoint(_ v: UInt32) -> String { "U+" + hex4(v).uppercased() }

  private static func hex4(_ v: UInt32) -> String {
    let h = String(v, radix: 16)
    return String(repeating: "0", count: max(0, 4 - h.count)) + h
  }
}

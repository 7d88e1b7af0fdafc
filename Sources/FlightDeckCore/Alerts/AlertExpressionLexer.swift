/// Splits an `expr` into ``AlertToken``s (hand-written; see RulesLanguage.md).
///
/// Identifiers are `[A-Za-z_][A-Za-z0-9_]*`; strings are double-quoted with
/// `\"`, `\\`, `\n`, `\t` escapes; numbers are decimal with an optional
/// sign, fraction and exponent; a window's duration is lexed as an
/// identifier-like run (`5m`, `1h30m`) after `[`.
struct AlertExpressionLexer {
  private let chars: [Character]
  private let source: String

  init(_ source: String) {
    self.source = source
    self.chars = Array(source)
  }

  /// Every token, ending with `.end`.
  /// - Throws: ``AlertExpressionError`` for an unterminated string or a stray character.
  func tokens() throws -> [AlertToken] {
    var out: [AlertToken] = []
    var i = 0
    func fail(_ at: Int, _ message: String) -> AlertExpressionError {
      AlertExpressionError(offset: at, in: source, message: message)
    }
    while i < chars.count {
      let c = chars[i]
      if c.isWhitespace {
        i += 1
        continue
      }
      let start = i
      if c.isASCII && (c.isLetter || c == "_") {
        while i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" {
          i += 1
        }
        let text = String(chars[start..<i])
        out.append(AlertToken(kind: .identifier(text), text: text, offset: start))
      } else if c.isASCII
        && (c.isNumber || c == "."
          || ((c == "-" || c == "+") && i + 1 < chars.count
            && (chars[i + 1].isNumber || chars[i + 1] == ".")))
      {
        i += 1
        while i < chars.count, chars[i].isASCII,
          chars[i].isLetter || chars[i].isNumber || chars[i] == "."
            || ((chars[i] == "-" || chars[i] == "+") && (chars[i - 1] == "e" || chars[i - 1] == "E"))
        {
          i += 1
        }
        let text = String(chars[start..<i])
        if let v = Double(text), v.isFinite, !text.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" })
        {
          out.append(AlertToken(kind: .number(v), text: text, offset: start))
        } else {
          // A duration such as 5m or 1h30m; the parser checks it.
          out.append(AlertToken(kind: .identifier(text), text: text, offset: start))
        }
      } else if c == "\"" {
        i += 1
        var value = ""
        var closed = false
        while i < chars.count {
          let d = chars[i]
          if d == "\"" {
            closed = true
            i += 1
            break
          }
          if d == "\n" { break }
          if d == "\\" {
            guard i + 1 < chars.count else { break }
            // The escape is the first scalar of the next character: a
            // combining mark after it joins that character (`\t` then U+0484
            // is the two characters `\` and `ẗ`), and stays in the value.
            let escaped = chars[i + 1].unicodeScalars
            switch escaped.first {
            case "\"": value.append("\"")
            case "\\": value.append("\\")
            case "n": value.append("\n")
            case "t": value.append("\t")
            default:
              throw fail(i, "expected an escape \\\" \\\\ \\n or \\t, found '\\\(chars[i + 1])'")
            }
            value.unicodeScalars.append(contentsOf: escaped.dropFirst())
            i += 2
            continue
          }
          value.append(d)
          i += 1
        }
        guard closed else { throw fail(start, "expected a closing '\"' for this string, found end of line") }
        out.append(AlertToken(kind: .string(value), text: String(chars[start..<i]), offset: start))
      } else {
        let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
        if ["!=", "=~", "!~", ">=", "<=", "=="].contains(two) {
          out.append(AlertToken(kind: .symbol(two), text: two, offset: start))
          i += 2
        } else if "{}[](),=<>".contains(c) {
          out.append(AlertToken(kind: .symbol(String(c)), text: String(c), offset: start))
          i += 1
        } else {
          throw fail(start, "expected a metric, label, string, number or operator, found '\(c)'")
        }
      }
    }
    out.append(AlertToken(kind: .end, text: "", offset: chars.count))
    return out
  }
}

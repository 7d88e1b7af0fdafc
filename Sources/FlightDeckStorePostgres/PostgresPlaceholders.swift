/// Rewrites the shared SQL's `?` placeholders to PostgreSQL's `$1`, `$2`, …
///
/// A `?` is a placeholder only in the statement's text proper: one inside a
/// string literal (`'…'`, with `''` for a quote; `E'…'`, with backslash
/// escapes too), a quoted identifier (`"…"`, with `""`), a dollar-quoted
/// string (`$$…$$`, `$tag$…$tag$`), a line comment (`--` to the end of the
/// line) or a block comment (`/* … */`, nested as PostgreSQL nests them) stays
/// as it is (<https://www.postgresql.org/docs/current/sql-syntax-lexical.html>).
public enum PostgresPlaceholders {
  /// `sql` with its placeholders numbered from `$1`, and how many there were.
  public static func rewrite(_ sql: String) -> (sql: String, count: Int) {
    let s = Array(sql.unicodeScalars)
    var out = String.UnicodeScalarView()
    var count = 0
    var i = 0
    func copy(_ from: Int, _ to: Int) { out.append(contentsOf: s[from..<min(to, s.count)]) }
    func isIdentChar(_ c: Unicode.Scalar) -> Bool {
      c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "$"
    }
    while i < s.count {
      let c = s[i]
      let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
      switch c {
      case "'":
        // E'…' (or e'…') takes backslash escapes; a plain literal only doubles quotes.
        let escapes = i > 0 && (s[i - 1] == "E" || s[i - 1] == "e") && (i < 2 || !isIdentChar(s[i - 2]))
        let end = closing(s, from: i + 1, quote: "'", backslashEscapes: escapes)
        copy(i, end)
        i = end
      case "\"":
        let end = closing(s, from: i + 1, quote: "\"", backslashEscapes: false)
        copy(i, end)
        i = end
      case "-" where next == "-":
        var j = i + 2
        while j < s.count && s[j] != "\n" { j += 1 }
        copy(i, j)
        i = j
      case "/" where next == "*":
        var depth = 1
        var j = i + 2
        while j < s.count && depth > 0 {
          if s[j] == "/" && j + 1 < s.count && s[j + 1] == "*" {
            depth += 1
            j += 2
          } else if s[j] == "*" && j + 1 < s.count && s[j + 1] == "/" {
            depth -= 1
            j += 2
          } else {
            j += 1
          }
        }
        copy(i, j)
        i = j
      case "$" where i == 0 || !isIdentChar(s[i - 1]):
        // A dollar quote opens with $tag$ where tag is empty or an identifier not starting with a digit.
        var j = i + 1
        while j < s.count && s[j] != "$"
          && (s[j] == "_" || s[j].properties.isAlphabetic || (j > i + 1 && ("0"..."9").contains(s[j])))
        {
          j += 1
        }
        guard j < s.count && s[j] == "$" else {
          out.append(c)
          i += 1
          continue
        }
        let tag = Array(s[i...j])
        var k = j + 1
        var end = s.count
        while k + tag.count <= s.count {
          if Array(s[k..<(k + tag.count)]) == tag {
            end = k + tag.count
            break
          }
          k += 1
        }
        copy(i, end)
        i = end
      case "?":
        count += 1
        out.append(contentsOf: "$\(count)".unicodeScalars)
        i += 1
      default:
        out.append(c)
        i += 1
      }
    }
    return (String(out), count)
  }

  /// The index just past the quote that closes a literal or quoted
  /// identifier whose text starts at `start` (a doubled quote is one quote
  /// character; with `backslashEscapes`, a backslash escapes the next
  /// character), or the end of `s` when it never closes.
  private static func closing(
    _ s: [Unicode.Scalar], from start: Int, quote: Unicode.Scalar, backslashEscapes: Bool
  ) -> Int {
    var j = start
    while j < s.count {
      if backslashEscapes && s[j] == "\\" {
        j += 2
        continue
      }
      if s[j] == quote {
        if j + 1 < s.count && s[j + 1] == quote {
          j += 2
          continue
        }
        return j + 1
      }
      j += 1
    }
    return s.count
  }
}

/// A cheap screen of YAML text for nesting depth, run before the text reaches
/// Yams: Yams composes nodes recursively, so a file nested a few thousand
/// levels deep (`[` ×4733, `- ` ×4733, `{a: ` ×2878) overflows the stack and
/// kills the process instead of giving an error.
///
/// The screen counts, in one pass over the bytes, the flow collections open
/// at each point (`[` and `{` that start a node, outside quotes, comments and
/// plain scalars) plus the block levels (distinct indentations still open
/// and each `- ` or `? ` entry indicator), skipping the content of block
/// scalars (`|`, `>`). It over-counts rather than under-counts (every
/// indentation step counts as a level), so a file it lets through is no
/// deeper than it says.
public enum YAMLNestingScreen {
  /// The deepest nesting a rules file may have (flow and block levels
  /// together). A Prometheus rule file needs about 6.
  public static let maximumDepth = 64

  /// Where the text first goes deeper than `limit`.
  public struct Violation: Sendable, Hashable {
    /// 1-based line of the opening that goes too deep.
    public var line: Int
    /// 1-based column (bytes) of that opening.
    public var column: Int
    /// The limit that was passed.
    public var limit: Int

    /// "nesting deeper than N levels …", without the place.
    public var message: String {
      "nesting deeper than \(limit) levels (FlightDeck refuses deeper YAML before parsing it)"
    }
  }

  /// The first place where `text` nests deeper than `limit`, or `nil` when it
  /// stays within it. Linear in the text's length; never throws.
  public static func firstViolation(in text: String, limit: Int = maximumDepth) -> Violation? {
    let bytes = Array(text.utf8)
    let n = bytes.count
    var i = 0
    var line = 1
    var lineStart = 0
    var flow = 0  // flow collections open
    var indents: [Int] = []  // block levels open (columns)
    var blockScalarIndent: Int? = nil  // skip lines indented deeper than this
    let space: UInt8 = 32
    let tab: UInt8 = 9
    let newline: UInt8 = 10
    let cr: UInt8 = 13

    func isBlank(_ c: UInt8) -> Bool { c == space || c == tab || c == newline || c == cr }
    func violation(at index: Int) -> Violation {
      Violation(line: line, column: index - lineStart + 1, limit: limit)
    }

    while i < n {
      // At the start of a line.
      lineStart = i
      var indent = 0
      while i < n && bytes[i] == space {
        indent += 1
        i += 1
      }
      let lineEmpty = i >= n || bytes[i] == newline || bytes[i] == cr || bytes[i] == UInt8(ascii: "#")
      if let b = blockScalarIndent {
        if lineEmpty || indent > b {
          while i < n && bytes[i] != newline { i += 1 }
          i += 1
          line += 1
          continue
        }
        blockScalarIndent = nil
      }
      var atNodeStart = true
      if flow == 0 && !lineEmpty {
        while let last = indents.last, last > indent { indents.removeLast() }
        if indents.last != indent { indents.append(indent) }
        if indents.count > limit { return violation(at: i) }
      }
      // The rest of the line (and of any quoted scalar or flow collection
      // that runs over several lines).
      var quote: UInt8? = nil
      scan: while i < n {
        let c = bytes[i]
        if let q = quote {
          if c == newline {
            line += 1
            lineStart = i + 1
          } else if q == UInt8(ascii: "\"") && c == UInt8(ascii: "\\") {
            i += 1
            if i < n && bytes[i] == newline {
              line += 1
              lineStart = i + 1
            }
          } else if c == q {
            if q == UInt8(ascii: "'") && i + 1 < n && bytes[i + 1] == q {
              i += 1
            } else {
              quote = nil
              atNodeStart = false
            }
          }
          i += 1
          continue
        }
        if c == newline {
          i += 1
          line += 1
          if flow == 0 { break scan }
          lineStart = i
          atNodeStart = true
          continue
        }
        if c == space || c == tab || c == cr {
          i += 1
          continue
        }
        if c == UInt8(ascii: "#") && (i == lineStart || isBlank(bytes[i - 1])) {
          while i < n && bytes[i] != newline { i += 1 }
          continue
        }
        if atNodeStart {
          switch c {
          case UInt8(ascii: "["), UInt8(ascii: "{"):
            flow += 1
            if flow + indents.count > limit { return violation(at: i) }
            i += 1
            continue
          case UInt8(ascii: "\""), UInt8(ascii: "'"):
            quote = c
            i += 1
            continue
          case UInt8(ascii: "-"), UInt8(ascii: "?"):
            if flow == 0 && (i + 1 >= n || isBlank(bytes[i + 1])) {
              let dash = i
              i += 1
              while i < n && (bytes[i] == space || bytes[i] == tab) { i += 1 }
              indents.append(i - lineStart)  // the entry's content column
              if indents.count > limit { return violation(at: dash) }
              continue
            }
          case UInt8(ascii: "|"), UInt8(ascii: ">"):
            if flow == 0 {
              blockScalarIndent = indents.last ?? 0
              while i < n && bytes[i] != newline { i += 1 }
              continue
            }
          case UInt8(ascii: "&"), UInt8(ascii: "!"):
            // An anchor or a tag: the node itself follows.
            while i < n && !isBlank(bytes[i]) { i += 1 }
            continue
          default:
            break
          }
        }
        if flow > 0 {
          switch c {
          case UInt8(ascii: "["), UInt8(ascii: "{"):
            flow += 1
            if flow + indents.count > limit { return violation(at: i) }
            atNodeStart = true
          case UInt8(ascii: "]"), UInt8(ascii: "}"):
            flow -= 1
            atNodeStart = false
          case UInt8(ascii: ","), UInt8(ascii: ":"):
            atNodeStart = true
          default:
            atNodeStart = false
          }
          i += 1
          continue
        }
        // A plain scalar in block context: it runs to `: `, ` #` or the line's end.
        atNodeStart = false
        if c == UInt8(ascii: ":") && (i + 1 >= n || isBlank(bytes[i + 1])) {
          atNodeStart = true
        }
        i += 1
      }
    }
    return nil
  }
}

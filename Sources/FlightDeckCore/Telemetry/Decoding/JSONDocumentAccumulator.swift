/// Collects the lines of one pretty-printed JSON document until its outer
/// object closes.
///
/// Tracks brace/bracket depth outside strings, and string/escape state, byte
/// by byte (RFC 8259 grammar: a raw line break cannot occur inside a string,
/// so a line that ends inside one breaks the document: `invalid JSON at line
/// L, column C of the document: control character U+000A in a string`, L counted from the
/// document's first line, C the byte after the line's last). Capped at
/// `maxBytes`.
struct JSONDocumentAccumulator: Sendable {
  /// What feeding a line did.
  enum Feed: Equatable {
    /// The document is still open.
    case incomplete
    /// The outer object closed on this line; `bytes` holds the document.
    case complete
    /// The document cannot be valid; reason given.
    case broken(String)
  }

  /// Maximum document size in bytes.
  let maxBytes: Int
  /// The document so far (lines joined with `\n`).
  private(set) var bytes: [UInt8] = []
  /// Lines fed so far.
  private(set) var lineCount = 0
  /// Where each line kept in ``bytes`` starts (a line over `maxBytes` is
  /// counted in ``lineCount`` but not kept); the line ends before the next
  /// start's `\n`, the last one at the end of ``bytes``.
  private(set) var lineStarts: [Int] = []
  private var json = JSONStructure()

  init(maxBytes: Int) { self.maxBytes = maxBytes }

  /// Feeds one line (without its newline). Linear in the line: the caller
  /// must own the accumulator uniquely (take it out of an optional before
  /// feeding), or the growing ``bytes`` are copied on every line.
  mutating func feed(_ line: UnsafeRawBufferPointer) -> Feed {
    lineCount += 1
    if bytes.count + (bytes.isEmpty ? 0 : 1) + line.count > maxBytes {
      return .broken("document exceeds \(maxBytes) bytes")
    }
    if !bytes.isEmpty { bytes.append(0x0A) }
    lineStarts.append(bytes.count)
    bytes.append(contentsOf: line)
    var i = 0
    let n = line.count
    while i < n {
      let b = line[i]
      let token = json.consume(b, at: i)
      i += 1
      switch token {
      case .close:
        if json.depth < 0 { return .broken("unbalanced closing bracket") }
        if json.depth == 0 {
          while i < n {
            let t = line[i]
            guard t == 0x20 || t == 0x09 || t == 0x0D else {
              return .broken("data after the end of the document")
            }
            i += 1
          }
          return .complete
        }
      case .colon, .comma, .other:
        if json.depth == 0, b != 0x20, b != 0x09, b != 0x0D {
          return .broken(located(column: i, .expectedValue(found: JSONSyntaxCause.show(UInt32(b)))))
        }
      case .stringOpen, .stringByte, .stringClose, .open:
        break
      }
    }
    // RFC 8259 §7: a raw line feed is a control character, not allowed in a string.
    if json.inString { return .broken(located(column: n + 1, .controlCharacter(0x0A))) }
    return .incomplete
  }

  /// `invalid JSON at line L, column C of the document: CAUSE`, L the line just fed (1 =
  /// the document's first), C a 1-based byte column in it
  /// (``JSONSyntaxError``).
  private func located(column: Int, _ cause: JSONSyntaxCause) -> String {
    JSONSyntaxError(offset: 0, line: lineCount, column: column, multiline: true, cause: cause).reason
  }

  /// Whether `line` is the first line of an object (or, with `arrays`, an
  /// array) that is not closed on it (first non-blank byte `{` or `[`,
  /// depth > 0 at the end, not inside a string).
  static func opensDocument(_ line: UnsafeRawBufferPointer, arrays: Bool = false) -> Bool {
    var probe = JSONDocumentAccumulator(maxBytes: Int.max)
    guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }),
      first == 0x7B || (arrays && first == 0x5B)
    else {
      return false
    }
    return probe.feed(line) == .incomplete
  }
}

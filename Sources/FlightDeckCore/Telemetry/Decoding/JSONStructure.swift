/// The lexical state of JSON text read byte by byte: inside a string or not
/// (honouring backslash escapes), and the bracket depth (RFC 8259 §2, §7).
///
/// Shared by the three places that walk JSON without parsing it — the
/// multi-line document accumulator, the top-level member finder and the
/// UTF-8 error locator — so the string and escape rules live in one place.
struct JSONStructure {
  /// One byte's role.
  enum Token: Equatable {
    /// A byte inside a string (including its escapes).
    case stringByte
    /// The quote that opens a string.
    case stringOpen
    /// The quote that closes a string (``lastString`` is now its contents).
    case stringClose
    /// `{` or `[` (``depth`` already increased).
    case open
    /// `}` or `]` (``depth`` already decreased).
    case close
    /// `:` outside a string.
    case colon
    /// `,` outside a string.
    case comma
    /// Any other byte outside a string (whitespace, literals, numbers).
    case other(UInt8)
  }

  /// Bracket depth: 1 inside the top-level object.
  var depth = 0
  /// Whether the last byte read is inside a string.
  private(set) var inString = false
  private var escape = false
  private var stringStart = 0
  /// The byte range of the most recent complete string while it can still be
  /// a key (only whitespace since); `nil` after any other token.
  var lastString: Range<Int>? = nil

  /// Reads byte `b` at offset `i`.
  @inline(__always)
  mutating func consume(_ b: UInt8, at i: Int) -> Token {
    if inString {
      if escape {
        escape = false
      } else if b == 0x5C {
        escape = true
      } else if b == 0x22 {
        inString = false
        lastString = stringStart..<i
        return .stringClose
      }
      return .stringByte
    }
    let token: Token
    switch b {
    case 0x22:
      inString = true
      stringStart = i + 1
      return .stringOpen
    case 0x7B, 0x5B:
      depth += 1
      token = .open
    case 0x7D, 0x5D:
      depth -= 1
      token = .close
    case 0x3A: return .colon  // the key before it stays readable until the caller moves on
    case 0x2C: token = .comma
    case 0x20, 0x09, 0x0A, 0x0D: return .other(b)
    default: token = .other(b)
    }
    lastString = nil
    return token
  }
}

import Foundation

/// Where and why a text is not JSON, as ``StrictJSONReader`` finds it:
/// `invalid JSON at column 17: expected ',' or '}' after a member, found '"'`.
///
/// Positions are counted in **bytes** of the text (UTF-8), 1-based: a line is
/// bytes, the reader works on bytes, and `cut -b`, `head -c`, `dd`, `od`
/// and an editor's byte offset find the same place; the column costs nothing
/// to work out from the offset. Python's `json` counts characters (code
/// points) instead, and jq reports where its tokenizer stopped (after the
/// offending token); on ASCII text the column equals Python's `colno`, and
/// the reported byte is the one Python reports (the start of the token it
/// could not read; the opening quote of an unterminated string) — checked by
/// `JSONSyntaxPythonTests`. Lines are counted by line feeds.
struct JSONSyntaxError: Error, Equatable, Sendable {
  /// 0-based byte offset of the reported position in the text (the text's
  /// length when it is cut short there).
  var offset: Int
  /// 1-based line of the offset (1 + line feeds before it).
  var line: Int
  /// 1-based byte column of the offset in its line.
  var column: Int
  /// Whether the text holds a line feed (the message then names the line).
  var multiline: Bool
  /// What is wrong.
  var cause: JSONSyntaxCause

  /// An error at a position already worked out.
  init(offset: Int, line: Int, column: Int, multiline: Bool, cause: JSONSyntaxCause) {
    self.offset = offset
    self.line = line
    self.column = column
    self.multiline = multiline
    self.cause = cause
  }

  /// Locates `offset` in `p[0..<n]`: linear in `offset`, run once, on error.
  init(offset: Int, in p: UnsafePointer<UInt8>, count n: Int, cause: JSONSyntaxCause) {
    var line = 1
    var lineStart = 0
    var multiline = false
    for k in 0..<n where p[k] == 0x0A {
      multiline = true
      guard k < offset else { break }
      line += 1
      lineStart = k + 1
    }
    self.offset = offset
    self.line = line
    self.column = offset - lineStart + 1
    self.multiline = multiline
    self.cause = cause
  }

  /// Where and why a whole file is not JSON, for readers of JSON files (gate
  /// inputs, registry imports) whose parser is Foundation's: `line L, column
  /// C: CAUSE` (the causes say "the file"), found by ``StrictJSONReader``
  /// with Foundation's limits (any top-level value, 512 levels, finite
  /// numbers); `invalid UTF-8` when the bytes are not; `nil` when the strict
  /// reader finds no syntax error. Foundation's own text is never shown: on
  /// Linux it names no position and is not written for operators.
  static func locate(inFile data: Data) -> String? {
    data.withUnsafeBytes { raw -> String? in
      if UTF8Validation.diagnose(raw) != nil { return "invalid UTF-8" }
      // Any top-level value is parsed (a scalar is only "not an object" afterwards).
      let read = StrictJSONReader.read(raw, keep: [], maxDepth: 512, arrays: true, finiteNumbers: true)
      guard case .failure(.invalidJSON(let e)) = read else { return nil }
      return "line \(e.line), column \(e.column): \(e.cause.describe(unit: "file"))"
    }
  }

  /// `invalid JSON at column C: CAUSE` for a one-line text, `invalid JSON at
  /// line L, column C of the document: CAUSE` for a text of several lines (a
  /// pretty-printed document, a request body), L counted from its first line.
  var reason: String {
    let at = multiline ? "line \(line), column \(column) of the document" : "column \(column)"
    let unit = multiline ? "document" : "line"
    return "\(TelemetryDecodeError.Reason.invalidJSON) at \(at): \(cause.describe(unit: unit))"
  }
}

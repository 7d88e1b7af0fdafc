import FlightDeckTUI
import Foundation

/// A plain aligned text table for the registry commands: a header row, then
/// rows, columns separated by two spaces and padded to their widest cell by
/// display width (``DisplayWidth``), every cell sanitised. On a terminal,
/// cells longer than `maxCellWidth` columns are clipped with `…`; piped or
/// redirected (to `grep`, `cut`, a file) every cell is printed whole, as
/// `kubectl get` and `ls` do, so nothing a script reads is cut.
struct CLITable {
  var headers: [String]
  var rows: [[String]] = []
  var maxCellWidth = 48
  /// Whether cells are clipped: only when standard output is a terminal.
  var clipsCells = isatty(STDOUT_FILENO) != 0

  init(_ headers: [String]) { self.headers = headers }

  mutating func add(_ row: [String]) { rows.append(row) }

  /// The table as text (ends with a newline); `empty` when there are no rows.
  func render(empty: String) -> String {
    guard !rows.isEmpty else { return empty + "\n" }
    let cells = ([headers] + rows).map { row in
      row.map {
        clipsCells ? TextClip.clip(Sanitizer.sanitize($0), maxWidth: maxCellWidth) : Sanitizer.sanitize($0)
      }
    }
    var widths = Array(repeating: 0, count: headers.count)
    for row in cells {
      for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], DisplayWidth.of(c)) }
    }
    var out = ""
    for row in cells {
      var line = ""
      for (i, c) in row.enumerated() {
        if i == row.count - 1 {
          line += c
        } else {
          line += c + String(repeating: " ", count: max(0, widths[i] - DisplayWidth.of(c)) + 2)
        }
      }
      while line.hasSuffix(" ") { line.removeLast() }
      out += line + "\n"
    }
    return out
  }
}

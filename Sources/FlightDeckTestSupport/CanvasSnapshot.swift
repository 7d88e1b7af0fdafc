import FlightDeckTUI
import Foundation
import Testing

/// Text snapshots of a ``Canvas`` for widget and frame tests (ratatui's
/// `TestBackend` buffer view, swift-argument-parser's snapshot switch).
///
/// Format: one quoted line per row (continuation cells of wide glyphs
/// skipped, so a row shows as the terminal draws it), then — if any — a
/// `hidden:` line listing the `x,y` of cells hidden behind wide glyphs, then
/// optionally a style map: one line per row with one letter per cell
/// (continuation cells shown as `_`) and a legend `a = text`,
/// `b = border bold`, … with letters assigned in order of first appearance.
public enum CanvasSnapshot {
  /// The snapshot text of `canvas`.
  ///
  /// - Parameters:
  ///   - canvas: the canvas to render.
  ///   - includeStyles: whether to append the style map and legend.
  public static func render(_ canvas: Canvas, includeStyles: Bool = false) -> String {
    var lines = canvas.textRows().map { "\"" + $0 + "\"" }
    var hidden: [String] = []
    for y in 0..<canvas.height {
      for x in 0..<canvas.width where canvas[x, y].isContinuation { hidden.append("\(x),\(y)") }
    }
    if !hidden.isEmpty { lines.append("hidden: " + hidden.joined(separator: " ")) }
    if includeStyles {
      var letters: [CellStyle: Character] = [:]
      var legend: [String] = []
      let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
      lines.append("styles:")
      for y in 0..<canvas.height {
        var row = ""
        for x in 0..<canvas.width {
          let cell = canvas[x, y]
          if cell.isContinuation {
            row.append("_")
            continue
          }
          if letters[cell.style] == nil {
            let letter = letters.count < alphabet.count ? alphabet[letters.count] : "?"
            letters[cell.style] = letter
            legend.append("\(letter) = \(describe(cell.style))")
          }
          row.append(letters[cell.style] ?? "?")
        }
        lines.append("\"" + row + "\"")
      }
      lines += legend
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `role` plus any of `bold`, `reverse`, `underline`.
  public static func describe(_ style: CellStyle) -> String {
    var parts = [style.role.rawValue]
    if style.bold { parts.append("bold") }
    if style.reverse { parts.append("reverse") }
    if style.underline { parts.append("underline") }
    return parts.joined(separator: " ")
  }

  /// Compares `canvas` with `Snapshots/<name>.txt` in the folder of the
  /// calling test file, recording a test issue on mismatch.
  ///
  /// With `RECORD_SNAPSHOTS=1` in the environment the file is (re)written and
  /// the test FAILS with a note to rerun without it, so a recording run can
  /// never pass by accident (swift-argument-parser's `assertSnapshot`).
  /// A missing file also fails, showing the actual snapshot.
  /// - Parameters:
  ///   - canvas: the canvas to check.
  ///   - name: snapshot file name without `.txt`.
  ///   - includeStyles: whether the snapshot includes the style map.
  ///   - filePath: the test file (default: the caller's).
  ///   - sourceLocation: where to report issues.
  public static func assertMatches(
    _ canvas: Canvas, named name: String, includeStyles: Bool = false, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let actual = render(canvas, includeStyles: includeStyles)
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
      .appendingPathComponent("Snapshots").appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      do {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
          "Recorded snapshot \(url.path); rerun without RECORD_SNAPSHOTS=1.\n\(actual)",
          sourceLocation: sourceLocation)
      } catch {
        Issue.record("Cannot write snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "Missing snapshot \(url.path); run with RECORD_SNAPSHOTS=1 to record.\nActual:\n\(actual)",
        sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      Issue.record(
        "Snapshot \(name) differs.\n\(diff(expected: expected, actual: actual))",
        sourceLocation: sourceLocation)
    }
  }

  /// A line-by-line diff: `-` expected, `+` actual, `  ` same.
  public static func diff(expected: String, actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for i in 0..<max(e.count, a.count) {
      let el = i < e.count ? String(e[i]) : nil
      let al = i < a.count ? String(a[i]) : nil
      if el == al {
        out.append("  " + (el ?? ""))
      } else {
        if let el { out.append("- " + el) }
        if let al { out.append("+ " + al) }
      }
    }
    return out.joined(separator: "\n")
  }
}

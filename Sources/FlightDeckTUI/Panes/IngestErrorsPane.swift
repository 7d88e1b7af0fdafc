import FlightDeckCore

/// The Ingest errors pane: the most recent malformed lines, newest first,
/// as `file:line: field: reason` with the file named relative to the path
/// given on the command line (``rowText(_:given:)``), so a long absolute
/// folder does not push the line and the message off the row; Enter shows
/// the selected error whole (``IngestErrorOverlay``).
///
/// Selection follows ``PaneTable/drawRow(_:columns:placements:y:selected:focused:in:clip:)``:
/// `>` marker always, the ``StyleRole/selection`` bar when focused.
///
/// The title carries the ingest totals so the operator sees them even when
/// the list is scrolled or the pane is small (``titleCounts(_:)``): malformed
/// lines, oversized lines, and OTLP spans skipped for lack of GenAI
/// attributes — the last are not errors, but a trace file whose spans are all
/// skipped would otherwise look empty — and records dated ahead of the clock
/// (kept) or more than a day ahead (dropped), so clock skew is visible. With no errors listed, the body says
/// so and repeats the skipped-span count in words (``emptyText(_:)``).
public enum IngestErrorsPane {
  /// Draws the pane into `rect`.
  public static func draw(
    into canvas: inout Canvas, rect: Rect, snapshot: DashboardSnapshot?, state: AppState, symbols: Symbols
  ) {
    let focused = state.focus == .errors
    var counts = snapshot.map { titleCounts($0.ingest) } ?? ""
    if let ingest = snapshot?.ingest,
      ingest.malformedLines + ingest.oversizedLines > ingest.recentErrors.count
    {
      // Only the most recent errors are kept; say so rather than imply the list is complete.
      counts += "; last \(ingest.recentErrors.count) listed"
    }
    let title = PaneID.errors.title + (counts.isEmpty ? "" : " (\(counts))")
    let inner = canvas.drawBox(rect, title: title, focused: focused, symbols: symbols)
    guard !inner.isEmpty else { return }
    let errors = snapshot.map(AppRows.errors) ?? []
    if errors.isEmpty {
      let text = snapshot.map { emptyText($0.ingest) } ?? "No malformed lines."
      canvas.put(text, x: inner.x, y: inner.y, maxWidth: inner.width, style: CellStyle(.dim))
      return
    }
    let selected = state.selection(of: .errors).index
    let offset = PaneTable.scrollOffset(selected: selected, count: errors.count, visible: inner.height)
    for (n, e) in errors.enumerated().dropFirst(offset).prefix(inner.height) {
      let y = inner.y + n - offset
      let isSelected = n == selected
      let bar = isSelected && focused
      if bar {
        canvas.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: CellStyle(.selection))
      }
      if isSelected {
        canvas.put(">", x: inner.x, y: y, maxWidth: 1, style: CellStyle(.selection, bold: true))
      }
      canvas.put(
        rowText(e, given: state.telemetryPaths), x: inner.x + 1, y: y, maxWidth: inner.width - 1,
        style: CellStyle(bar ? .selection : .warn))
    }
    PaneTable.drawMoreIndicator(errors.count - offset - inner.height, box: rect, in: &canvas)
    PaneTable.drawAboveIndicator(offset, box: rect, in: &canvas)
  }

  /// `path` relative to what was given on the command line (`given`:
  /// files, folders and glob patterns): the part after a given folder, or
  /// after the folder part of a pattern (before its first `*`, `?` or `[`),
  /// the file name of a file given by its path; the longest such match
  /// wins. A path that none explains is returned whole.
  ///
  /// Example: given `/tmp/flightdeck-demo-Ab12/`, the error in
  /// `/tmp/flightdeck-demo-Ab12/telemetry.jsonl.1` reads `telemetry.jsonl.1`.
  public static func displayPath(_ path: String, given: [String]) -> String {
    var best: String?
    for spec in given where !spec.isEmpty && spec != "-" {
      var folder: Substring
      if path == spec {
        return String(path.split(separator: "/").last ?? Substring(path))
      } else if let glob = spec.firstIndex(where: { "*?[".contains($0) }) {
        let head = spec[..<glob]
        folder = head.lastIndex(of: "/").map { head[...$0] } ?? ""
      } else {
        folder = Substring(spec.hasSuffix("/") ? spec : spec + "/")
      }
      if folder.hasPrefix("./") && !path.hasPrefix("./") { folder = folder.dropFirst(2) }
      guard path.hasPrefix(folder), path.count > folder.count else { continue }
      let rest = String(path.dropFirst(folder.count))
      if best.map({ rest.count < $0.count }) ?? true { best = rest }
    }
    return best ?? path
  }

  /// One row: `file:line: field: reason` with the file as ``displayPath(_:given:)``.
  public static func rowText(_ e: IngestError, given: [String]) -> String {
    var shown = e
    shown.path = displayPath(e.path, given: given)
    return shown.description
  }

  /// The counts shown in the title, non-zero ones only, comma-separated:
  /// `"3 malformed, 2 oversized, 19 spans skipped"`; `""` when all are 0.
  public static func titleCounts(_ ingest: IngestSummary) -> String {
    var parts: [String] = []
    if ingest.malformedLines > 0 { parts.append("\(ingest.malformedLines) malformed") }
    if ingest.oversizedLines > 0 { parts.append("\(ingest.oversizedLines) oversized") }
    if ingest.skippedSpans > 0 {
      parts.append("\(ingest.skippedSpans) span\(ingest.skippedSpans == 1 ? "" : "s") skipped")
    }
    if ingest.aheadOfClockRecords > 0 { parts.append("\(ingest.aheadOfClockRecords) ahead of the clock") }
    if ingest.farFutureRecords > 0 {
      parts.append("\(ingest.farFutureRecords) dated over a day ahead, dropped")
    }
    if let limited = ingest.openFileLimitText { parts.append(limited) }
    if ingest.overSeriesLimitRecords > 0 {
      parts.append("\(ingest.overSeriesLimitRecords) over the series limit (\(ingest.seriesLimit)), dropped")
    }
    return parts.joined(separator: ", ")
  }

  /// The body text when no error is listed: `"No malformed lines."`, or with
  /// skipped spans `"No malformed lines; 19 spans without GenAI attributes
  /// skipped."` (1 → "1 span").
  public static func emptyText(_ ingest: IngestSummary) -> String {
    guard ingest.skippedSpans > 0 else { return "No malformed lines." }
    let n = ingest.skippedSpans
    return "No malformed lines; \(n) span\(n == 1 ? "" : "s") without GenAI attributes skipped."
  }
}

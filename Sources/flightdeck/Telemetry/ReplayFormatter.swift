import FlightDeckCore
import FlightDeckTUI
import Foundation

/// Text forms of a ``ReplayResult``.
enum ReplayFormatter {
  /// The peers' TSV: header plus one row per series. Floats use Swift's
  /// shortest round-trip form, so no precision is lost. Names go through
  /// ``DelimitedField/escape(_:)`` (tab, newline, ESC and every other control
  /// become `\xHH`, a backslash `\\`, a leading `=`, `+`, `-` or `@` its
  /// `\xHH` escape; reversible by ``TerminalText/unescape(_:)``), so a row is
  /// always one line of 12 fields and nothing reaches the terminal raw. `cost_usd` is empty (DuckDB's NULL) when no request of the
  /// row had a known cost, and otherwise the sum of the known costs.
  static func tsv(_ r: ReplayResult) -> String {
    var out =
      "artefact\tversion\troute\trequests\terrors\terror_rate\tp50_ms\tp95_ms\tp99_ms\tinput_tokens\toutput_tokens\tcost_usd\n"
    for row in r.rows {
      let s = row.stats
      let failed = s.errors + s.timeouts
      let rate = s.requests > 0 ? Double(failed) / Double(s.requests) : 0
      out += [
        DelimitedField.escape(row.key.artefact), DelimitedField.escape(row.key.version),
        row.key.route.rawValue,
        String(s.requests), String(failed), "\(rate)", s.p50Ms.map { "\($0)" } ?? "",
        s.p95Ms.map { "\($0)" } ?? "", s.p99Ms.map { "\($0)" } ?? "", String(s.inputTokens),
        String(s.outputTokens), s.requests > s.costUnknownRequests ? "\(s.costUSD)" : "",
      ].joined(separator: "\t")
      out += "\n"
    }
    return out
  }

  /// JSON: `{"rows": [...], "records": n, "malformed_lines": n, ...}`.
  static func json(_ r: ReplayResult) -> String {
    var out = "{\"rows\":["
    for (i, row) in r.rows.enumerated() {
      let s = row.stats
      if i > 0 { out += "," }
      out += "{\"artefact\":"
      JSONText.appendString(row.key.artefact, to: &out)
      out += ",\"kind\":\"\(row.kind.rawValue)\",\"version\":"
      JSONText.appendString(row.key.version, to: &out)
      out += ",\"route\":\"\(row.key.route.rawValue)\",\"requests\":\(s.requests),\"errors\":\(s.errors)"
      out += ",\"timeouts\":\(s.timeouts),\"error_rate\":\(s.errorRate)"
      out += ",\"p50_ms\":\(num(s.p50Ms)),\"p95_ms\":\(num(s.p95Ms)),\"p99_ms\":\(num(s.p99Ms))"
      out += ",\"ttft_p95_ms\":\(num(s.ttftP95Ms))"
      out += ",\"input_tokens\":\(s.inputTokens),\"output_tokens\":\(s.outputTokens)"
      out += ",\"cost_usd\":\(s.requests > s.costUnknownRequests ? "\(s.costUSD)" : "null")"
      out += ",\"cost_unknown_requests\":\(s.costUnknownRequests)"
      out += ",\"recomputed_cost_usd\":\(num(s.recomputedCostUSD))"
      out += ",\"recomputed_cost_requests\":\(s.recomputedCostRequests)}"
    }
    out += "],\"records\":\(r.records),\"outside_window\":\(r.outsideWindow)"
    out += ",\"malformed_lines\":\(r.malformedLines),\"oversized_lines\":\(r.oversizedLines)"
    out += ",\"skipped_spans\":\(r.skippedSpans),\"over_series_limit_records\":\(r.overSeriesLimitRecords)"
    out += ",\"series_limit\":\(r.seriesLimit),\"quantile_relative_error\":\(r.quantileRelativeError)"
    out += ",\"unreadable_files\":["
    for (i, f) in r.unreadableFiles.enumerated() {
      out += i > 0 ? ",{\"path\":" : "{\"path\":"
      JSONText.appendString(f.path, to: &out)
      out += ",\"reason\":"
      JSONText.appendString(f.reason, to: &out)
      out += "}"
    }
    out += "]}\n"
    return out
  }

  /// `; N over the series limit (L), dropped` when the series limit refused
  /// records (the dashboard's wording), else empty.
  static func overSeriesLimit(_ r: ReplayResult) -> String {
    r.overSeriesLimitRecords > 0
      ? "; \(r.overSeriesLimitRecords) over the series limit (\(r.seriesLimit)), dropped" : ""
  }

  private static func num(_ v: Double?) -> String { v.map { "\($0)" } ?? "null" }

  /// A readable table, names sanitised and columns aligned by display width.
  static func table(_ r: ReplayResult) -> String {
    let header = [
      "ARTEFACT", "VERSION", "ROUTE", "REQUESTS", "ERR%", "P50", "P95", "P99", "TOKENS IN", "TOKENS OUT",
      "COST",
    ]
    var rows: [[String]] = []
    for row in r.rows {
      let s = row.stats
      rows.append([
        Sanitizer.sanitize(row.key.artefact), Sanitizer.sanitize(row.key.version), row.key.route.rawValue,
        String(s.requests), percent(s.errorRate), ms(s.p50Ms), ms(s.p95Ms), ms(s.p99Ms),
        String(s.inputTokens),
        String(s.outputTokens),
        s.requests > s.costUnknownRequests
          ? usd(s.costUSD) + (s.costUnknownRequests > 0 ? " (+\(s.costUnknownRequests) unknown)" : "")
            + (s.recomputedCostUSD.map { " (table \(usd($0)))" } ?? "")
          : "unknown",
      ])
    }
    var widths = header.map { DisplayWidth.of($0) }
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, c in
        let pad = String(repeating: " ", count: widths[i] - DisplayWidth.of(c))
        return i < 3 ? c + pad : pad + c
      }.joined(separator: "  ")
    }
    var out = line(header) + "\n"
    for row in rows { out += line(row) + "\n" }
    out += PaneFormat.count(r.records, "record")
    if r.outsideWindow > 0 { out += ", \(r.outsideWindow) outside the window" }
    out +=
      "; \(r.malformedLines) malformed, \(PaneFormat.count(r.oversizedLines, "oversized line")); "
      + "\(PaneFormat.count(r.skippedSpans, "span")) skipped\(overSeriesLimit(r))\n"
    if !r.unreadableFiles.isEmpty {
      out +=
        "\(PaneFormat.count(r.unreadableFiles.count, "unreadable file")) left out: "
        + r.unreadableFiles.map { Sanitizer.sanitize($0.description) }.joined(separator: "; ") + "\n"
    }
    return out
  }

  static func percent(_ v: Double) -> String {
    let p = v * 100
    return p == 0 ? "0" : (p < 0.1 ? "<0.1" : String(format: "%.1f", p))
  }

  static func ms(_ v: Double?) -> String {
    guard let v else { return "-" }
    return PaneFormat.compactLatency(ms: v)
  }

  static func usd(_ v: Double) -> String {
    v >= 1 ? String(format: "$%.2f", v) : String(format: "$%.6f", v)
  }
}

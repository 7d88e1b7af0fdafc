import ArgumentParser
import FlightDeckCore
import FlightDeckTUI
import Foundation

/// `flightdeck replay`: aggregate whole files per (artefact, version, route).
struct ReplayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Read telemetry to the end and print per-series requests, errors, latency, tokens and cost.",
    discussion: """
      Uses the same decoder and aggregator as the live dashboard. The window is FROM <= ts < TO. \
      --format tsv prints exactly the table of ../shared/bench/peers.sh (header artefact version route \
      requests errors error_rate p50_ms p95_ms p99_ms input_tokens output_tokens cost_usd), rows sorted \
      by artefact, version, route; errors counts every status other than ok. Latency quantiles come from \
      a log-bucketed histogram with 3 significant digits (HdrHistogram's buckets, stored sparsely): each is within 0.049 % of the exact value of its rank. \
      Names are printed with control characters escaped as \\xHH (tab, newline, ESC…) and bidi and \
      zero-width ones as \\u{HHHH} (JSON: \\uXXXX); TSV also writes a backslash as \\\\ and a leading =, \
      +, - or @ as its \\xHH escape, so the name can be recovered. A series whose requests all have an \
      unknown cost (a model without a price) has an empty cost_usd in TSV and null in JSON, never 0; a \
      series with some known costs shows their sum (the table adds how many were unknown). Malformed lines are counted and \
      reported on stderr, never fatal; but when no record was aggregated and some lines were malformed \
      the command fails (exit 1). A file that cannot be opened or read (permission denied, an I/O error) \
      does not stop the others, as the dashboard marks such a source failing and follows the rest: it is \
      left out, named on stderr and in the output (the table's last line, JSON's unreadable_files), and \
      the command exits 1 after printing what the readable files hold, as cat(1) and grep(1) do. \
      The config's [metrics] max_series (default 100000) bounds the series, as on the dashboard: the records \
      of new series beyond it are counted "over the series limit" (table summary, stderr, JSON's \
      over_series_limit_records) and dropped.
      Exit codes: 0 every file read; 1 a file unreadable (the others printed), no record and malformed \
      lines, a path that matches nothing, or a bad config; 64 bad arguments.
      """)

  /// Output formats.
  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, tsv, json
  }

  @Argument(
    help:
      "Telemetry files, globs or directories; - reads standard input (e.g. zcat old.jsonl.gz | flightdeck replay -).",
    completion: .file())
  var paths: [String]

  @Option(help: "Window start, inclusive (RFC 3339, e.g. 2025-06-01T00:00:00Z).")
  var from: String?

  @Option(help: "Window end, exclusive (RFC 3339).")
  var to: String?

  @Option(help: "Output: table (readable), tsv (the peers' table) or json.")
  var format: OutputFormat = .table

  @Flag(help: "Print JSON: the same as --format json.")
  var json = false

  /// The output asked for: `--json` is `--format json`.
  var output: OutputFormat { json ? .json : format }

  @Option(
    name: .customLong("input-format"), help: "Telemetry format: auto, flightdeck, otlp, litellm or langfuse.",
    completion: .list(["auto", "flightdeck", "otlp", "litellm", "langfuse"]))
  var inputFormat: String = "auto"

  @Option(
    help: "A configuration file (TOML) for prices and the OTLP mapping.",
    completion: .file(extensions: ["toml"]))
  var config: String?

  @Option(
    help: "Worker threads for large files (1 to 256; default: all processors).",
    transform: OptionValue.count(OptionBounds.threads))
  var threads: Int?

  func validate() throws {
    if json, format != .table, format != .json {
      throw ValidationError("--json and --format \(format.rawValue) ask for two outputs: give one")
    }
    if let from, RFC3339Parser.parse(from) == nil {
      throw ValidationError(
        "--from: '\(RegistryNames.excerpt(from))' is not an RFC 3339 time (e.g. 2025-06-01T00:00:00Z)")
    }
    if let to, RFC3339Parser.parse(to) == nil {
      throw ValidationError(
        "--to: '\(RegistryNames.excerpt(to))' is not an RFC 3339 time (e.g. 2025-06-01T00:05:00Z)")
    }
    if TelemetryFormat(rawValue: inputFormat) == nil {
      throw ValidationError(
        "--input-format: '\(RegistryNames.excerpt(inputFormat))' is not one of \(TelemetryFormat.names)")
    }
    if let from, let to, let f = RFC3339Parser.parse(from), let t = RFC3339Parser.parse(to), f >= t {
      throw ValidationError(
        "--from (\(from)) must be earlier than --to (\(to)): the window is FROM <= ts < TO")
    }
    if let config { try ConfigPathCheck.validate(config) }
  }

  func run() throws {
    var options = ReplayOptions()
    options.from = from.flatMap(RFC3339Parser.parse)
    options.to = to.flatMap(RFC3339Parser.parse)
    options.format = TelemetryFormat(rawValue: inputFormat) ?? .auto
    if let threads { options.threads = threads }
    // The benchmarks' "before": every OTLP/JSON line through the decoder (Benchmarks.md, "Fourth pass").
    if ProcessInfo.processInfo.environment["FLIGHTDECK_REPLAY_OTLP_RECORD_PATH"] == "1" {
      options.usesOTLPRecordFreePath = false
    }
    do {
      // Prices and mappings from the configuration every command chooses (ConfigurationChoice):
      // --config, else ./.flightdeck's own flightdeck.toml over config.toml, else config.toml.
      let c = try ConfigurationChoice.choose(config: config, workspace: nil).configuration
      options.prices = c.engineOptions.prices
      options.otlpMapping = c.engineOptions.otlpMapping
      options.litellmMapping = c.engineOptions.litellmMapping
      options.maxLineBytes = c.engineOptions.maxLineBytes
      options.maxSeries = c.engineOptions.maxSeries
    } catch {
      throw CLIError("\(error)")
    }
    let result: ReplayResult
    do {
      let files = try ReplayAggregator.expand(paths)
      if files.isEmpty {
        throw CLIError(
          "no telemetry files in \(paths.joined(separator: " ")) (directories are read one level deep, "
            + "files named *.jsonl, *.json, *.ndjson, *.log and their rotations)")
      }
      result = try ReplayAggregator.run(paths: paths, options: options)
    } catch let e as CLIError {
      throw e
    } catch {
      throw CLIError("\(error)")
    }
    let text: String
    switch output {
    case .tsv: text = ReplayFormatter.tsv(result)
    case .json: text = ReplayFormatter.json(result)
    case .table: text = ReplayFormatter.table(result)
    }
    FileHandle.standardOutput.write(Data(text.utf8))
    // The table already ends with the counts; TSV and JSON stay machine-clean,
    // so the counts and located errors go to stderr.
    let counts =
      result.malformedLines + result.oversizedLines + result.skippedSpans + result.overSeriesLimitRecords
    if (output != .table && counts > 0) || !result.errors.isEmpty || !result.unreadableFiles.isEmpty {
      var report =
        output == .table
        ? ""
        : "flightdeck replay: \(PaneFormat.count(result.records, "record")); "
          + "\(PaneFormat.count(result.malformedLines, "malformed line")), "
          + "\(PaneFormat.count(result.oversizedLines, "oversized line")), "
          + "\(PaneFormat.count(result.skippedSpans, "span")) without GenAI attributes skipped"
          + ReplayFormatter.overSeriesLimit(result) + "\n"
      for e in result.errors { report += "flightdeck replay: \(Sanitizer.sanitize(e.description))\n" }
      for f in result.unreadableFiles {
        report += "flightdeck replay: \(Sanitizer.sanitize(f.description)) (left out)\n"
      }
      let unlisted = result.malformedLines + result.oversizedLines - result.errors.count
      if unlisted > 0 { report += "flightdeck replay: … and \(unlisted) more malformed or oversized lines\n" }
      FileHandle.standardError.write(Data(report.utf8))
    }
    try UnreadableTelemetryFiles.failIfAny(result.unreadableFiles)
    let bad = result.malformedLines + result.oversizedLines
    if result.records == 0 && bad > 0 {
      let outside = result.outsideWindow > 0 ? ", \(result.outsideWindow) outside --from/--to" : ""
      throw CLIError(
        "no record aggregated: \(PaneFormat.count(bad, "line")) malformed or oversized\(outside) "
          + "(see above); check --input-format and the files")
    }
  }
}
